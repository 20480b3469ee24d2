import type { PlanResource } from "../../policies/lib/offline";
import { CALL_RESULTS } from "../engine/mock-state";
import { buildRefs, regionResolver, type Refs } from "./ids";
import type { Endpoint, PodRef } from "./types";

type Labels = Record<string, string>;
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** Where pods sit: on which nodes' subnets and security groups. */
interface Nodes {
  subnets: string[];
  securityGroups: string[];
}

/** Everything the required flows are resolved from, for one region (one cluster per region). */
export interface RegionView {
  region: string;
  vpc?: string;
  cluster?: PlanResource;
  clusterSg?: string;
  systemNodes: Nodes;
  karpenterNodes: Nodes;
  k8s: PlanResource[];
  dataEndpoints?: PlanResource;
}

export interface PlanView {
  resources: readonly PlanResource[];
  refs: Refs;
  regions: RegionView[];
  primaryRegion?: string;
  idOf(r: PlanResource): string;
  of(type: string, region?: string): PlanResource[];
  /** The id the engine returns for a managed prefix list (aws.ec2.getManagedPrefixList by name). */
  prefixList(name: string): string;
}

const tagsMatch = (tags: unknown, want: Labels) =>
  Object.entries(want).every(([k, v]) => (tags as Labels | undefined)?.[k] === v);

export function planView(resources: readonly PlanResource[]): PlanView {
  const refs = buildRefs(resources);
  const idOf = refs.idOf;
  const regionOf = regionResolver(resources);
  const of = (type: string, region?: string) =>
    resources.filter((r) => r.type === type && (region === undefined || regionOf(r) === region));
  const extraTags = of("aws:ec2/tag:Tag");
  const tagsOf = (id: string, r?: PlanResource): Labels => ({
    ...((r?.inputs.tags as Labels | undefined) ?? {}),
    ...Object.fromEntries(
      extraTags.filter((t) => t.inputs.resourceId === id).map((t) => [t.inputs.key, t.inputs.value]),
    ),
  });
  const regions = [...new Set(of("aws:ec2/vpc:Vpc").map((v) => v.region!))].map((region): RegionView => {
    const vpc = of("aws:ec2/vpc:Vpc", region)[0];
    const cluster = of("eks:index:Cluster", region)[0];
    const clusterSg = cluster ? str(refs.state(cluster).clusterSecurityGroupId) : undefined;
    const ng = of("aws:eks/nodeGroup:NodeGroup", region)[0];
    const ltId = (ng?.inputs.launchTemplate as { id?: string } | undefined)?.id;
    const lt = refs.resolve(ltId, "aws:ec2/launchTemplate:LaunchTemplate");
    const ltSgs = strs(lt?.inputs.vpcSecurityGroupIds);
    const systemNodes = {
      subnets: strs(ng?.inputs.subnetIds),
      securityGroups: ltSgs.length ? ltSgs : clusterSg ? [clusterSg] : [],
    };
    const nodeClass = of("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", region)[0];
    const spec = (nodeClass?.inputs.spec ?? {}) as Record<string, { tags?: Labels; id?: string }[] | undefined>;
    const select = (type: string, terms: { tags?: Labels; id?: string }[] = []) => {
      const ids = of(type, region)
        .map((r) => idOf.get(r.urn)!)
        // Stryker disable next-line ArrayDeclaration: a placeholder id matches no selector term (no tags, no such id), so it is never selected
        .concat(type.includes("securityGroup") && clusterSg ? [clusterSg] : []);
      return ids.filter((id) =>
        terms.some((t) =>
          t.id ? t.id === id : t.tags ? tagsMatch(tagsOf(id, refs.resolve(id, type)), t.tags) : false,
        ),
      );
    };
    return {
      region,
      vpc: vpc ? idOf.get(vpc.urn) : undefined,
      cluster,
      clusterSg,
      systemNodes,
      karpenterNodes: {
        subnets: select("aws:ec2/subnet:Subnet", spec.subnetSelectorTerms),
        securityGroups: select("aws:ec2/securityGroup:SecurityGroup", spec.securityGroupSelectorTerms),
      },
      k8s: resources.filter((r) => r.type.startsWith("kubernetes:") && regionOf(r) === region),
      dataEndpoints: resources.find(
        (r) =>
          r.type === "kubernetes:core/v1:ConfigMap" &&
          regionOf(r) === region &&
          (r.inputs.metadata as { name?: string } | undefined)?.name === "data-endpoints",
      ),
    };
  });
  const primaryDb = of("aws:rds/cluster:Cluster").find((c) => c.inputs.masterUsername !== undefined);
  return {
    resources,
    refs,
    regions,
    primaryRegion: primaryDb?.region ?? regions[0]?.region,
    idOf: (r) => idOf.get(r.urn) ?? "",
    of,
    prefixList: (name) =>
      String(
        // Stryker disable next-line StringLiteral: the mock call answers from the inputs only; token and provider are unused
        CALL_RESULTS["aws:ec2/getManagedPrefixList:getManagedPrefixList"]({ token: "", provider: "", inputs: { name } })
          .id,
      ),
  };
}

/** Pods of a region: on the system node group when they select it, else on Karpenter nodes. */
export function podEndpoint(
  rv: RegionView,
  label: string,
  namespace: string,
  labels: Labels,
  onSystem: boolean,
  urn?: string,
): Endpoint {
  const nodes = onSystem ? rv.systemNodes : rv.karpenterNodes;
  const pod: PodRef = { cluster: rv.region, namespace, labels };
  return { label, urn, vpc: rv.vpc, subnets: nodes.subnets, securityGroups: nodes.securityGroups, pod };
}

/** A Deployment's pod template: labels, whether it runs on system nodes, container ports by name. */
export function podTemplate(d: PlanResource): { labels: Labels; system: boolean; ports: Map<string, number> } {
  const spec = (d.inputs.spec ?? {}) as {
    template?: {
      metadata?: { labels?: Labels };
      spec?: { nodeSelector?: Labels; containers?: { ports?: { name?: string; containerPort: number }[] }[] };
    };
  };
  const ports = new Map<string, number>();
  for (const c of spec.template?.spec?.containers ?? [])
    for (const p of c.ports ?? []) if (p.name) ports.set(p.name, p.containerPort);
  return {
    labels: spec.template?.metadata?.labels ?? {},
    system: spec.template?.spec?.nodeSelector?.["platform.io/node-role"] === "system",
    ports,
  };
}

/** An AWS resource placed in subnets (by a subnet group name or ids) with security groups. */
export function placed(
  view: PlanView,
  label: string,
  r: PlanResource,
  subnetIds: string[],
  securityGroups: string[],
): Endpoint {
  const subnet = view.refs.resolve(subnetIds[0], "aws:ec2/subnet:Subnet");
  return {
    label,
    urn: r.urn,
    vpc: subnet ? String(subnet.inputs.vpcId) : undefined,
    subnets: subnetIds,
    securityGroups,
  };
}

export function subnetGroupIds(view: PlanView, type: string, name: unknown): string[] {
  const group = view.of(type).find((g) => (g.inputs.name ?? g.name) === name);
  return strs(group?.inputs.subnetIds);
}
