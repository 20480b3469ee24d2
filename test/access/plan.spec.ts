import { strict as assert } from "assert";
import { ADVISORY_REQUIREMENTS } from "../../tools/access/violations";
import type { AccessEntry } from "../../tools/access";
import { fixtureStack, planFor, planOf, planWith } from "../helpers/plan";

// plan.json `access` of the real stacks: every actor the platform has is listed, every required
// entry holds and every forbidden one is denied. Counts are what the stack files declare (regions,
// services, rules), written out here.

const accessOf = (plan: unknown) => (plan as { access?: AccessEntry[] }).access ?? [];
const count = (xs: AccessEntry[], requirement: string, action?: string) =>
  xs.filter((e) => e.requirement === requirement && (!action || e.action === action)).length;
const failing = (xs: AccessEntry[]) =>
  xs.filter((e) => !e.ok && !ADVISORY_REQUIREMENTS.includes(e.requirement)).map((e) => `${e.requirement}: ${e.reason}`);

describe("access: plan.json access over the stacks", () => {
  it("prod (3 regions): every actor has its entries, all hold", async () => {
    const { plan } = await planFor("prod");
    const a = accessOf(plan);
    assert.deepEqual(failing(a), []);
    // AWS services acting on the program's resources.
    assert.equal(count(a, "config-delivery", "s3:PutObject"), 3);
    assert.equal(count(a, "elb-access-logs"), 3);
    assert.equal(count(a, "cloudfront-standard-logs"), 1);
    assert.equal(count(a, "waf-logging-setup"), 1);
    assert.equal(count(a, "flow-logs-delivery", "logs:PutLogEvents"), 3);
    assert.equal(count(a, "eventbridge-to-sqs"), 12); // 4 Karpenter interruption rules per region
    // Every alarm publishing to its region's encrypted topic needs that topic's key.
    const keys = new Set(a.filter((e) => e.requirement === "alarm-topic-key").map((e) => e.resource));
    assert.deepEqual([...keys].sort(), [
      "arn:aws:kms:eu-west-1:123456789012:key/eu-west-1-alarm-key",
      "arn:aws:kms:us-east-1:123456789012:key/us-east-1-alarm-key",
      "arn:aws:kms:us-west-2:123456789012:key/us-west-2-alarm-key",
    ]);
    assert.equal(count(a, "rds-enhanced-monitoring", "logs:PutLogEvents") > 0, true);
    // Controllers: Karpenter passes exactly its node role, in each region.
    const passes = a.filter((e) => e.requirement === "karpenter" && e.action === "iam:PassRole");
    assert.deepEqual(
      passes.map((e) => e.resource).sort(),
      ["euw1", "use1", "usw2"].map((r) => `arn:aws:iam::123456789012:role/platform-prod-${r}-karpenter-node`),
    );
    for (const e of passes)
      assert.ok(
        e.via!.some((v) => v.endsWith("#AllowPassingInstanceRole")),
        e.via!.join(),
      );
    for (const r of ["lb-controller", "keda-sqs", "vpc-cni", "ebs-csi", "amp-remote-write", "alertmanager-publish"])
      assert.ok(count(a, r) >= 3, r);
    // Each service's pods: its own database user in each region (4 services use the database).
    assert.equal(count(a, "service-own-database-user"), 12);
    assert.equal(count(a, "service-other-database-user"), 36);
    assert.ok(a.filter((e) => e.kind === "forbidden").every((e) => !e.allowed));
    // The in-network deploy runner: it logs, manages its ENIs, attaches them in 3 private subnets, uses its connection.
    const deployer = "arn:aws:iam::123456789012:role/platform-prod-use1-deployer";
    assert.deepEqual(
      a.filter((e) => e.requirement === "codebuild-runner" && e.principal === deployer).map((e) => e.action),
      [
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "ec2:CreateNetworkInterface",
        "ec2:DescribeDhcpOptions",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DeleteNetworkInterface",
        "ec2:DescribeSubnets",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeVpcs",
        "ec2:CreateNetworkInterfacePermission",
        "ec2:CreateNetworkInterfacePermission",
        "ec2:CreateNetworkInterfacePermission",
        "codeconnections:UseConnection",
        "codeconnections:GetConnectionToken",
        "codeconnections:GetConnection",
      ],
    );
    assert.ok(
      a.some((e) => e.requirement === "codebuild-runner" && e.resource === deployer && e.action === "sts:AssumeRole"),
    );
    // dev's deploy and preview roles from dev's own account: every secret, key, bucket, topic and table once,
    // every queue twice, every distribution config and WAF sample once, each, all denied.
    const n = (t: string) => plan.resources.filter((r) => r.type === t).length;
    const tries =
      n("aws:secretsmanager/secret:Secret") +
      n("aws:kms/key:Key") +
      n("aws:s3/bucket:Bucket") +
      2 * n("aws:sqs/queue:Queue") +
      n("aws:sns/topic:Topic") +
      n("aws:dynamodb/table:Table");
    assert.ok(tries >= 40, `${tries}`);
    const reads = n("aws:cloudfront/distribution:Distribution") + n("aws:wafv2/webAcl:WebAcl");
    assert.equal(count(a, "other-account-no-access"), 2 * (tries + reads));
  }).timeout(180_000);

  it("preview roles: no secret value, origin header, WAF sample or listener rule; view-only in every cluster", async () => {
    const { plan } = await planFor("prod");
    const a = accessOf(plan);
    const secretReads = a.filter((e) => e.requirement === "preview-no-secret-values");
    assert.ok(secretReads.every((e) => e.ok && !e.allowed));
    assert.deepEqual([...new Set(secretReads.map((e) => e.action))].sort(), [
      "cloudfront:GetDistribution",
      "cloudfront:GetDistributionConfig",
      "cloudfront:ListDistributions",
      "dynamodb:Scan",
      "elasticloadbalancing:DescribeRules",
      "lambda:GetFunctionConfiguration",
      "secretsmanager:GetSecretValue",
      "ssm:GetParameter",
      "wafv2:GetSampledRequests",
    ]);
    // Each of prod's secrets is tried by name.
    const secrets = plan.resources.filter((r) => r.type === "aws:secretsmanager/secret:Secret").length;
    assert.equal(secretReads.filter((e) => e.action === "secretsmanager:GetSecretValue").length, secrets);
    const k8s = a.filter((e) => e.requirement === "preview-no-cluster-writes-or-secrets");
    assert.equal(k8s.length, 15); // 5 kinds of request in 3 clusters
    for (const e of k8s) assert.deepEqual([e.allowed, e.ok], [false, true], e.action);
    for (const e of a.filter((x) => x.requirement === "preview-reads-cluster"))
      assert.ok(e.via!.some((v) => v.startsWith("arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy#")));
  }).timeout(180_000);

  it("dev: every entry holds; the deploy role cannot drop or widen a boundary", async () => {
    const { plan } = await planFor("dev");
    const a = accessOf(plan);
    assert.deepEqual(failing(a), []);
    const boundary = a.filter((e) => e.requirement === "deploy-role-boundary");
    assert.deepEqual(
      boundary.map((e) => [e.kind, e.action, e.allowed]),
      [
        ["required", "iam:CreateRole", true],
        ["forbidden", "iam:DeleteRolePermissionsBoundary", false],
        ["forbidden", "iam:PutRolePermissionsBoundary", false],
      ],
    );
    assert.ok(boundary[1].via!.some((v) => v.endsWith("#BoundariesStay")));
    // A role without the boundary is creatable until the bootstrap sets requireWorkloadBoundary.
    assert.equal(a.filter((e) => e.requirement === "deploy-creates-planned-role" && !e.ok).length, 0);
    // What a preview reads from AWS for dev's resources, all allowed to the preview role.
    const reads = a.filter((e) => e.requirement === "preview-reads-aws");
    assert.deepEqual(
      reads.map((e) => [e.action, e.ok]),
      [
        ["sts:GetCallerIdentity", true],
        ["ec2:DescribeManagedPrefixLists", true],
        ["route53:ListHostedZones", true],
        ["route53:GetHostedZone", true],
        ["eks:DescribeAddonVersions", true],
        ["s3:ListAllMyBuckets", true],
      ],
    );
  }).timeout(180_000);

  it("a four-region stack: one set of regional entries per region, all hold", async () => {
    const regions = [
      { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
      { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
      { name: "eu-west-1", vpcCidr: "10.2.0.0/16" },
      { name: "us-east-2", vpcCidr: "10.3.0.0/16" },
    ];
    const { plan, error } = await planWith("prod", {
      "platform:regions": regions,
      "platform:allowedRegions": regions.map((r) => r.name),
      // The fourth region has no Global Datastore member (at most two secondaries).
      "platform:cache": { regionsWithoutMember: "use-writer" },
    });
    assert.ok(plan, error?.message);
    const a = accessOf(plan);
    assert.deepEqual(failing(a), []);
    assert.equal(count(a, "karpenter", "iam:PassRole"), 4);
    assert.equal(count(a, "elb-access-logs"), 4);
    assert.equal(count(a, "service-own-database-user"), 16);
  }).timeout(240_000);

  it("the four-region fixture stack: every required entry holds, every forbidden one is denied", async () => {
    const r = await planOf("four-region", { preview: false, configFile: fixtureStack("four-region") });
    assert.ok(r.ok, r.ok ? "" : r.error.message);
    const a = accessOf(r.plan);
    assert.deepEqual(
      a.filter((e) => !e.ok).map((e) => `${e.requirement}: ${e.reason}`),
      [],
    );
    assert.ok(a.filter((e) => e.kind === "forbidden").every((e) => !e.allowed));
    assert.equal(count(a, "karpenter", "iam:PassRole"), 4);
    assert.equal(count(a, "elb-access-logs"), 4);
    // 3 services use the cache in each of 4 regions: each connects as its own, scoped user.
    const scoped = a.filter((e) => e.requirement === "cache-user-scoped");
    assert.equal(new Set(scoped.map((e) => e.principal)).size, 12);
    assert.ok(count(a, "service-other-cache-user") >= 24);
  }).timeout(240_000);
});
