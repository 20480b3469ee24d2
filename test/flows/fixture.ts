import type { PlanResource } from "../../policies/lib/offline";
import type { Endpoint } from "../../tools/flows/types";

/**
 * A two-region synthetic plan small enough to reason about by hand: no element is redundant,
 * so removing any rule, route, link or policy must break exactly the flows whose evidence names it.
 * Ids follow the mock engine (`<name>-id`).
 */
/** One planned resource as the mock engine lists it, for hand-built plans (urn `urn:x::<type>::<name>`). */
export function planResource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  region: string | null = "us-east-1",
  extra: Partial<PlanResource> = {},
): PlanResource {
  return {
    urn: `urn:x::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: null,
    provider: null,
    region,
    inputs,
    dependencies: [],
    ...extra,
  };
}

const id = (name: string) => `${name}-id`;
let resources: PlanResource[] = [];
function res(type: string, name: string, region: string | null, inputs: Record<string, unknown>): PlanResource {
  const r: PlanResource = {
    urn: `urn:pulumi:t::p::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: null,
    provider: null,
    region,
    inputs,
    dependencies: [],
  };
  resources.push(r);
  return r;
}

export function syntheticPlan(): PlanResource[] {
  resources = [];
  const A = "us-east-1";
  const B = "us-west-2";
  res("aws:ec2/vpc:Vpc", "vpc-a", A, { cidrBlock: "10.0.0.0/16" });
  res("aws:ec2/vpc:Vpc", "vpc-b", B, { cidrBlock: "10.1.0.0/16" });
  const subnet = (name: string, region: string, vpc: string, cidr: string) => {
    res("aws:ec2/subnet:Subnet", name, region, { vpcId: id(vpc), cidrBlock: cidr });
    res("aws:ec2/routeTable:RouteTable", `${name}-rt`, region, { vpcId: id(vpc) });
    res("aws:ec2/routeTableAssociation:RouteTableAssociation", `${name}-assoc`, region, {
      subnetId: id(name),
      routeTableId: id(`${name}-rt`),
    });
  };
  subnet("a-pub", A, "vpc-a", "10.0.0.0/24");
  subnet("a-app", A, "vpc-a", "10.0.1.0/24");
  subnet("a-db", A, "vpc-a", "10.0.2.0/24");
  subnet("b-app", B, "vpc-b", "10.1.1.0/24");
  res("aws:ec2/internetGateway:InternetGateway", "igw-a", A, { vpcId: id("vpc-a") });
  res("aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "pcx-ab", A, {
    vpcId: id("vpc-a"),
    peerVpcId: id("vpc-b"),
    peerRegion: B,
  });
  res("aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter", "pcx-ab-accept", B, {
    vpcPeeringConnectionId: id("pcx-ab"),
    autoAccept: true,
  });
  const route = (name: string, region: string, table: string, cidr: string, target: Record<string, string>) =>
    res("aws:ec2/route:Route", name, region, { routeTableId: id(table), destinationCidrBlock: cidr, ...target });
  route("a-pub-default", A, "a-pub-rt", "0.0.0.0/0", { gatewayId: id("igw-a") });
  route("a-db-to-b", A, "a-db-rt", "10.1.0.0/16", { vpcPeeringConnectionId: id("pcx-ab") });
  route("b-app-to-a", B, "b-app-rt", "10.0.0.0/16", { vpcPeeringConnectionId: id("pcx-ab") });

  const tcp = (port: number) => ({ fromPort: port, toPort: port, protocol: "tcp" });
  res("aws:ec2/securityGroup:SecurityGroup", "sg-app-a", A, {
    vpcId: id("vpc-a"),
    egress: [{ ...tcp(5432), cidrBlocks: ["10.0.2.0/24"] }],
  });
  res("aws:ec2/securityGroup:SecurityGroup", "sg-db-a", A, { vpcId: id("vpc-a"), ingress: [] });
  res("aws:ec2/securityGroup:SecurityGroup", "sg-app-b", B, {
    vpcId: id("vpc-b"),
    egress: [{ ...tcp(5432), cidrBlocks: ["10.0.0.0/16"] }],
  });
  res("aws:ec2/securityGroup:SecurityGroup", "sg-alb-a", A, {
    vpcId: id("vpc-a"),
    ingress: [{ ...tcp(443), prefixListIds: ["pl-cloudfront"] }],
    egress: [{ ...tcp(8080), cidrBlocks: ["10.0.1.0/24"] }],
  });
  res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "db-from-app-a", A, {
    securityGroupId: id("sg-db-a"),
    referencedSecurityGroupId: id("sg-app-a"),
    ipProtocol: "tcp",
    fromPort: 5432,
    toPort: 5432,
  });
  res("aws:ec2/securityGroupRule:SecurityGroupRule", "db-from-peer-b", A, {
    type: "ingress",
    securityGroupId: id("sg-db-a"),
    cidrBlocks: ["10.1.0.0/16"],
    ...tcp(5432),
  });
  res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "app-from-alb-a", A, {
    securityGroupId: id("sg-app-a"),
    referencedSecurityGroupId: id("sg-alb-a"),
    ipProtocol: "tcp",
    fromPort: 8080,
    toPort: 8080,
  });

  res("aws:eks/addon:Addon", "a-vpc-cni", A, {
    addonName: "vpc-cni",
    configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }),
  });
  const netpol = (name: string, spec: Record<string, unknown>) =>
    res("kubernetes:networking.k8s.io/v1:NetworkPolicy", `${A}-${name}`, A, {
      metadata: { name, namespace: "apps" },
      spec,
    });
  netpol("default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
  netpol("allow-db", {
    podSelector: { matchLabels: { app: "web" } },
    policyTypes: ["Egress"],
    egress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/16" } }], ports: [{ protocol: "TCP", port: 5432 }] }],
  });
  netpol("allow-alb", {
    podSelector: { matchLabels: { app: "web" } },
    policyTypes: ["Ingress"],
    ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/16" } }], ports: [{ protocol: "TCP", port: 8080 }] }],
  });
  return resources;
}

export const ENDPOINTS = {
  appPodsA: {
    label: "a app pods",
    vpc: id("vpc-a"),
    subnets: [id("a-app")],
    securityGroups: [id("sg-app-a")],
    pod: { cluster: "us-east-1", namespace: "apps", labels: { app: "web" } },
  },
  appB: { label: "b app", vpc: id("vpc-b"), subnets: [id("b-app")], securityGroups: [id("sg-app-b")] },
  dbA: { label: "a db", vpc: id("vpc-a"), subnets: [id("a-db")], securityGroups: [id("sg-db-a")] },
  albA: {
    label: "a alb",
    vpc: id("vpc-a"),
    subnets: [id("a-pub")],
    securityGroups: [id("sg-alb-a")],
    internetFacing: true,
  },
  cloudfront: { label: "cloudfront", prefixLists: ["pl-cloudfront"] },
} satisfies Record<string, Endpoint>;

export const QUERIES = [
  { name: "a pods -> a db", from: ENDPOINTS.appPodsA, to: ENDPOINTS.dbA, port: 5432 },
  { name: "b app -> a db (peering)", from: ENDPOINTS.appB, to: ENDPOINTS.dbA, port: 5432 },
  { name: "cloudfront -> a alb", from: ENDPOINTS.cloudfront, to: ENDPOINTS.albA, port: 443 },
  { name: "a alb -> a pods", from: ENDPOINTS.albA, to: ENDPOINTS.appPodsA, port: 8080 },
];
