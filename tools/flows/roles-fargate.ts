import type { PlanResource } from "../../policies/lib/offline";
import { isUnknown } from "../order/graph";
import type { PlanView, RegionView } from "./endpoints";
import { selects } from "./netpol-model";
import type { FlowRequirement } from "./required";
import type { Side } from "./roles";
import type { LabelSelector, Network, SecurityGroup } from "./types";

/**
 * Pods that run on Fargate: the workloads of a namespace a Fargate profile selects, whose pod
 * labels match the selector. NetworkPolicies are not enforced for them (EKS User Guide,
 * cni-network-policy.html, Considerations, read 2026-12-07); their boundary is the security group
 * of their network interface: the groups of the SecurityGroupPolicy selecting them
 * (vpcresources.k8s.aws/v1beta1), else the cluster security group (EKS User Guide,
 * sg-pods-example-deployment.html, read 2026-12-07).
 */
type Labels = Record<string, string>;
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const meta = (r: PlanResource) => (r.inputs.metadata ?? {}) as { name?: string; namespace?: string };
const SGP = "kubernetes:vpcresources.k8s.aws/v1beta1:SecurityGroupPolicy";
const WORKLOADS = ["kubernetes:batch/v1:CronJob", "kubernetes:batch/v1:Job", "kubernetes:apps/v1:Deployment"];

/** Pod template labels of a CronJob, Job or Deployment. */
function podLabels(r: PlanResource): Labels {
  type T = { template?: { metadata?: { labels?: Labels } }; jobTemplate?: { spec?: T } };
  const spec = (r.inputs.spec ?? {}) as T;
  return (spec.jobTemplate?.spec ?? spec).template?.metadata?.labels ?? {};
}

export interface FargateWorkload {
  namespace: string;
  name: string;
  urn: string;
  labels: Labels;
  subnets: string[];
  /** The SecurityGroupPolicy that selects the pods, if any. */
  policy?: PlanResource;
  /** Its group ids, or the cluster security group without one. */
  groups: string[];
}

/** The namespaces Fargate profiles select in a region, each with its workloads and whether all of them run on Fargate. */
export function fargateNamespaces(
  view: PlanView,
  rv: RegionView,
): { namespace: string; fargateOnly: boolean; workloads: FargateWorkload[] }[] {
  const profiles = view.of("aws:eks/fargateProfile:FargateProfile", rv.region);
  const selectors = profiles.flatMap((p) =>
    ((p.inputs.selectors ?? []) as { namespace?: string; labels?: Labels }[]).map((s) => ({ ...s, profile: p })),
  );
  const out = [];
  for (const namespace of [...new Set(selectors.map((s) => String(s.namespace)))].sort()) {
    const workloads = rv.k8s.filter((r) => WORKLOADS.includes(r.type) && meta(r).namespace === namespace);
    const onFargate: FargateWorkload[] = [];
    for (const w of workloads) {
      const labels = podLabels(w);
      const sel = selectors.find(
        (s) => s.namespace === namespace && Object.entries(s.labels ?? {}).every(([k, v]) => labels[k] === v),
      );
      if (!sel) continue;
      const policy = rv.k8s.find(
        (r) =>
          r.type === SGP &&
          meta(r).namespace === namespace &&
          !!(r.inputs.spec as { podSelector?: LabelSelector } | undefined)?.podSelector &&
          selects((r.inputs.spec as { podSelector: LabelSelector }).podSelector, labels),
      );
      const ids = strs(
        (policy?.inputs.spec as { securityGroups?: { groupIds?: unknown } } | undefined)?.securityGroups?.groupIds,
      );
      onFargate.push({
        namespace,
        name: String(meta(w).name),
        urn: w.urn,
        labels,
        subnets: strs(sel.profile.inputs.subnetIds),
        policy,
        groups: policy ? ids : rv.clusterSg ? [rv.clusterSg] : [],
      });
    }
    out.push({ namespace, fargateOnly: onFargate.length === workloads.length, workloads: onFargate });
  }
  return out;
}

/** Why a Fargate pod's security groups do not isolate it, or undefined when they do (or cannot be decided yet). */
export function fargateGroupsOpen(net: Network, w: FargateWorkload): string | undefined {
  if (!w.policy)
    return "no SecurityGroupPolicy selects its pods, so they get the cluster security group, which admits all traffic from every node and pod holding it";
  if (w.groups.length === 0) return `SecurityGroupPolicy ${w.policy.name} names no security group`;
  for (const id of w.groups) {
    if (isUnknown(id)) return undefined; // known after the group is created: preview cannot decide
    const g: SecurityGroup | undefined = net.securityGroups.get(id);
    if (!g) return `security group ${id} (SecurityGroupPolicy ${w.policy.name}) is not in the plan`;
    if (g.urn.endsWith("#clusterSecurityGroup"))
      return `SecurityGroupPolicy ${w.policy.name} gives its pods the cluster security group, which admits all traffic from every node and pod holding it`;
    const all = (r: { protocol: string; fromPort: number; toPort: number }) =>
      r.protocol === "-1" || r.protocol === "all" || (r.fromPort <= 0 && r.toPort >= 65535);
    const world = (r: { cidrs: string[] }) => r.cidrs.includes("0.0.0.0/0");
    const open = g.ingress.find((r) => all(r) || world(r)) ?? g.egress.find(all);
    if (open) return `security group ${g.urn} is open: ${open.via} admits ${all(open) ? "every port" : "any address"}`;
  }
  return undefined;
}

export const FARGATE_ROLES: Record<string, (view: PlanView, rv: RegionView) => Side[]> = {
  "fargate-pods": (v, rv) =>
    fargateNamespaces(v, rv).flatMap((n) =>
      n.workloads.map((w) => ({
        endpoint: {
          label: `${rv.region} ${w.name} pods (Fargate)`,
          urn: w.urn,
          vpc: rv.vpc,
          subnets: w.subnets,
          securityGroups: w.groups,
          pod: { cluster: rv.region, namespace: w.namespace, labels: w.labels },
        },
      })),
    ),
};

/** What a Fargate pod needs (sg-pods-example-deployment.html: DNS, the control plane; images and logs over HTTPS). */
export const FARGATE_FLOWS: readonly FlowRequirement[] = [
  {
    id: "fargate-dns",
    from: "fargate-pods",
    to: "kube-dns",
    port: 53,
    protocol: "udp",
    why: "name resolution (CoreDNS)",
  },
  { id: "fargate-dns-tcp", from: "fargate-pods", to: "kube-dns", port: 53, why: "DNS answers too large for UDP" },
  {
    id: "fargate-cluster-api",
    from: "fargate-pods",
    to: "cluster-api",
    port: 443,
    why: "the kubelet Fargate runs beside each pod registers it and reports its status through the API",
  },
  {
    id: "fargate-aws-apis",
    from: "fargate-pods",
    to: "aws-public-apis",
    port: 443,
    why: "the image pull and the log router's CloudWatch Logs calls, through NAT",
  },
  {
    id: "apiserver-fargate-kubelet",
    from: "kube-apiserver",
    to: "fargate-pods",
    port: 10250,
    why: "kubectl logs and exec reach the pod's kubelet from the control plane",
  },
];
