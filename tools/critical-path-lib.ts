import type { PlanResource } from "./engine/run";
import { DEFAULT_MINUTES, durationFor } from "./critical-path-durations";

/**
 * Deploy-time estimate of a fresh `pulumi up` from plan.json: Pulumi starts a resource as soon
 * as everything it depends on (explicit `dependsOn`, inputs read from other resources, its
 * provider) is created, so the deploy takes as long as the longest chain of create durations.
 * Pure: plan resources in, figures out.
 */

export interface Step {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly minutes: number;
  /** Minutes from the start of `pulumi up` until this resource is created. */
  readonly finish: number;
}

export interface Chain {
  readonly minutes: number;
  /** First created first. */
  readonly steps: readonly Step[];
}

/**
 * A chain no dependency edit can shorten: the resources of these types and the edges among them
 * (what AWS itself makes sequential). The floor is the longest of them.
 */
export interface InherentChain {
  readonly name: string;
  readonly why: string;
  readonly types: readonly string[];
}

const NETWORK = ["aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/securityGroup:SecurityGroup"];

export const INHERENT_CHAINS: readonly InherentChain[] = [
  {
    name: "Aurora global database",
    why: "global cluster, then the primary cluster and its instances, then each secondary cluster and its instances (a secondary joins only an available primary)",
    types: [
      ...NETWORK,
      "aws:kms/key:Key",
      "aws:rds/subnetGroup:SubnetGroup",
      "aws:rds/clusterParameterGroup:ClusterParameterGroup",
      "random:index/randomPassword:RandomPassword",
      "aws:rds/globalCluster:GlobalCluster",
      "aws:rds/cluster:Cluster",
      "aws:rds/clusterInstance:ClusterInstance",
    ],
  },
  {
    name: "ElastiCache global datastore",
    why: "primary replication group, then the global datastore, then the secondaries",
    types: [
      ...NETWORK,
      "aws:kms/key:Key",
      "aws:elasticache/subnetGroup:SubnetGroup",
      "random:index/randomPassword:RandomPassword",
      "aws:elasticache/replicationGroup:ReplicationGroup",
      "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
    ],
  },
  {
    name: "EKS cluster to running application pods",
    why: "network, control plane, system nodes and add-ons, Karpenter, then pods on Karpenter nodes",
    types: [
      ...NETWORK,
      "aws:ec2/routeTable:RouteTable",
      "aws:ec2/route:Route",
      "aws:ec2/natGateway:NatGateway",
      "aws:ec2/eip:Eip",
      "aws:ec2/internetGateway:InternetGateway",
      "aws:ec2/launchTemplate:LaunchTemplate",
      "aws:iam/role:Role",
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      "aws:kms/key:Key",
      "eks:index:Cluster",
      "pulumi:providers:kubernetes",
      "aws:eks/nodeGroup:NodeGroup",
      "aws:eks/addon:Addon",
      "aws:eks/podIdentityAssociation:PodIdentityAssociation",
      "kubernetes:helm.sh/v3:Release",
      "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass",
      "kubernetes:karpenter.sh/v1:NodePool",
      "kubernetes:apps/v1:Deployment",
    ],
  },
  {
    name: "MSK cluster to its clients' pods",
    why: "network, the MSK cluster (brokers in every AZ), then the endpoints ConfigMap with its bootstrap brokers, then the pods that read them",
    types: [
      ...NETWORK,
      "aws:kms/key:Key",
      "aws:msk/configuration:Configuration",
      "aws:msk/cluster:Cluster",
      "kubernetes:core/v1:ConfigMap",
      "kubernetes:apps/v1:Deployment",
    ],
  },
  {
    name: "CloudFront front door",
    why: "certificate, its DNS validation, the distribution, the public records",
    types: [
      "aws:acm/certificate:Certificate",
      "aws:acm/certificateValidation:CertificateValidation",
      "aws:route53/record:Record",
      "aws:wafv2/webAcl:WebAcl",
      "aws:cloudfront/distribution:Distribution",
    ],
  },
];

/** Create duration of one resource: components and providers take no time of their own. */
export function minutesOf(r: PlanResource): number {
  if (r.type.startsWith("pulumi:providers:")) return 0;
  const d = durationFor(r.type, r.inputs ?? {});
  if (d) return d.minutes;
  return r.custom ? DEFAULT_MINUTES : 0;
}

/** What a resource waits for: its dependencies and its provider (a provider waits for its own inputs). */
export function waitsFor(r: PlanResource, known: ReadonlySet<string>): string[] {
  const out = new Set(r.dependencies.filter((d) => known.has(d)));
  if (r.provider && known.has(r.provider)) out.add(r.provider);
  return [...out];
}

/** Earliest finish of every resource and the dependency that decided it (longest-path on the DAG). */
export function schedule(resources: readonly PlanResource[]): Map<string, { finish: number; via?: string }> {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const known = new Set(byUrn.keys());
  const out = new Map<string, { finish: number; via?: string }>();
  const visiting = new Set<string>();
  const visit = (urn: string): number => {
    const done = out.get(urn);
    if (done) return done.finish;
    if (visiting.has(urn)) throw new Error(`dependency cycle through ${urn}`);
    visiting.add(urn);
    const r = byUrn.get(urn)!;
    let start = 0;
    let via: string | undefined;
    for (const d of waitsFor(r, known)) {
      const f = visit(d);
      if (f > start) [start, via] = [f, d];
    }
    visiting.delete(urn);
    const finish = start + minutesOf(r);
    out.set(urn, { finish, ...(via ? { via } : {}) });
    return finish;
  };
  for (const r of resources) visit(r.urn);
  return out;
}

/** The chain ending at `urn`, first created first. */
function chainTo(urn: string, times: ReturnType<typeof schedule>, byUrn: Map<string, PlanResource>): Chain {
  const steps: Step[] = [];
  for (let cur: string | undefined = urn; cur; cur = times.get(cur)?.via) {
    const r = byUrn.get(cur)!;
    steps.unshift({ urn: cur, type: r.type, name: r.name, minutes: minutesOf(r), finish: times.get(cur)!.finish });
  }
  return { minutes: times.get(urn)?.finish ?? 0, steps: steps.filter((s) => s.minutes > 0) };
}

/** The longest creation chain of a set of resources (dependencies outside the set are ignored). */
export function longestChain(resources: readonly PlanResource[]): Chain {
  if (resources.length === 0) return { minutes: 0, steps: [] };
  const times = schedule(resources);
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  let last = resources[0].urn;
  for (const r of resources) if (times.get(r.urn)!.finish > times.get(last)!.finish) last = r.urn;
  return chainTo(last, times, byUrn);
}

/** The floor: the longest inherent chain in this plan. */
export function floorOf(resources: readonly PlanResource[]): { chain: InherentChain; path: Chain } {
  let best: { chain: InherentChain; path: Chain } | undefined;
  for (const chain of INHERENT_CHAINS) {
    const types = new Set(chain.types);
    const path = longestChain(resources.filter((r) => types.has(r.type)));
    if (!best || path.minutes > best.path.minutes) best = { chain, path };
  }
  return best!;
}

/** The region a resource belongs to: its Region component ancestor (Kubernetes objects have no AWS region). */
export function regionOf(r: PlanResource, byUrn: Map<string, PlanResource>): string | null {
  for (let cur: PlanResource | undefined = r; cur; cur = cur.parent ? byUrn.get(cur.parent) : undefined)
    if (cur.type === "platform:region:Region") return cur.name;
  return null;
}

/** What must exist before a region answers users: its gateway pods, their binding to the ALB, the ALB's listener rules. */
const REGIONAL_SERVING = new Set([
  "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding",
  "aws:lb/listenerRule:ListenerRule",
  "aws:lb/listener:Listener",
  "aws:route53/record:Record",
]);
/** ...and the global front door: CloudFront and the public records. */
const GLOBAL_SERVING = new Set(["aws:cloudfront/distribution:Distribution", "aws:route53/record:Record"]);
const GATEWAY_DEPLOYMENT = "nginx-gateway";

/**
 * A record in a private hosted zone (one associated with VPCs) answers only inside those VPCs, never
 * users: the cache writer's failover name waits for the cache, and users do not wait for it.
 */
function isPrivateRecord(r: PlanResource, byUrn: Map<string, PlanResource>): boolean {
  if (r.type !== "aws:route53/record:Record") return false;
  return r.dependencies.some((d) => {
    const zone = byUrn.get(d);
    const vpcs = zone?.type === "aws:route53/zone:Zone" ? zone.inputs?.vpcs : undefined;
    return Array.isArray(vpcs) && vpcs.length > 0;
  });
}

/** Minutes until each region serves traffic through CloudFront. */
export function servingTimes(resources: readonly PlanResource[], times = schedule(resources)): Record<string, Step> {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  let front = 0;
  const perRegion = new Map<string, PlanResource[]>();
  for (const r of resources) {
    if (isPrivateRecord(r, byUrn)) continue;
    const region = regionOf(r, byUrn);
    const isGateway =
      r.type === "kubernetes:apps/v1:Deployment" &&
      (r.inputs?.metadata as { name?: string } | undefined)?.name === GATEWAY_DEPLOYMENT;
    if (region && (REGIONAL_SERVING.has(r.type) || isGateway))
      perRegion.set(region, [...(perRegion.get(region) ?? []), r]);
    if (!region && GLOBAL_SERVING.has(r.type)) front = Math.max(front, times.get(r.urn)!.finish);
  }
  const out: Record<string, Step> = {};
  for (const [region, rs] of perRegion) {
    const last = rs.reduce((a, b) => (times.get(b.urn)!.finish > times.get(a.urn)!.finish ? b : a));
    const finish = Math.max(front, times.get(last.urn)!.finish);
    out[region] = { urn: last.urn, type: last.type, name: last.name, minutes: minutesOf(last), finish };
  }
  return out;
}

export interface CriticalPathReport {
  readonly stack: string;
  readonly critical: Chain;
  readonly floor: { readonly name: string; readonly why: string; readonly path: Chain };
  /** critical / floor - 1 (0.05 = 5 % above the floor). */
  readonly gap: number;
  readonly serving: Record<string, Step>;
}

export function analyse(stack: string, resources: readonly PlanResource[]): CriticalPathReport {
  const times = schedule(resources);
  const critical = longestChain(resources);
  const f = floorOf(resources);
  const gap = f.path.minutes > 0 ? critical.minutes / f.path.minutes - 1 : 0;
  return {
    stack,
    critical,
    floor: { name: f.chain.name, why: f.chain.why, path: f.path },
    gap,
    serving: servingTimes(resources, times),
  };
}

const mins = (m: number) => `${m.toFixed(1)} min`;

export function formatReport(r: CriticalPathReport): string {
  const lines = [
    `Deploy-time estimate for stack "${r.stack}" (fresh pulumi up, typical create durations):`,
    `  critical path: ${mins(r.critical.minutes)}`,
    `  floor:         ${mins(r.floor.path.minutes)} (${r.floor.name}: ${r.floor.why})`,
    `  gap:           ${mins(r.critical.minutes - r.floor.path.minutes)} (${(r.gap * 100).toFixed(1)} % above the floor)`,
    "",
    "Serving traffic (gateway pods bound to the ALB, CloudFront deployed):",
    ...Object.entries(r.serving)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([region, s]) => `  ${region.padEnd(14)} ${mins(s.finish)}  (last: ${s.name})`),
    "",
    "Critical path (steps over 0.1 min):",
    ...r.critical.steps
      .filter((s) => s.minutes > 0.1)
      .map((s) => `  ${mins(s.finish).padStart(9)}  +${s.minutes.toFixed(1).padStart(4)}  ${s.name}  (${s.type})`),
  ];
  return lines.join("\n");
}
