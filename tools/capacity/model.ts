/**
 * Capacity proof, pure: from a plan.json (what the program really plans, with the stack's demand
 * model as `usage.demand`) and ASSUMPTIONS, whether each region's ceilings (max replicas x per-pod capacity, gateway,
 * Karpenter NodePool limits, Aurora connections, ElastiCache clients/ops/memory) reach it, with all
 * regions up and with one region lost (its traffic spread over the others).
 */
import { auroraClassMemoryGiB, auroraDefaultMaxConnections } from "../../components/config/aws-domains";
import { demandSchema, resolveDemand, type DemandPlan } from "../../components/config/sections/demand";
import { ASSUMPTIONS, CACHE_NODE_MEMORY_BYTES, type Assumptions } from "./assumptions";

interface PlanResource {
  type: string;
  name: string;
  region: string | null;
  inputs: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}
export interface PlanLike {
  stack: string;
  resources: PlanResource[];
  /** The resolved cost section; `demand` is the stack's demand model (plans from before it carry none). */
  usage?: { demand?: DemandPlan };
}

export interface Workload {
  name: string;
  maxReplicas: number;
  /** CPU limit (cores) of the serving container. */
  cpuLimit: number;
  /** Sum over containers of requests. */
  cpuRequest: number;
  memoryRequest: number;
  usesData: boolean;
}
export interface RegionFacts {
  region: string;
  workloads: Workload[];
  nodePool: { cpu: number; memory: number };
  db?: { instanceClass: string; maxInstances: number };
  cache?: { nodeType: string; nodes: number };
}

export function cpuCores(q: string | number): number {
  const s = String(q);
  return s.endsWith("m") ? Number(s.slice(0, -1)) / 1000 : Number(s);
}
const UNITS: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, K: 1e3, M: 1e6, G: 1e9 };
export function bytes(q: string | number): number {
  const m = /^(\d+(?:\.\d+)?)([KMGT]i?)?$/.exec(String(q));
  if (!m) throw new Error(`not a memory quantity: ${q}`);
  return Number(m[1]) * (m[2] ? UNITS[m[2]] : 1);
}

/** Per-region facts read from the plan. Kubernetes resources carry no region: their names start with it. */
export function regionFacts(plan: PlanLike): RegionFacts[] {
  const regions = [...new Set(plan.resources.map((r) => r.region).filter((r): r is string => !!r))].sort();
  const inRegion = (r: PlanResource, region: string) => r.region === region || r.name.startsWith(`${region}-`);
  return regions.map((region) => {
    const rs = plan.resources.filter((r) => inRegion(r, region));
    const of = (t: string) => rs.filter((r) => r.type === t);
    const maxOf = new Map<string, number>();
    for (const so of of("kubernetes:keda.sh/v1alpha1:ScaledObject"))
      maxOf.set(so.inputs.spec.scaleTargetRef.name, so.inputs.spec.maxReplicaCount);
    for (const h of of("kubernetes:autoscaling/v2:HorizontalPodAutoscaler"))
      maxOf.set(h.inputs.spec.scaleTargetRef.name, h.inputs.spec.maxReplicas);
    const workloads = of("kubernetes:apps/v1:Deployment")
      .filter((d) => d.inputs.metadata.namespace === "apps")
      .map((d) => {
        const containers: any[] = d.inputs.spec.template.spec.containers; // eslint-disable-line @typescript-eslint/no-explicit-any
        const name: string = d.inputs.metadata.name;
        return {
          name,
          maxReplicas: maxOf.get(name) ?? d.inputs.spec.replicas ?? 1,
          cpuLimit: cpuCores(containers[0].resources.limits.cpu),
          cpuRequest: containers.reduce((a, c) => a + cpuCores(c.resources.requests.cpu), 0),
          memoryRequest: containers.reduce((a, c) => a + bytes(c.resources.requests.memory), 0),
          usesData: containers.some((c) =>
            ((c.envFrom ?? []) as { configMapRef?: { name: string } }[]).some(
              (e) => e.configMapRef?.name === "data-endpoints",
            ),
          ),
        };
      });
    const pools = of("kubernetes:karpenter.sh/v1:NodePool");
    const nodePool = {
      cpu: pools.reduce((a, p) => a + cpuCores(p.inputs.spec.limits?.cpu ?? 0), 0),
      memory: pools.reduce((a, p) => a + bytes(p.inputs.spec.limits?.memory ?? 0), 0),
    };
    const instances = of("aws:rds/clusterInstance:ClusterInstance");
    const readers = of("aws:appautoscaling/target:Target").filter((t) => t.inputs.serviceNamespace === "rds");
    const db = instances.length
      ? {
          instanceClass: instances[0].inputs.instanceClass,
          maxInstances: readers.length ? 1 + Math.max(...readers.map((t) => t.inputs.maxCapacity)) : instances.length,
        }
      : undefined;
    const groups = of("aws:elasticache/replicationGroup:ReplicationGroup");
    const primaryType = plan.resources.find(
      (r) => r.type === "aws:elasticache/replicationGroup:ReplicationGroup" && r.inputs.nodeType,
    )?.inputs.nodeType;
    const cache = groups.length
      ? { nodeType: groups[0].inputs.nodeType ?? primaryType, nodes: groups[0].inputs.numCacheClusters ?? 1 }
      : undefined;
    return { region, workloads, nodePool, db, cache };
  });
}

export type Demand = DemandPlan;

/** The plan's demand model, or the default one (`platform:demand` unset) for a plan without it. */
export function demand(plan?: Pick<PlanLike, "usage">): Demand {
  return plan?.usage?.demand ?? resolveDemand(demandSchema.parse({}));
}

export interface Check {
  region: string;
  scenario: "all regions" | "one region lost";
  what: string;
  need: number;
  have: number;
  ok: boolean;
}

export const GATEWAY = "nginx-gateway";

/** Every check for every region, with all regions serving and with the largest share after losing one. */
export function capacityChecks(facts: RegionFacts[], d: Demand = demand(), a: Assumptions = ASSUMPTIONS): Check[] {
  const { peakRps, dailyActiveUsers } = d;
  const n = facts.length;
  const scenarios = [{ scenario: "all regions" as const, share: 1 / n }];
  if (n > 1) scenarios.push({ scenario: "one region lost" as const, share: 1 / (n - 1) } as never);
  const checks: Check[] = [];
  for (const f of facts) {
    const add = (scenario: Check["scenario"], what: string, need: number, have: number) =>
      checks.push({
        region: f.region,
        scenario,
        what,
        need,
        have,
        ok: have >= need,
      });
    for (const { scenario, share } of scenarios) {
      const rps = peakRps * share;
      for (const w of f.workloads) {
        const routeShare = a.routeShare[w.name];
        if (w.name === GATEWAY)
          add(
            scenario,
            `${w.name} rps (max ${w.maxReplicas} x ${w.cpuLimit} CPU)`,
            rps,
            w.maxReplicas * w.cpuLimit * a.gatewayRpsPerCore,
          );
        else if (routeShare !== undefined)
          add(
            scenario,
            `${w.name} rps (max ${w.maxReplicas} x ${w.cpuLimit} CPU)`,
            rps * routeShare,
            w.maxReplicas * w.cpuLimit * a.appRpsPerCore,
          );
      }
      if (f.cache)
        add(
          scenario,
          `cache ops/s (${f.cache.nodes} x ${f.cache.nodeType})`,
          rps * a.cacheOpsPerRequest,
          f.cache.nodes * a.cacheOpsPerNode,
        );
    }
    const sum = (k: (w: Workload) => number) => f.workloads.reduce((acc, w) => acc + w.maxReplicas * k(w), 0);
    add(
      "all regions",
      "NodePool CPU (cores requested at max replicas)",
      sum((w) => w.cpuRequest),
      f.nodePool.cpu * a.nodeUsableShare,
    );
    add(
      "all regions",
      "NodePool memory (GiB requested at max replicas)",
      sum((w) => w.memoryRequest) / 1024 ** 3,
      (f.nodePool.memory * a.nodeUsableShare) / 1024 ** 3,
    );
    const dataPods = f.workloads.filter((w) => w.usesData).reduce((acc, w) => acc + w.maxReplicas, 0);
    if (f.db) {
      const mem = auroraClassMemoryGiB(f.db.instanceClass);
      const per = mem ? auroraDefaultMaxConnections(mem) : 0;
      add(
        "all regions",
        `Aurora connections (${f.db.maxInstances} x ${f.db.instanceClass}, ${per} each${mem ? "" : ": class not in the table"})`,
        dataPods * a.dbPoolPerPod,
        f.db.maxInstances * per,
      );
    }
    if (f.cache) {
      const mem = CACHE_NODE_MEMORY_BYTES[f.cache.nodeType] ?? 0;
      add(
        "all regions",
        `cache clients (${f.cache.nodes} nodes)`,
        dataPods * a.cachePoolPerPod,
        f.cache.nodes * a.cacheMaxClientsPerNode,
      );
      add(
        "all regions",
        `cache memory GiB (one shard, full copy per region: ${f.cache.nodeType})`,
        (dailyActiveUsers * a.cacheBytesPerActiveUser) / 1024 ** 3,
        (mem * a.cacheUsableShare) / 1024 ** 3,
      );
    }
  }
  return checks;
}

/** What a service at `pods` x `cpu` serves (the figure for "today's 10 pods x 200m"). */
export function servedRps(pods: number, cpu: number, a: Assumptions = ASSUMPTIONS): number {
  return pods * cpu * a.appRpsPerCore;
}
