import { strict as assert } from "assert";
import type { PlanResource } from "../../policies/lib/offline";
import { buildNetwork } from "../../tools/flows/network";
import { planResource } from "./fixture";

/**
 * How the network model reads a plan's resources, on hand-built ones with the mock engine's ids
 * (`<name>-id`; an EKS cluster's group `sg-<name>-cluster`). Expected shapes from the AWS provider's
 * input schemas (aws.ec2.SecurityGroup inline rules, SecurityGroupRule, vpc.SecurityGroupIngressRule/
 * EgressRule with ipProtocol "-1" for all ports, Route targets, VpcPeeringConnection autoAccept within
 * one region, the accepter for another) and from the EKS docs (the cluster security group admits
 * itself and all egress; the VPC CNI enforces NetworkPolicies when enableNetworkPolicy is "true").
 */
let all: PlanResource[] = [];
function res(...args: Parameters<typeof planResource>): PlanResource {
  const r = planResource(...args);
  all.push(r);
  return r;
}
const SG = "aws:ec2/securityGroup:SecurityGroup";
const build = () => buildNetwork(all);

describe("flows units: the network model read from a plan", () => {
  beforeEach(() => (all = []));

  it("inline security group rules: defaults for missing ports and protocol, each source kind", () => {
    res(SG, "sg", {
      vpcId: "vpc-id",
      ingress: [
        {
          protocol: "tcp",
          fromPort: 443,
          toPort: 443,
          cidrBlocks: ["10.0.0.0/16", 7],
          prefixListIds: ["pl-1"],
          securityGroups: ["sg-2"],
          self: true,
        },
      ],
      egress: [{}],
    });
    const g = build().securityGroups.get("sg-id")!;
    assert.deepEqual(g.ingress, [
      {
        fromPort: 443,
        toPort: 443,
        protocol: "tcp",
        cidrs: ["10.0.0.0/16"],
        prefixLists: ["pl-1"],
        groups: ["sg-2"],
        self: true,
        via: "urn:x::aws:ec2/securityGroup:SecurityGroup::sg#ingress[0]",
      },
    ]);
    assert.deepEqual(g.egress, [
      {
        fromPort: 0,
        toPort: 65535,
        protocol: "-1",
        cidrs: [],
        prefixLists: [],
        groups: [],
        self: false,
        via: "urn:x::aws:ec2/securityGroup:SecurityGroup::sg#egress[0]",
      },
    ]);
    assert.equal(g.vpc, "vpc-id");
    res(SG, "novpc", { ingress: "none" });
    assert.deepEqual(build().securityGroups.get("novpc-id"), {
      id: "novpc-id",
      urn: "urn:x::aws:ec2/securityGroup:SecurityGroup::novpc",
      vpc: null,
      ingress: [],
      egress: [],
    });
  });

  it("separate rules: SecurityGroupRule by type, the vpc Ingress/Egress rules with -1 meaning every port", () => {
    res(SG, "sg", { vpcId: "vpc-id" });
    res("aws:ec2/securityGroupRule:SecurityGroupRule", "r1", {
      type: "egress",
      securityGroupId: "sg-id",
      protocol: "6",
      fromPort: "5432",
      toPort: 5432,
      cidrBlocks: ["10.0.2.0/24"],
      sourceSecurityGroupId: "sg-9",
    });
    res("aws:ec2/securityGroupRule:SecurityGroupRule", "r2", { type: "ingress", securityGroupId: "sg-id", self: true });
    res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "r3", {
      securityGroupId: "sg-id",
      ipProtocol: "-1",
      fromPort: 80,
      toPort: 80,
      cidrIpv4: "0.0.0.0/0",
    });
    res("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "r4", {
      securityGroupId: "sg-id",
      ipProtocol: "udp",
      fromPort: 53,
      toPort: 53,
      prefixListId: "pl-1",
      referencedSecurityGroupId: "sg-8",
    });
    res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "r5", { securityGroupId: "sg-id" });
    res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "r6", {
      securityGroupId: "sg-gone",
      ipProtocol: "tcp",
    });
    res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "r7", { ipProtocol: "tcp" });
    const g = build().securityGroups.get("sg-id")!;
    const u = (n: string, t: string) => `urn:x::${t}::${n}`;
    assert.deepEqual(g.egress, [
      {
        fromPort: 5432,
        toPort: 5432,
        protocol: "6",
        cidrs: ["10.0.2.0/24"],
        prefixLists: [],
        groups: ["sg-9"],
        self: false,
        via: u("r1", "aws:ec2/securityGroupRule:SecurityGroupRule"),
      },
      {
        fromPort: 53,
        toPort: 53,
        protocol: "udp",
        cidrs: [],
        prefixLists: ["pl-1"],
        groups: ["sg-8"],
        self: false,
        via: u("r4", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"),
      },
    ]);
    assert.deepEqual(g.ingress, [
      {
        fromPort: 0,
        toPort: 65535,
        protocol: "-1",
        cidrs: [],
        prefixLists: [],
        groups: [],
        self: true,
        via: u("r2", "aws:ec2/securityGroupRule:SecurityGroupRule"),
      },
      {
        fromPort: 0,
        toPort: 65535,
        protocol: "-1",
        cidrs: ["0.0.0.0/0"],
        prefixLists: [],
        groups: [],
        self: false,
        via: u("r3", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"),
      },
      {
        fromPort: 0,
        toPort: 65535,
        protocol: "-1",
        cidrs: [],
        prefixLists: [],
        groups: [],
        self: false,
        via: u("r5", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"),
      },
    ]);
  });

  it("routes: inline and separate, each target kind, the VPC's local route last; subnets take their table", () => {
    res("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" });
    res("aws:ec2/routeTable:RouteTable", "rt", {
      vpcId: "vpc-id",
      routes: [
        { cidrBlock: "0.0.0.0/0", natGatewayId: "nat-id" },
        { cidrBlock: "10.9.0.0/16" },
        { gatewayId: "igw-id" },
      ],
    });
    res("aws:ec2/routeTable:RouteTable", "main", { vpcId: "vpc-id" });
    const route = (name: string, target: Record<string, unknown>, table = "rt-id") =>
      res("aws:ec2/route:Route", name, {
        routeTableId: table,
        destinationCidrBlock: `10.${name.length}.0.0/16`,
        ...target,
      });
    route("p", { vpcPeeringConnectionId: "pcx-id" });
    route("tg", { transitGatewayId: "tgw-id" });
    route("vpe", { vpcEndpointId: "vpce-id" });
    route("igw1", { gatewayId: "igw-id" });
    route("other", { gatewayId: "igw-id" }, "gone-id");
    res("aws:ec2/subnet:Subnet", "s1", { vpcId: "vpc-id", cidrBlock: "10.0.1.0/24" });
    res("aws:ec2/subnet:Subnet", "s2", { vpcId: "vpc-id", cidrBlock: "10.0.2.0/24" });
    res("aws:ec2/subnet:Subnet", "s3", { vpcId: "vpc-other", cidrBlock: "10.1.2.0/24" });
    res("aws:ec2/routeTableAssociation:RouteTableAssociation", "a1", { subnetId: "s1-id", routeTableId: "rt-id" });
    res("aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation", "m", {
      vpcId: "vpc-id",
      routeTableId: "main-id",
    });
    const n = build();
    assert.deepEqual(
      n.routeTables.get("rt-id")!.routes.map((r) => [r.destination, r.kind, r.target]),
      [
        ["0.0.0.0/0", "nat", "nat-id"],
        ["10.1.0.0/16", "pcx", "pcx-id"],
        ["10.2.0.0/16", "tgw", "tgw-id"],
        ["10.3.0.0/16", "vpce", "vpce-id"],
        ["10.4.0.0/16", "igw", "igw-id"],
        ["10.0.0.0/16", "local", "local"],
      ],
    );
    assert.equal(n.routeTables.get("rt-id")!.routes[0].via, "urn:x::aws:ec2/routeTable:RouteTable::rt#routes[0]");
    assert.equal(n.routeTables.get("rt-id")!.routes[5].via, "urn:x::aws:ec2/vpc:Vpc::vpc#local-route");
    assert.deepEqual(
      [...n.subnets.values()].map((s) => [s.id, s.vpc, s.cidr, s.routeTable]),
      [
        ["s1-id", "vpc-id", "10.0.1.0/24", "rt-id"],
        ["s2-id", "vpc-id", "10.0.2.0/24", "main-id"],
        ["s3-id", "vpc-other", "10.1.2.0/24", null],
      ],
    );
    assert.deepEqual(n.vpcs.get("vpc-id"), {
      id: "vpc-id",
      urn: "urn:x::aws:ec2/vpc:Vpc::vpc",
      cidr: "10.0.0.0/16",
      region: "us-east-1",
    });
  });
});
