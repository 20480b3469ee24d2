import { cpuMillis, memoryBytes } from "../../../components/config/primitives";
import { type CostContext, usd } from "../context";
import { EC2_FAMILIES, SIZES } from "../prices/compute";
import { HOURS_PER_MONTH as H } from "../prices/types";
import type { CostResource } from "../types";
import { addGp3 } from "./ebs";
import { type Rule, arr, num, obj, str } from "./common";

/** Per node: kube-reserved (~0.1 vCPU, ~10 % memory) and DaemonSets (vpc-cni, kube-proxy, node-exporter, EBS CSI, Pod Identity agent). */
const RESERVED_CPU = 0.3;
const RESERVED_MEM_GIB = 0.5;
const MEM_ALLOCATABLE = 0.9;
const CANDIDATE_SIZES = ["large", "xlarge", "2xlarge"];

interface Pods {
  count: number;
  cpu: number;
  memGiB: number;
  maxReplicas: number;
}

/**
 * Karpenter capacity at the minimum replicas: the app pods' requests packed on the cheapest
 * allowed instance (family x size) in the NodePool's requirements, at least one node per AZ the
 * pods can spread to (Karpenter honours preferred zone spread while it can). Pods that select
 * the system node group are not counted. Extra NodePools in a region get no pods.
 */
export const packNodes: Rule = (ctx, r) => {
  const region = ctx.regionOf(r);
  const pools = ctx.ofType(r.type).filter((p) => ctx.regionOf(p) === region);
  if (pools[0] !== r)
    return ctx.add(r, "Karpenter nodes", 0, "no pods assigned: the region's first NodePool takes them");
  const pods = appPods(ctx, region);
  const reqs = requirements(r);
  const capacity = reqs.get("karpenter.sh/capacity-type") ?? ["on-demand"];
  const archs = reqs.get("kubernetes.io/arch") ?? ["amd64"];
  const families = (reqs.get("karpenter.k8s.aws/instance-family") ?? Object.keys(EC2_FAMILIES)).filter(
    (f) => EC2_FAMILIES[f] && archs.includes(EC2_FAMILIES[f].arch),
  );
  const spotShare = capacity.includes("spot")
    ? capacity.includes("on-demand")
      ? ctx.usage.compute.spotPercent / 100
      : 1
    : 0;
  const priceFactor = spotShare * ctx.usage.compute.spotPriceRatio + (1 - spotShare);
  const cluster = ctx.ofType("eks:index:Cluster").find((c) => ctx.regionOf(c) === region);
  const azs = arr(cluster?.inputs.privateSubnetIds).length || 1;
  const floor = pods.count > 0 ? Math.min(azs, pods.maxReplicas) : 0;

  let best: { type: string; nodes: number; hourly: number } | undefined;
  for (const family of families) {
    const spec = EC2_FAMILIES[family];
    const large = spec.large.usd[region];
    if (large === undefined) continue;
    for (const size of CANDIDATE_SIZES) {
      const m = SIZES[size];
      const cpu = spec.vcpu * m - RESERVED_CPU;
      const mem = spec.memGiB * m * MEM_ALLOCATABLE - RESERVED_MEM_GIB;
      const nodes = Math.max(Math.ceil(pods.cpu / cpu), Math.ceil(pods.memGiB / mem), floor);
      const hourly = large * m * priceFactor;
      if (!best || nodes * hourly < best.nodes * best.hourly - 1e-9)
        best = { type: `${family}.${size}`, nodes, hourly };
    }
  }
  if (!best) return ctx.noPrice(r, `no pinned EC2 price in ${region} for families ${families.join(", ") || "(none)"}`);
  const c = ctx.usage.compute;
  ctx.add(
    r,
    "Karpenter nodes",
    best.nodes * best.hourly * H,
    `${best.nodes} x ${best.type} for ${pods.count} pods at min replicas (requests ${pods.cpu.toFixed(2)} vCPU, ` +
      `${pods.memGiB.toFixed(2)} GiB; >= 1 node per AZ up to ${azs}), cheapest of ${families.join("/")} ` +
      `at ${usd(best.hourly / priceFactor)}/h on-demand; ${Math.round(spotShare * 100)} % spot ` +
      `(compute.spotPercent ${c.spotPercent}) at spotPriceRatio ${c.spotPriceRatio} -> ${usd(best.hourly)}/h x ${H} h`,
  );
  const nodeClass = ctx.ofType("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass").find((n) => ctx.regionOf(n) === region);
  const bdm = obj(obj(arr(obj(nodeClass?.inputs.spec).blockDeviceMappings)[0]).ebs);
  const gib = Number((str(bdm.volumeSize) ?? "20Gi").replace(/Gi$/, ""));
  if (best.nodes > 0)
    addGp3(ctx, r, "Karpenter node root volumes", best.nodes * gib, `${best.nodes} x ${gib} GiB (EC2NodeClass)`);
};

function requirements(r: CostResource): Map<string, string[]> {
  const spec = obj(obj(obj(r.inputs.spec).template).spec);
  const out = new Map<string, string[]>();
  for (const q of arr(spec.requirements).map(obj))
    if (str(q.operator) === "In") out.set(str(q.key) ?? "", arr(q.values).map(String));
  return out;
}

/** App pods of a region at their minimum replicas (HPA minReplicas, KEDA minReplicaCount, else spec.replicas or 1). */
export function appPods(ctx: CostContext, region: string): Pods {
  const inRegion = (t: string) => ctx.ofType(t).filter((x) => ctx.regionOf(x) === region);
  const min = new Map<string, number>();
  const max = new Map<string, number>();
  const key = (ns: unknown, name: unknown) => `${String(ns ?? "default")}/${String(name)}`;
  for (const h of inRegion("kubernetes:autoscaling/v2:HorizontalPodAutoscaler")) {
    const s = obj(h.inputs.spec);
    const k = key(obj(h.inputs.metadata).namespace, obj(s.scaleTargetRef).name);
    min.set(k, num(s.minReplicas) ?? 1);
    max.set(k, num(s.maxReplicas) ?? 1);
  }
  for (const so of inRegion("kubernetes:keda.sh/v1alpha1:ScaledObject")) {
    const s = obj(so.inputs.spec);
    const k = key(obj(so.inputs.metadata).namespace, obj(s.scaleTargetRef).name);
    min.set(k, num(s.minReplicaCount) ?? 0);
    max.set(k, num(s.maxReplicaCount) ?? 100);
  }
  const pods: Pods = { count: 0, cpu: 0, memGiB: 0, maxReplicas: 0 };
  for (const d of inRegion("kubernetes:apps/v1:Deployment")) {
    const meta = obj(d.inputs.metadata);
    const spec = obj(d.inputs.spec);
    const pod = obj(obj(spec.template).spec);
    if (str(obj(pod.nodeSelector)["platform.io/node-role"]) === "system") continue;
    const k = key(meta.namespace, meta.name);
    const replicas = min.get(k) ?? num(spec.replicas) ?? 1;
    let cpu = 0;
    let mem = 0;
    for (const c of arr(pod.containers).map(obj)) {
      const req = obj(obj(c.resources).requests);
      cpu += str(req.cpu) ? cpuMillis(str(req.cpu)!) / 1000 : 0;
      mem += str(req.memory) ? memoryBytes(str(req.memory)!) / 1024 ** 3 : 0;
    }
    pods.count += replicas;
    pods.cpu += replicas * cpu;
    pods.memGiB += replicas * mem;
    pods.maxReplicas = Math.max(pods.maxReplicas, max.get(k) ?? replicas, replicas);
  }
  return pods;
}
