import { strict as assert } from "assert";
import { ADDON_NAMES } from "../../components/cluster/addon-versions";
import type { PlatformConfig } from "../../components/config";
import { clusterName } from "../../components/naming";
import type { PlanResource } from "../../tools/engine/run";
import type { Plan } from "../../tools/plan-lib";
import { byUrn, descendantsOf, ofType, planFor } from "../helpers/plan";

const PROD_REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];

/** Nearest ancestor of `r` (or `r` itself) of the given type. */
function ancestorOfType(plan: Plan, r: PlanResource, type: string): PlanResource | undefined {
  const map = byUrn(plan);
  let cur: PlanResource | undefined = r;
  while (cur && cur.type !== type) cur = cur.parent ? map.get(cur.parent) : undefined;
  return cur;
}

/**
 * The one AWS region a resource belongs to: the regions of the AWS resources under its nearest
 * ancestor that has any. Works for resources under a Region and for per-region components the
 * Platform parents directly (e.g. the edge's RegionalEdge).
 */
function homeRegion(plan: Plan, r: PlanResource): string {
  const map = byUrn(plan);
  let cur = r.parent ? map.get(r.parent) : undefined;
  while (cur) {
    const regions = new Set(
      descendantsOf(plan, cur.urn)
        .map((d) => d.region)
        .filter((x): x is string => x !== null),
    );
    if (regions.size > 0) {
      assert.equal(regions.size, 1, `${r.urn}: nearest ancestor ${cur.urn} spans ${[...regions].join(", ")}`);
      return [...regions][0];
    }
    cur = cur.parent ? map.get(cur.parent) : undefined;
  }
  throw new Error(`${r.urn} has no regional ancestor`);
}

describe("prod plan: one EKS cluster per region", function () {
  this.timeout(120_000);
  let plan: Plan;
  let config: PlatformConfig;
  before(async () => {
    ({ plan, config } = await planFor("prod"));
  });

  it("has exactly one eks:index:Cluster per region, each on its own region's aws provider", () => {
    const clusters = ofType(plan, "eks:index:Cluster");
    assert.deepEqual(clusters.map((c) => c.region).sort(), [...PROD_REGIONS].sort());
    for (const c of clusters) assert.ok(c.provider?.endsWith(`::aws-${c.region}`), `${c.urn} uses ${c.provider}`);
  });

  it("gives the declared admin, deploy and preview roles an EKS access entry on every cluster", () => {
    for (const c of ofType(plan, "eks:index:Cluster")) {
      const entries = c.inputs.accessEntries as Record<string, { principalArn: string; accessPolicies: object }>;
      assert.deepEqual(
        Object.entries(entries).map(([k, e]) => [k, e.principalArn]),
        [
          ["admin-0", config.cluster.access.admins[0]],
          ["deployer-0", config.cluster.access.deployers[0]],
          ["previewer-0", config.cluster.access.previewers[0]],
        ],
        c.urn,
      );
      assert.deepEqual(entries["previewer-0"].accessPolicies, {
        previewers: {
          policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
          accessScope: { type: "cluster" },
        },
      });
    }
  });

  it("runs the in-network deployer and previewer in the primary region's private subnets, each behind its own security group", () => {
    // Three CodeBuild projects: the deploy runner, the prod preview's runner, and Jenkins' heavy builds.
    assert.deepEqual(
      ofType(plan, "aws:codebuild/project:Project")
        .map((p) => [p.region, p.name])
        .sort(),
      [
        ["us-east-1", "us-east-1-cluster-deployer"],
        ["us-east-1", "us-east-1-cluster-previewer"],
        ["us-east-1", "us-east-1-jenkins-codebuild"],
      ],
    );
    const primary = ofType(plan, "eks:index:Cluster").find((c) => c.region === "us-east-1")!;
    for (const runner of ["deployer", "previewer"]) {
      const project = ofType(plan, "aws:codebuild/project:Project").find((p) => p.name.endsWith(`-cluster-${runner}`))!;
      const vpc = project.inputs.vpcConfig as { vpcId: string; subnets: string[]; securityGroupIds: string[] };
      assert.deepEqual(vpc.subnets, primary.inputs.privateSubnetIds, runner);
      assert.equal(vpc.vpcId, primary.inputs.vpcId, runner);
      const sg = ofType(plan, "aws:ec2/securityGroup:SecurityGroup").find((g) => g.name.endsWith(`-${runner}-sg`))!;
      assert.deepEqual(vpc.securityGroupIds, [`${sg.name}-id`], runner);
      const egress = ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter((r) =>
        r.dependencies.includes(sg.urn),
      );
      assert.deepEqual(
        egress.map((r) => [r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4]),
        [["tcp", 443, 443, "0.0.0.0/0"]],
        runner,
      );
    }
    // The prod stack file has not attested the GitHub handshake: no webhook through a PENDING
    // connection (its filter groups are checked in test/ci/runner.spec.ts once it is attested).
    assert.deepEqual(ofType(plan, "aws:codebuild/webhook:Webhook"), []);
    assert.equal(ofType(plan, "aws:codeconnections/connection:Connection").length, 1);
  });

  for (const region of PROD_REGIONS)
    it(`${region}: private-only endpoint that admits the primary VPC on 443, before any Kubernetes call`, () => {
      const eks = ofType(plan, "eks:index:Cluster").find((c) => c.region === region)!;
      assert.equal(eks.inputs.endpointPublicAccess, false);
      assert.equal(eks.inputs.publicAccessCidrs, undefined);
      const rule = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").find(
        (r) => r.region === region && r.name.endsWith("-deployer-api"),
      )!;
      assert.deepEqual(
        [rule.inputs.securityGroupId, rule.inputs.fromPort, rule.inputs.toPort, rule.inputs.cidrIpv4],
        [`sg-${eks.inputs.name}-cluster`, 443, 443, "10.0.0.0/16"],
      );
      const provider = ofType(plan, "pulumi:providers:kubernetes").find((p) => p.dependencies.includes(eks.urn))!;
      assert.ok(provider.dependencies.includes(rule.urn), "the k8s provider waits for the deployer's path");
    });

  it("binds every Kubernetes resource to the k8s provider of its own region's cluster", () => {
    const map = byUrn(plan);
    const k8sResources = plan.resources.filter((r) => r.type.startsWith("kubernetes:"));
    assert.ok(k8sResources.length > PROD_REGIONS.length, `found ${k8sResources.length}`);
    for (const r of k8sResources) {
      const provider = r.provider ? map.get(r.provider) : undefined;
      assert.equal(provider?.type, "pulumi:providers:kubernetes", `${r.urn} has provider ${r.provider}`);
      const owner = ancestorOfType(plan, provider!, "platform:cluster:EksCluster");
      assert.ok(owner, `${provider!.urn} is not an EksCluster's provider`);
      const clusterRegion = descendantsOf(plan, owner!.urn).find((d) => d.type === "eks:index:Cluster")!.region;
      assert.equal(clusterRegion, homeRegion(plan, r), r.urn);
    }
  });

  it("exports each region's cluster name and endpoint", () => {
    const regions = (plan.outputs.regions ?? plan.outputs) as Record<string, Record<string, unknown>>;
    for (const region of PROD_REGIONS) {
      const out = regions[region];
      assert.ok(out, `no outputs for ${region}: ${Object.keys(regions).join(", ")}`);
      assert.equal(out.clusterName, clusterName(config.name, "prod", region));
      assert.match(String(out.clusterEndpoint), new RegExp(`^https://.+\\.${region}\\.eks\\.amazonaws\\.com$`));
    }
  });
});

describe("dev plan: the same cluster in one region", function () {
  this.timeout(60_000);
  it("has one cluster without deletion protection, and its add-ons", async () => {
    const { plan } = await planFor("dev");
    const clusters = ofType(plan, "eks:index:Cluster");
    assert.deepEqual(
      clusters.map((c) => [c.region, c.inputs.deletionProtection]),
      [["us-east-1", false]],
    );
    // The cluster's add-ons, and the EFS CSI driver Jenkins (on by default) installs for its home.
    assert.deepEqual(
      ofType(plan, "aws:eks/addon:Addon")
        .map((a) => a.inputs.addonName)
        .sort(),
      [...ADDON_NAMES, "aws-efs-csi-driver"].sort(),
    );
    // dev deploys from outside: public endpoint limited to the deployer's CIDRs, no runner.
    assert.deepEqual(
      [clusters[0].inputs.endpointPublicAccess, clusters[0].inputs.publicAccessCidrs],
      [true, ["203.0.113.0/24"]],
    );
    // The one CodeBuild project is Jenkins' heavy-build project, not a runner.
    assert.deepEqual(
      ofType(plan, "aws:codebuild/project:Project").map((p) => p.name),
      ["us-east-1-jenkins-codebuild"],
    );
    const keys = ofType(plan, "aws:kms/key:Key").filter((k) => k.name.endsWith("-secrets-key"));
    assert.deepEqual(
      keys.map((k) => k.options?.protect),
      [false],
      "dev keys stay destroyable",
    );
  });
});
