import { usd } from "../context";
import { EKS_END_OF_STANDARD_SUPPORT, EKS_PRICES, ec2Type } from "../prices/compute";
import { HOURS_PER_MONTH as H } from "../prices/types";
import { addGp3 } from "./ebs";
import { packNodes } from "./karpenter";
import { type Rule, arr, num, obj, priceIn, str } from "./common";

/** Extended support when most of the estimated month (from asOf) falls after the end of standard support. */
export function inExtendedSupport(version: string, asOf: string): boolean | undefined {
  const end = EKS_END_OF_STANDARD_SUPPORT[version];
  if (!end) return undefined;
  return Date.parse(end) < Date.parse(asOf) + 15 * 86400_000;
}

const eksCluster: Rule = (ctx, r) => {
  const region = ctx.regionOf(r);
  const version = str(r.inputs.version) ?? "?";
  const extended = inExtendedSupport(version, ctx.asOf);
  const p = extended ? EKS_PRICES.controlPlaneExtended : EKS_PRICES.controlPlane;
  const rate = priceIn(ctx, r, p, region, "EKS control plane");
  if (rate === undefined) return;
  const why =
    extended === undefined
      ? `Kubernetes ${version}: support calendar not pinned, standard support assumed`
      : extended
        ? `Kubernetes ${version} is in EXTENDED support from ${EKS_END_OF_STANDARD_SUPPORT[version]} (upgrade to avoid it)`
        : `Kubernetes ${version} in standard support until ${EKS_END_OF_STANDARD_SUPPORT[version]}`;
  ctx.add(r, "EKS control plane", rate * H, `${usd(rate)}/h x ${H} h; ${why}`);
};

/** Managed node group: desired size of its first instance type, on-demand unless SPOT. */
const nodeGroup: Rule = (ctx, r) => {
  const region = ctx.regionOf(r);
  const type = str(arr(r.inputs.instanceTypes)[0]) ?? "?";
  const desired = num(obj(r.inputs.scalingConfig).desiredSize) ?? 1;
  const t = ec2Type(type);
  if (!t) return ctx.noPrice(r, `instance type ${type} has no pinned price`);
  const large = priceIn(ctx, r, t.spec.large, region, `EC2 ${t.family}`);
  if (large === undefined) return;
  const spot = str(r.inputs.capacityType) === "SPOT";
  const ratio = spot ? ctx.usage.compute.spotPriceRatio : 1;
  const hourly = large * t.mult * ratio;
  ctx.add(
    r,
    "system node group EC2",
    hourly * desired * H,
    `${desired} x ${type} (desiredSize) x ${usd(large * t.mult)}/h${spot ? ` x spotPriceRatio ${ratio}` : " on-demand"} x ${H} h`,
  );
  const lt = ctx
    .ofType("aws:ec2/launchTemplate:LaunchTemplate")
    .find((x) => x.parent === r.parent && ctx.regionOf(x) === region);
  const ebs = obj(obj(arr(lt?.inputs.blockDeviceMappings)[0]).ebs);
  const gib = num(ebs.volumeSize) ?? 20;
  addGp3(
    ctx,
    r,
    "system node root volumes",
    desired * gib,
    `${desired} x ${gib} GiB (launch template${lt ? "" : " not found: EKS default 20 GiB"})`,
  );
};

/** kube-prometheus-stack: Prometheus' persistent volume (gp3). */
const helmRelease: Rule = (ctx, r) => {
  const spec = obj(obj(obj(r.inputs.values).prometheus).prometheusSpec);
  const claim = obj(obj(obj(spec.storageSpec).volumeClaimTemplate).spec);
  const size = str(obj(obj(claim.resources).requests).storage);
  if (!size) return;
  const gib = Number(size.replace(/Gi$/, ""));
  if (!Number.isFinite(gib)) return ctx.skip(r, `Prometheus volume size ${size} not in Gi`);
  addGp3(ctx, r, "Prometheus volume", gib, `${gib} GiB PVC`);
};

export const COMPUTE_RULES: Record<string, Rule> = {
  "eks:index:Cluster": eksCluster,
  "aws:eks/nodeGroup:NodeGroup": nodeGroup,
  "kubernetes:karpenter.sh/v1:NodePool": packNodes,
  "kubernetes:helm.sh/v3:Release": helmRelease,
};
