import type { PlanResource } from "../../policies/lib/offline";
import { buildRefs, parseJson, regionResolver, type Refs } from "./ids";
import { networkPoliciesOf } from "./netpol-model";
import type { Link, Network, Route, RouteTable, SecurityGroup, SgRule, Subnet, Vpc } from "./types";

const T = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  routeTable: "aws:ec2/routeTable:RouteTable",
  route: "aws:ec2/route:Route",
  assoc: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  mainAssoc: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  pcx: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
  pcxAccepter: "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter",
  tgwVpcAttachment: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
  tgwPeering: "aws:ec2transitgateway/peeringAttachment:PeeringAttachment",
  tgwPeeringAccepter: "aws:ec2transitgateway/peeringAttachmentAccepter:PeeringAttachmentAccepter",
  eks: "eks:index:Cluster",
  addon: "aws:eks/addon:Addon",
  tgb: "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding",
} as const;
export const FLOW_TYPES = T;

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const num = (v: unknown, fallback: number): number => (typeof v === "number" ? v : Number(v ?? fallback));

/** The EKS-created cluster security group: all traffic from itself, all egress (AWS EKS user guide, "sec-group-reqs"). */
function clusterSecurityGroup(r: PlanResource, refs: Refs): SecurityGroup | undefined {
  const id = str(refs.state(r).clusterSecurityGroupId);
  if (!id) return undefined;
  const via = `${r.urn}#clusterSecurityGroup`;
  const all = { fromPort: 0, toPort: 65535, protocol: "-1", prefixLists: [], groups: [], via };
  return {
    id,
    urn: via,
    vpc: str(r.inputs.vpcId) ?? null,
    ingress: [{ ...all, cidrs: [], self: true }],
    egress: [{ ...all, cidrs: ["0.0.0.0/0"], self: false }],
  };
}

function inlineRule(r: PlanResource, field: "ingress" | "egress", i: number, x: Record<string, unknown>): SgRule {
  return {
    fromPort: num(x.fromPort, 0),
    toPort: num(x.toPort, 65535),
    protocol: String(x.protocol ?? "-1"),
    cidrs: strs(x.cidrBlocks),
    prefixLists: strs(x.prefixListIds),
    groups: strs(x.securityGroups),
    self: x.self === true,
    via: `${r.urn}#${field}[${i}]`,
  };
}

/** Separate rule resources, in both the ec2 (SecurityGroupRule) and vpc (Ingress/EgressRule) shapes. */
function separateRule(r: PlanResource): { group: string; dir: "ingress" | "egress"; rule: SgRule } | undefined {
  const i = r.inputs;
  const group = str(i.securityGroupId);
  if (!group) return undefined;
  if (r.type === T.sgRule) {
    const dir = i.type === "egress" ? "egress" : "ingress";
    const source = str(i.sourceSecurityGroupId);
    const rule: SgRule = {
      fromPort: num(i.fromPort, 0),
      toPort: num(i.toPort, 65535),
      protocol: String(i.protocol ?? "-1"),
      cidrs: strs(i.cidrBlocks),
      prefixLists: strs(i.prefixListIds),
      groups: source ? [source] : [],
      self: i.self === true,
      via: r.urn,
    };
    return { group, dir, rule };
  }
  const proto = String(i.ipProtocol ?? "-1");
  const other = str(i.referencedSecurityGroupId);
  const rule: SgRule = {
    fromPort: proto === "-1" ? 0 : num(i.fromPort, 0),
    toPort: proto === "-1" ? 65535 : num(i.toPort, 65535),
    protocol: proto,
    cidrs: str(i.cidrIpv4) ? [str(i.cidrIpv4)!] : [],
    prefixLists: str(i.prefixListId) ? [str(i.prefixListId)!] : [],
    groups: other ? [other] : [],
    self: false,
    via: r.urn,
  };
  return { group, dir: r.type === T.egressRule ? "egress" : "ingress", rule };
}

function routeOf(x: Record<string, unknown>, destinationKey: string, via: string): Route | undefined {
  const destination = str(x[destinationKey]);
  if (!destination) return undefined;
  const targets: [string, unknown][] = [
    ["pcx", x.vpcPeeringConnectionId],
    ["tgw", x.transitGatewayId],
    ["nat", x.natGatewayId],
    ["vpce", x.vpcEndpointId],
    ["igw", x.gatewayId],
  ];
  const hit = targets.find(([, v]) => typeof v === "string");
  return hit ? { destination, kind: hit[0], target: hit[1] as string, via } : undefined;
}

/** Builds the network model of a plan: VPCs, subnets, routes, security groups, links, NetworkPolicies. */
export function buildNetwork(resources: readonly PlanResource[]): Network {
  const refs = buildRefs(resources);
  const idOf = refs.idOf;
  const of = (type: string) => resources.filter((r) => r.type === type);
  const vpcs = new Map<string, Vpc>();
  for (const r of of(T.vpc))
    vpcs.set(idOf.get(r.urn)!, {
      id: idOf.get(r.urn)!,
      urn: r.urn,
      cidr: String(r.inputs.cidrBlock),
      region: r.region,
    });

  const routeTables = new Map<string, RouteTable>();
  for (const r of of(T.routeTable)) {
    const id = idOf.get(r.urn)!;
    const inline = (Array.isArray(r.inputs.routes) ? r.inputs.routes : []) as Record<string, unknown>[];
    const routes = inline
      .map((x, i) => routeOf(x, "cidrBlock", `${r.urn}#routes[${i}]`))
      .filter((x): x is Route => !!x);
    routeTables.set(id, { id, urn: r.urn, vpc: String(r.inputs.vpcId), routes });
  }
  for (const r of of(T.route)) {
    const route = routeOf(r.inputs, "destinationCidrBlock", r.urn);
    const table = routeTables.get(String(r.inputs.routeTableId));
    if (route && table) table.routes.push(route);
  }
  for (const t of routeTables.values()) {
    const vpc = vpcs.get(t.vpc);
    if (vpc) t.routes.push({ destination: vpc.cidr, kind: "local", target: "local", via: `${vpc.urn}#local-route` });
  }

  const mainTable = new Map(of(T.mainAssoc).map((r) => [String(r.inputs.vpcId), String(r.inputs.routeTableId)]));
  const assoc = new Map(of(T.assoc).map((r) => [String(r.inputs.subnetId), String(r.inputs.routeTableId)]));
  const subnets = new Map<string, Subnet>();
  for (const r of of(T.subnet)) {
    const id = idOf.get(r.urn)!;
    const vpc = String(r.inputs.vpcId);
    subnets.set(id, {
      id,
      urn: r.urn,
      vpc,
      cidr: String(r.inputs.cidrBlock),
      routeTable: assoc.get(id) ?? mainTable.get(vpc) ?? null,
    });
  }

  const securityGroups = new Map<string, SecurityGroup>();
  for (const r of of(T.sg)) {
    const id = idOf.get(r.urn)!;
    const rules = (field: "ingress" | "egress") =>
      ((Array.isArray(r.inputs[field]) ? r.inputs[field] : []) as Record<string, unknown>[]).map((x, i) =>
        inlineRule(r, field, i, x),
      );
    securityGroups.set(id, {
      id,
      urn: r.urn,
      vpc: str(r.inputs.vpcId) ?? null,
      ingress: rules("ingress"),
      egress: rules("egress"),
    });
  }
  for (const r of of(T.eks)) {
    const sg = clusterSecurityGroup(r, refs);
    if (sg) securityGroups.set(sg.id, sg);
  }
  for (const r of [...of(T.sgRule), ...of(T.ingressRule), ...of(T.egressRule)]) {
    const rule = separateRule(r);
    const sg = rule && securityGroups.get(rule.group);
    if (sg && rule) sg[rule.dir].push(rule.rule);
  }
  const regionOf = regionResolver(resources);
  addTargetGroupBindingRules(resources, securityGroups, regionOf);

  return {
    vpcs,
    subnets,
    routeTables,
    securityGroups,
    links: buildLinks(resources, idOf),
    enforcement: enforcementByRegion(resources),
    ...networkPoliciesOf(resources, regionOf),
  };
}

/**
 * A TargetGroupBinding's `networking.ingress` makes the AWS Load Balancer Controller add those
 * rules to the cluster's node security group (the EKS cluster security group here).
 */
function addTargetGroupBindingRules(
  resources: readonly PlanResource[],
  sgs: Map<string, SecurityGroup>,
  regionOf: (r: PlanResource) => string | null,
): void {
  const clusterSgByRegion = new Map<string | null, SecurityGroup>();
  for (const r of resources.filter((x) => x.type === T.eks)) {
    const sg = [...sgs.values()].find((s) => s.urn === `${r.urn}#clusterSecurityGroup`);
    if (sg) clusterSgByRegion.set(r.region, sg);
  }
  for (const tgb of resources.filter((r) => r.type === T.tgb)) {
    const clusterSg = clusterSgByRegion.get(regionOf(tgb));
    const spec = (tgb.inputs.spec ?? {}) as { networking?: { ingress?: Record<string, unknown>[] } };
    if (!clusterSg) continue;
    (spec.networking?.ingress ?? []).forEach((rule, i) => {
      const from = (rule.from ?? []) as { securityGroup?: { groupID?: string }; ipBlock?: { cidr?: string } }[];
      for (const port of (rule.ports ?? []) as { port?: number; protocol?: string }[])
        clusterSg.ingress.push({
          fromPort: num(port.port, 0),
          toPort: num(port.port, 65535),
          protocol: String(port.protocol ?? "tcp").toLowerCase(),
          cidrs: from.map((f) => f.ipBlock?.cidr).filter((c): c is string => !!c),
          prefixLists: [],
          groups: from.map((f) => f.securityGroup?.groupID).filter((g): g is string => !!g),
          self: false,
          via: `${tgb.urn}#networking.ingress[${i}]`,
        });
    });
  }
}

function buildLinks(resources: readonly PlanResource[], idOf: Map<string, string>): Map<string, Link> {
  const links = new Map<string, Link>();
  const accepters = resources.filter((r) => r.type === T.pcxAccepter && r.inputs.autoAccept === true);
  for (const r of resources.filter((x) => x.type === T.pcx)) {
    const id = idOf.get(r.urn)!;
    const accepter = accepters.find((a) => a.inputs.vpcPeeringConnectionId === id);
    const sameRegion = !r.inputs.peerRegion || r.inputs.peerRegion === r.region;
    const accepted = !!accepter || (sameRegion && r.inputs.autoAccept === true);
    links.set(id, {
      id,
      kind: "pcx",
      vpcs: [String(r.inputs.vpcId), String(r.inputs.peerVpcId)],
      accepted,
      via: [r.urn, ...(accepter ? [accepter.urn] : [])],
    });
  }
  return links;
}

/** vpc-cni add-on with `enableNetworkPolicy: "true"` turns enforcement on, per cluster (region). */
function enforcementByRegion(resources: readonly PlanResource[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of resources.filter((x) => x.type === T.addon && x.inputs.addonName === "vpc-cni")) {
    const values = parseJson(r.inputs.configurationValues);
    if (values.enableNetworkPolicy === "true" && r.region) out.set(r.region, r.urn);
  }
  return out;
}
