import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { dataIngressSources, dataSecurityGroup } from "../../components/data/security";
import { runProgram, type ProgramRun } from "../../tools/engine/run";
import { ALONE, named } from "../helpers/stand-in";

const PEERS = [
  { peer: "eu-west-1", cidr: "10.2.0.0/16" },
  { peer: "us-east-1", cidr: "10.0.0.0/16" },
];

describe("data-tier ingress sources", () => {
  it("admits the cluster security group and each peer VPC range", () => {
    const sources = dataIngressSources("Aurora PostgreSQL", {
      clusterSecurityGroupId: "sg-cluster",
      privateSubnetCidrs: ["10.1.0.0/19"],
      peers: PEERS,
    });
    assert.deepEqual(sources, [
      {
        key: "cluster",
        securityGroupId: "sg-cluster",
        description: "Aurora PostgreSQL from the EKS cluster security group (nodes and pods)",
      },
      { key: "peer-eu-west-1", cidr: "10.2.0.0/16", description: "Aurora PostgreSQL from eu-west-1 over VPC peering" },
      { key: "peer-us-east-1", cidr: "10.0.0.0/16", description: "Aurora PostgreSQL from us-east-1 over VPC peering" },
    ]);
  });

  it("falls back to the private subnets (never the VPC range) without a cluster", () => {
    const sources = dataIngressSources("cache", { privateSubnetCidrs: ["10.1.0.0/19", "10.1.32.0/19"], peers: [] });
    assert.deepEqual(
      sources.map((s) => [s.key, s.cidr]),
      [
        ["private-0", "10.1.0.0/19"],
        ["private-1", "10.1.32.0/19"],
      ],
    );
  });
});

describe("dataSecurityGroup on the mock engine", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runProgram({
      ...ALONE,
      program: () => {
        const provider = new aws.Provider("usw2", { region: "us-west-2" });
        // Stands in for the EKS cluster: the group must not wait for it, only its rule may.
        const clusterSg = new aws.ec2.SecurityGroup("eks-cluster-sg", { vpcId: "vpc-1" }, { provider });
        dataSecurityGroup(
          "cache-us-west-2-sg",
          "ElastiCache valkey",
          6379,
          pulumi.output("vpc-1"),
          dataIngressSources("ElastiCache valkey", {
            clusterSecurityGroupId: clusterSg.id,
            privateSubnetCidrs: [],
            peers: PEERS,
          }),
          { provider },
        );
        return {};
      },
    });
  });

  it("creates the group empty, independent of the cluster", () => {
    const group = named(run.resources, "cache-us-west-2-sg");
    const cluster = named(run.resources, "eks-cluster-sg");
    assert.equal(group.inputs.ingress, undefined);
    assert.equal(group.inputs.egress, undefined);
    assert.ok(!group.dependencies.includes(cluster.urn), "the data security group does not wait for EKS");
  });

  it("adds one ingress rule per source, on the data port only", () => {
    const rules = run.resources.filter((r) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    assert.deepEqual(rules.map((r) => r.name).sort(), [
      "cache-us-west-2-sg-from-cluster",
      "cache-us-west-2-sg-from-peer-eu-west-1",
      "cache-us-west-2-sg-from-peer-us-east-1",
    ]);
    for (const r of rules) {
      assert.deepEqual([r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort], ["tcp", 6379, 6379], r.name);
      assert.equal(r.region, "us-west-2");
    }
    const fromCluster = named(run.resources, "cache-us-west-2-sg-from-cluster");
    assert.ok(fromCluster.dependencies.includes(named(run.resources, "eks-cluster-sg").urn));
    assert.equal(fromCluster.inputs.cidrIpv4, undefined);
    assert.equal(named(run.resources, "cache-us-west-2-sg-from-peer-eu-west-1").inputs.cidrIpv4, "10.2.0.0/16");
  });
});
