import { strict as assert } from "node:assert";
import { noWorldIngress } from "../aws/network/no-world-ingress";
import { securityGroupDescriptions } from "../aws/network/security-group-descriptions";
import { subnetPublicIp } from "../aws/network/subnet-public-ip";
import { FLOW_LOG, VPC, vpcFlowLogs } from "../aws/network/vpc-flow-logs";
import { EGRESS_RULE, INGRESS_RULE, SECURITY_GROUP, SECURITY_GROUP_RULE } from "../lib/security-groups";
import { resourceArgs, runResource, runStack, stackResource, urnOf } from "./harness";

describe("policies: AWS network", () => {
  describe("aws-vpc-flow-logs", () => {
    let policy: ReturnType<typeof vpcFlowLogs>;
    beforeEach(() => {
      policy = vpcFlowLogs();
    });
    const vpc = stackResource(VPC, "vpc", { cidrBlock: "10.0.0.0/16" });
    const expected = [{ message: 'VPC "vpc" has no aws.ec2.FlowLog', urn: urnOf(VPC, "vpc") }];
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes a flow log whose vpcId input derives from the VPC", () =>
      assert.deepEqual(
        runStack(policy, [
          vpc,
          stackResource(FLOW_LOG, "fl", { vpcId: "mock-id" }, { propertyDependencies: { vpcId: [vpc] } }),
        ]),
        [],
      ));
    it("passes a flow log that only lists the VPC among its dependencies (offline plan)", () =>
      assert.deepEqual(runStack(policy, [vpc, stackResource(FLOW_LOG, "fl", {}, { dependencies: [vpc] })]), []));
    it("passes a flow log whose vpcId equals the VPC id", () => {
      const withId = stackResource(VPC, "vpc", { id: "vpc-123" });
      assert.deepEqual(runStack(policy, [withId, stackResource(FLOW_LOG, "fl", { vpcId: "vpc-123" })]), []);
    });
    it("reports a VPC without flow log", () => assert.deepEqual(runStack(policy, [vpc]), expected));
    it("reports a VPC when the only flow log watches another VPC", () => {
      const other = stackResource(VPC, "other", {});
      assert.deepEqual(
        runStack(policy, [
          vpc,
          other,
          stackResource(FLOW_LOG, "fl", {}, { propertyDependencies: { vpcId: [other] }, dependencies: [other] }),
        ]),
        expected,
      );
    });
  });

  describe("aws-subnet-public-ip", () => {
    let policy: ReturnType<typeof subnetPublicIp>;
    beforeEach(() => {
      policy = subnetPublicIp();
    });
    const subnet = (props: Record<string, unknown>) =>
      runResource(policy, resourceArgs("aws:ec2/subnet:Subnet", props, { name: "public-a" })).messages;
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes subnets that do not map public IPs, public tier included", () => {
      assert.deepEqual(subnet({ cidrBlock: "10.0.0.0/20" }), []);
      assert.deepEqual(subnet({ mapPublicIpOnLaunch: false, tags: { "platform.io/tier": "public" } }), []);
    });
    it("reports any subnet mapping public IPs, even one tagged public", () => {
      const expected = [
        'subnet "public-a" sets mapPublicIpOnLaunch: only ALB nodes and NAT gateways live in public subnets, ' +
          "and they get their own addresses; set it to false",
      ];
      assert.deepEqual(subnet({ mapPublicIpOnLaunch: true, tags: { "platform.io/tier": "public" } }), expected);
      assert.deepEqual(subnet({ mapPublicIpOnLaunch: true, tags: { "kubernetes.io/role/elb": "1" } }), expected);
    });
  });

  describe("aws-no-world-ingress", () => {
    let policy: ReturnType<typeof noWorldIngress>;
    beforeEach(() => {
      policy = noWorldIngress();
    });
    const web = (port: number, cidr = "0.0.0.0/0") => ({
      fromPort: port,
      toPort: port,
      protocol: "tcp",
      cidrBlocks: [cidr],
      description: "web",
    });
    const albGroup = (ingress: unknown[]) =>
      stackResource(SECURITY_GROUP, "alb", { description: "ALB", ingress, tags: { "platform.io/role": "alb" } });
    const group = (ingress: unknown[]) => stackResource(SECURITY_GROUP, "nodes", { description: "nodes", ingress });
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes 80/443 from anywhere on the ALB group and private CIDRs elsewhere", () =>
      assert.deepEqual(runStack(policy, [albGroup([web(80), web(443)]), group([web(22, "10.0.0.0/16")])]), []));
    it("reports 443 from anywhere on a group not tagged as the ALB's", () =>
      assert.deepEqual(runStack(policy, [group([web(443)])]), [
        {
          message: 'security group "nodes" ingress[0] opens tcp port 443 to the internet',
          urn: urnOf(SECURITY_GROUP, "nodes"),
        },
      ]));
    it("reports SSH from ::/0 even on the ALB group", () =>
      assert.deepEqual(runStack(policy, [albGroup([{ ...web(22), cidrBlocks: [], ipv6CidrBlocks: ["::/0"] }])]), [
        {
          message: 'security group "alb" ingress[0] opens tcp port 22 to the internet',
          urn: urnOf(SECURITY_GROUP, "alb"),
        },
      ]));
    it("reports a port range spanning 80-443 on the ALB group", () =>
      assert.deepEqual(runStack(policy, [albGroup([{ ...web(80), toPort: 443 }])]), [
        {
          message: 'security group "alb" ingress[0] opens tcp ports 80-443 to the internet',
          urn: urnOf(SECURITY_GROUP, "alb"),
        },
      ]));
    it("allows a standalone 443 rule on the ALB group, resolved through its dependency", () => {
      const alb = albGroup([]);
      const rule = stackResource(
        INGRESS_RULE,
        "alb-https",
        {
          securityGroupId: "mock",
          cidrIpv4: "0.0.0.0/0",
          fromPort: 443,
          toPort: 443,
          ipProtocol: "tcp",
          description: "https",
        },
        { propertyDependencies: { securityGroupId: [alb] } },
      );
      assert.deepEqual(runStack(policy, [alb, rule]), []);
    });
    // The data tier and the deployer use vpc.SecurityGroupIngressRule: the deny side must see that type.
    it("reports a standalone SecurityGroupIngressRule opening 5432 to 0.0.0.0/0, and 443 to ::/0 off the ALB", () => {
      const data = stackResource(SECURITY_GROUP, "data", { description: "data" });
      const rule = (name: string, port: number, cidr: Record<string, string>) =>
        stackResource(
          INGRESS_RULE,
          name,
          { securityGroupId: "mock", ...cidr, fromPort: port, toPort: port, ipProtocol: "tcp", description: name },
          { propertyDependencies: { securityGroupId: [data] } },
        );
      const pg = rule("pg-world", 5432, { cidrIpv4: "0.0.0.0/0" });
      const https6 = rule("https-world6", 443, { cidrIpv6: "::/0" });
      const peer = rule("pg-peer", 5432, { cidrIpv4: "10.1.0.0/16" });
      assert.deepEqual(runStack(policy, [data, pg, https6, peer]), [
        {
          message: 'security group "data" rule "pg-world" opens tcp port 5432 to the internet',
          urn: urnOf(INGRESS_RULE, "pg-world"),
        },
        {
          message: 'security group "data" rule "https-world6" opens tcp port 443 to the internet',
          urn: urnOf(INGRESS_RULE, "https-world6"),
        },
      ]);
    });
    it("reports a world-open all-protocol SecurityGroupRule", () => {
      const nodes = group([]);
      const rule = stackResource(
        SECURITY_GROUP_RULE,
        "all",
        { type: "ingress", fromPort: 0, toPort: 0, protocol: "-1", cidrBlocks: ["0.0.0.0/0"], description: "x" },
        { dependencies: [nodes] },
      );
      assert.deepEqual(runStack(policy, [nodes, rule]), [
        {
          message: 'security group "nodes" rule "all" opens all protocols port 0 to the internet',
          urn: urnOf(SECURITY_GROUP_RULE, "all"),
        },
      ]);
    });
    it("reports a rule whose CIDRs include the world among private ones", () =>
      assert.deepEqual(runStack(policy, [group([{ ...web(443), cidrBlocks: ["10.0.0.0/16", "0.0.0.0/0"] }])]), [
        {
          message: 'security group "nodes" ingress[0] opens tcp port 443 to the internet',
          urn: urnOf(SECURITY_GROUP, "nodes"),
        },
      ]));
    it("allows 443 on the ALB group only over TCP (named or protocol number 6), not UDP or all protocols", () => {
      assert.deepEqual(runStack(policy, [albGroup([{ ...web(443), protocol: "6" }])]), []);
      assert.deepEqual(runStack(policy, [albGroup([{ ...web(443), protocol: "udp" }])]), [
        {
          message: 'security group "alb" ingress[0] opens udp port 443 to the internet',
          urn: urnOf(SECURITY_GROUP, "alb"),
        },
      ]);
      assert.deepEqual(runStack(policy, [albGroup([{ ...web(443), protocol: "all" }])]), [
        {
          message: 'security group "alb" ingress[0] opens all protocols port 443 to the internet',
          urn: urnOf(SECURITY_GROUP, "alb"),
        },
      ]);
    });
    it("reads only security group rule types: a world-open egress rule or network ACL entry is not ingress", () => {
      const nodes = group([]);
      const egress = stackResource(
        EGRESS_RULE,
        "out-https",
        { securityGroupId: "mock", cidrIpv4: "0.0.0.0/0", fromPort: 443, toPort: 443, ipProtocol: "tcp" },
        { propertyDependencies: { securityGroupId: [nodes] } },
      );
      const nacl = stackResource("aws:ec2/networkAclRule:NetworkAclRule", "nacl-ssh", {
        type: "ingress",
        cidrBlocks: ["0.0.0.0/0"],
        fromPort: 22,
        toPort: 22,
        protocol: "tcp",
      });
      assert.deepEqual(runStack(policy, [nodes, egress, nacl]), []);
    });
    it("ignores egress rules", () => {
      const rule = stackResource(SECURITY_GROUP_RULE, "out", {
        type: "egress",
        fromPort: 0,
        toPort: 0,
        protocol: "-1",
        cidrBlocks: ["0.0.0.0/0"],
      });
      assert.deepEqual(runStack(policy, [rule]), []);
    });
  });

  describe("aws-security-group-descriptions", () => {
    let policy: ReturnType<typeof securityGroupDescriptions>;
    beforeEach(() => {
      policy = securityGroupDescriptions();
    });
    const run = (type: string, props: Record<string, unknown>) =>
      runResource(policy, resourceArgs(type, props, { name: "sg" })).messages;
    const rule = {
      fromPort: 443,
      toPort: 443,
      protocol: "tcp",
      cidrBlocks: ["10.0.0.0/8"],
      description: "https from VPC",
    };
    it("is advisory by default", () => assert.equal(policy.enforcementLevel, "advisory"));
    it("passes described groups and rules", () => {
      assert.deepEqual(run(SECURITY_GROUP, { description: "nodes", ingress: [rule], egress: [rule] }), []);
      assert.deepEqual(run(INGRESS_RULE, { description: "https" }), []);
    });
    it("reports a group left with the provider's placeholder description", () =>
      assert.deepEqual(run(SECURITY_GROUP, { description: "Managed by Pulumi" }), [
        'security group "sg" has no description',
      ]));
    it("reports an inline rule without description", () =>
      assert.deepEqual(run(SECURITY_GROUP, { description: "nodes", egress: [{ ...rule, description: " " }] }), [
        'security group "sg" egress[0] has no description',
      ]));
    it("reports a standalone rule without description", () =>
      assert.deepEqual(run(SECURITY_GROUP_RULE, { type: "ingress" }), ['security group rule "sg" has no description']));
  });
});
