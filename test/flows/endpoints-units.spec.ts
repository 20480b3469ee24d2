import { strict as assert } from "assert";
import type { PlanResource } from "../../policies/lib/offline";
import { placed, planView, podTemplate, subnetGroupIds } from "../../tools/flows/endpoints";
import { planResource } from "./fixture";

/**
 * Where the flows model places things, on hand-built plans (mock ids `<name>-id`): the system node
 * group's subnets and its launch template's security groups, else the cluster's group; Karpenter's
 * nodes from the EC2NodeClass selector terms (Karpenter docs, EC2NodeClass subnetSelectorTerms /
 * securityGroupSelectorTerms: terms are ORed, the tags of one term ANDed, an id term matches that id);
 * a region's Kubernetes objects; the data-endpoints ConfigMap; the primary region (the Aurora cluster
 * with a master user); a pod on system nodes when its nodeSelector says platform.io/node-role: system.
 */
let all: PlanResource[] = [];
function res(...args: Parameters<typeof planResource>): PlanResource {
  const r = planResource(...args);
  all.push(r);
  return r;
}

describe("flows units: where the plan puts nodes, pods and data endpoints", () => {
  beforeEach(() => (all = []));

  it("regions: one per VPC region, each with its own Kubernetes objects and data-endpoints ConfigMap", () => {
    res("aws:ec2/vpc:Vpc", "vpc-b", { cidrBlock: "10.1.0.0/16" }, "us-west-2");
    res("aws:ec2/vpc:Vpc", "vpc-a", { cidrBlock: "10.0.0.0/16" }, "us-east-1");
    const regionA = res("platform:region:Region", "us-east-1", {}, null, { custom: false });
    const secret = res("kubernetes:core/v1:Secret", "s", { metadata: { name: "data-endpoints" } }, null, {
      parent: regionA.urn,
    });
    const cm = res("kubernetes:core/v1:ConfigMap", "cm", { metadata: { name: "data-endpoints" } }, null, {
      parent: regionA.urn,
    });
    res("kubernetes:core/v1:ConfigMap", "cm-b", { metadata: { name: "other" } }, "us-west-2");
    res("aws:rds/cluster:Cluster", "replica", {}, "us-east-1");
    res("aws:rds/cluster:Cluster", "primary", { masterUsername: "admin" }, "us-west-2");
    const view = planView(all);
    assert.deepEqual(
      view.regions.map((r) => [r.region, r.vpc]),
      [
        ["us-west-2", "vpc-b-id"],
        ["us-east-1", "vpc-a-id"],
      ],
    );
    assert.deepEqual(view.regions[1].k8s, [secret, cm]);
    assert.deepEqual(
      view.regions[0].k8s.map((r) => r.name),
      ["cm-b"],
    );
    assert.equal(view.regions[1].dataEndpoints, cm);
    assert.equal(view.regions[0].dataEndpoints, undefined);
    assert.equal(view.primaryRegion, "us-west-2");
    assert.equal(view.idOf(cm), "cm-id");
    assert.equal(view.idOf({ ...cm, urn: "urn:none" }), "");
    assert.deepEqual(
      view.of("aws:rds/cluster:Cluster", "us-east-1").map((r) => r.name),
      ["replica"],
    );
    all = all.filter((r) => r.name !== "primary");
    assert.equal(planView(all).primaryRegion, "us-west-2");
  });

  it("system nodes: the node group's subnets with its launch template's groups, else the cluster's group", () => {
    res("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" });
    res("eks:index:Cluster", "k", { name: "k" }, "us-east-1", { custom: false });
    res("aws:ec2/launchTemplate:LaunchTemplate", "lt", { vpcSecurityGroupIds: ["sg-1", 7, "sg-2"] });
    const ng = res("aws:eks/nodeGroup:NodeGroup", "ng", {
      subnetIds: ["s1-id", "s2-id"],
      launchTemplate: { id: "lt-id" },
    });
    const rv = () => planView(all).regions[0];
    assert.deepEqual(rv().systemNodes, { subnets: ["s1-id", "s2-id"], securityGroups: ["sg-1", "sg-2"] });
    assert.equal(rv().clusterSg, "sg-k-cluster");
    ng.inputs.launchTemplate = { id: "other-id" };
    assert.deepEqual(rv().systemNodes, { subnets: ["s1-id", "s2-id"], securityGroups: ["sg-k-cluster"] });
    all = all.filter((r) => r !== ng);
    assert.deepEqual(rv().systemNodes, { subnets: [], securityGroups: ["sg-k-cluster"] });
    all = all.filter((r) => r.type !== "eks:index:Cluster");
    assert.deepEqual(rv().systemNodes, { subnets: [], securityGroups: [] });
  });

  it("Karpenter nodes: any term selects; all tags of one term must match, with tags set by separate Tag resources", () => {
    res("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" });
    res("eks:index:Cluster", "k", { name: "k" }, "us-east-1", { custom: false });
    res("aws:ec2/subnet:Subnet", "s1", { tags: { role: "private", zone: "a" } });
    res("aws:ec2/subnet:Subnet", "s2", { tags: { role: "private" } });
    res("aws:ec2/subnet:Subnet", "s3", { tags: { role: "public", zone: "a" } });
    res("aws:ec2/subnet:Subnet", "s4", {});
    res("aws:ec2/tag:Tag", "t4a", { resourceId: "s4-id", key: "role", value: "private" });
    res("aws:ec2/tag:Tag", "t4b", { resourceId: "s4-id", key: "zone", value: "a" });
    res("aws:ec2/subnet:Subnet", "s5", {}, "us-west-2");
    res("aws:ec2/securityGroup:SecurityGroup", "nodes", { tags: { karpenter: "yes" } });
    res("aws:ec2/securityGroup:SecurityGroup", "other", {});
    res("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "cls", {
      spec: {
        subnetSelectorTerms: [{ tags: { role: "private", zone: "a" } }, { id: "s5-id" }, {}],
        securityGroupSelectorTerms: [{ tags: { karpenter: "yes" } }, { id: "sg-k-cluster" }],
      },
    });
    assert.deepEqual(planView(all).regions[0].karpenterNodes, {
      subnets: ["s1-id", "s4-id"],
      securityGroups: ["nodes-id", "sg-k-cluster"],
    });
  });

  it("pod templates: labels, system placement, named container ports", () => {
    const d = (spec: unknown) => res("kubernetes:apps/v1:Deployment", "d", { spec });
    const t = podTemplate(
      d({
        template: {
          metadata: { labels: { app: "web" } },
          spec: {
            nodeSelector: { "platform.io/node-role": "system" },
            containers: [{ ports: [{ name: "http", containerPort: 8000 }, { containerPort: 9 }] }, {}],
          },
        },
      }),
    );
    assert.deepEqual([t.labels, t.system, [...t.ports]], [{ app: "web" }, true, [["http", 8000]]]);
    assert.equal(
      podTemplate(d({ template: { spec: { nodeSelector: { "platform.io/node-role": "apps" } } } })).system,
      false,
    );
    assert.deepEqual(podTemplate(d(undefined)), { labels: {}, system: false, ports: new Map() });
  });

  it("an AWS resource in subnets takes its VPC from its first subnet; subnet groups by name", () => {
    res("aws:ec2/subnet:Subnet", "s1", { vpcId: "vpc-id" });
    res("aws:ec2/routeTableAssociation:RouteTableAssociation", "s2", { subnetId: "x" });
    res("aws:rds/subnetGroup:SubnetGroup", "grp", { name: "db-subnets", subnetIds: ["s1-id"] });
    res("aws:rds/subnetGroup:SubnetGroup", "unnamed", { subnetIds: ["s9-id"] });
    const db = res("aws:rds/cluster:Cluster", "db", {});
    const view = planView(all);
    assert.deepEqual(placed(view, "db", db, ["s1-id"], ["sg-db"]), {
      label: "db",
      urn: db.urn,
      vpc: "vpc-id",
      subnets: ["s1-id"],
      securityGroups: ["sg-db"],
    });
    assert.equal(placed(view, "db", db, ["s2-id"], []).vpc, undefined);
    assert.deepEqual(subnetGroupIds(view, "aws:rds/subnetGroup:SubnetGroup", "db-subnets"), ["s1-id"]);
    assert.deepEqual(subnetGroupIds(view, "aws:rds/subnetGroup:SubnetGroup", "unnamed"), ["s9-id"]);
    assert.deepEqual(subnetGroupIds(view, "aws:rds/subnetGroup:SubnetGroup", "none"), []);
  });
});
