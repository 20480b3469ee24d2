/**
 * Types of the reachability model (see reach.ts). Ids are the planned resources' ids as the
 * engine would return them; evidence (`via`) names plan URNs, with a `#field[i]` suffix for a
 * rule inside a resource.
 */
export type Protocol = "tcp" | "udp";

export interface SgRule {
  fromPort: number;
  toPort: number;
  /** "-1" (all), "tcp", "udp", "icmp". */
  protocol: string;
  cidrs: string[];
  prefixLists: string[];
  groups: string[];
  self: boolean;
  via: string;
}

export interface SecurityGroup {
  id: string;
  urn: string;
  vpc: string | null;
  ingress: SgRule[];
  egress: SgRule[];
}

export interface Route {
  destination: string;
  /** igw, nat, pcx (VPC peering), tgw, vpce, local. */
  kind: string;
  target: string;
  via: string;
}

export interface RouteTable {
  id: string;
  urn: string;
  vpc: string;
  routes: Route[];
}

export interface Subnet {
  id: string;
  urn: string;
  vpc: string;
  cidr: string;
  /** The associated route table, or the VPC's main one (local route only unless planned). */
  routeTable: string | null;
}

export interface Vpc {
  id: string;
  urn: string;
  cidr: string;
  region: string | null;
}

/** An inter-VPC link: VPC peering (requester + accepter) or a transit gateway peering. */
export interface Link {
  id: string;
  kind: "pcx" | "tgw";
  vpcs: [string, string];
  accepted: boolean;
  via: string[];
}

export interface PodRef {
  cluster: string;
  namespace: string;
  labels: Record<string, string>;
}

/** The EKS API endpoint of one cluster. */
export interface EksApi {
  cluster: string;
  urn: string;
  publicAccess: boolean;
  privateAccess: boolean;
  publicAccessCidrs: string[];
}

/**
 * One side of a flow. Inside a VPC: subnets (any of them may hold it) and security groups.
 * Outside: the addresses it uses (CIDRs or a managed prefix list). A pod adds its Kubernetes
 * identity for NetworkPolicies; an EKS API destination is decided by the endpoint settings.
 */
export interface Endpoint {
  label: string;
  /** The plan resource that stands for it (violations point here). */
  urn?: string;
  vpc?: string;
  subnets?: string[];
  securityGroups?: string[];
  cidrs?: string[];
  prefixLists?: string[];
  /** Reachable from the internet: in public subnets and not internal (ALB). */
  internetFacing?: boolean;
  pod?: PodRef;
  eksApi?: EksApi;
  /** A link-local address on the pod's own node (kubelet, node agents): no route or security group between. */
  hostLocal?: boolean;
}

export interface NetworkPolicyPeer {
  ipBlock?: { cidr: string; except?: string[] };
  namespaceSelector?: LabelSelector;
  podSelector?: LabelSelector;
}
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
export interface NetworkPolicyRule {
  peers?: NetworkPolicyPeer[];
  ports?: { protocol?: string; port?: number | string; endPort?: number }[];
}
export interface NetworkPolicy {
  urn: string;
  name: string;
  cluster: string;
  namespace: string;
  podSelector: LabelSelector;
  policyTypes: string[];
  ingress: NetworkPolicyRule[];
  egress: NetworkPolicyRule[];
}

export interface Network {
  vpcs: Map<string, Vpc>;
  subnets: Map<string, Subnet>;
  routeTables: Map<string, RouteTable>;
  securityGroups: Map<string, SecurityGroup>;
  links: Map<string, Link>;
  /** Cluster (URN of eks:index:Cluster) -> enforcement evidence; absent = NetworkPolicies inert. */
  enforcement: Map<string, string>;
  policies: NetworkPolicy[];
  /** Namespace labels per cluster (kubernetes.io/metadata.name is implied). */
  namespaceLabels: Map<string, Record<string, string>>;
}

/** The layer of the model that refused a flow. */
export type Layer = "eks-endpoint" | "routes" | "security-groups" | "network-policies";
export type Verdict = { ok: true; via: string[] } | { ok: false; reason: string; layer?: Layer };

export interface FlowResult {
  from: string;
  to: string;
  port: number | string;
  protocol?: Protocol;
  ok: boolean;
  via?: string[];
  reason?: string;
}
