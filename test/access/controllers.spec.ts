import { strict as assert } from "assert";
import { readFileSync } from "fs";
import { join } from "path";
import type { PlanResource } from "../../policies/lib/offline";
import { accessProblem, accessReport } from "../../tools/access";
import { loadUpstream, upstreamCalls, type UpstreamPolicies } from "../../tools/access/upstream-calls";
import { planFor } from "../helpers/plan";

// Controllers' calls come from the IAM policy their maintainers publish at the pinned version
// (tools/access/upstream/*.json). Expected requests are written out from those upstream files.

const ACCT = "123456789012";
const at = { account: ACCT, region: "us-east-1" };
const KARPENTER = loadUpstream("karpenter-controller-policy.json");
const LB = loadUpstream("lb-controller-iam-policy.json");
const vars = {
  "AWS::Partition": "aws",
  "AWS::Region": "us-east-1",
  "AWS::AccountId": ACCT,
  ClusterName: "c1",
  "KarpenterNodeRole.Arn": `arn:aws:iam::${ACCT}:role/node`,
  "KarpenterInterruptionQueue.Arn": `arn:aws:sqs:us-east-1:${ACCT}:q`,
};

describe("access: controller calls from their upstream IAM policies", () => {
  it("pins the sources: Karpenter v1.14.1's CloudFormation policies, the LB controller's v3.5.0 iam_policy.json", () => {
    assert.deepEqual(
      [KARPENTER.source.tag, KARPENTER.source.path],
      ["v1.14.1", "website/content/en/docs/getting-started/getting-started-with-karpenter/cloudformation.yaml"],
    );
    assert.deepEqual([LB.source.tag, LB.source.path], ["v3.5.0", "docs/install/iam_policy.json"]);
    // The platform ships the LB controller's upstream policy unchanged.
    const shipped = JSON.parse(
      readFileSync(join(__dirname, "../../components/cluster/lb-controller/iam-policy.json"), "utf8"),
    );
    assert.deepEqual(shipped, LB.policies.AWSLoadBalancerControllerIAMPolicy);
  });

  it("a launch names every resource kind of its statements, with the tags their conditions ask for", () => {
    const calls = upstreamCalls(KARPENTER, vars, at).filter((c) => c.action === "ec2:RunInstances");
    const sid = (c: { source: string }) => c.source.split("#")[1];
    assert.deepEqual(
      calls.filter((c) => sid(c) === "AllowScopedEC2InstanceAccessActions").map((c) => [c.resource, c.context]),
      [
        ["arn:aws:ec2:us-east-1::image/x0", {}],
        ["arn:aws:ec2:us-east-1::snapshot/x0", {}],
        [`arn:aws:ec2:us-east-1:${ACCT}:security-group/x0`, {}],
        [`arn:aws:ec2:us-east-1:${ACCT}:subnet/x0`, {}],
        [`arn:aws:ec2:us-east-1:${ACCT}:capacity-reservation/x0`, {}],
        [`arn:aws:ec2:us-east-1:${ACCT}:placement-group/x0`, {}],
      ],
    );
    const tagged = calls.filter((c) => sid(c) === "AllowScopedEC2InstanceActionsWithTags");
    assert.equal(tagged.length, 6);
    assert.deepEqual(tagged[1], {
      action: "ec2:RunInstances",
      resource: `arn:aws:ec2:us-east-1:${ACCT}:instance/x0`,
      context: {
        "aws:RequestTag/kubernetes.io/cluster/c1": "owned",
        "aws:RequestTag/eks:eks-cluster-name": "c1",
        "aws:RequestTag/karpenter.sh/nodepool": "x0",
      },
      source:
        "aws/karpenter-provider-aws@v1.14.1:KarpenterControllerNodeLifecyclePolicy#AllowScopedEC2InstanceActionsWithTags",
    });
    const template = calls.find((c) => sid(c) === "AllowScopedEC2LaunchTemplateAccessActions");
    assert.deepEqual(template?.context, {
      "aws:ResourceTag/kubernetes.io/cluster/c1": "owned",
      "aws:ResourceTag/karpenter.sh/nodepool": "x0",
    });
  });

  it("Null: false makes a key present, Null: true absent; ForAllValues gives the list", () => {
    const lb = upstreamCalls(LB, {}, at).filter((c) => c.action === "ec2:DeleteTags");
    assert.deepEqual(
      lb.map((c) => [c.resource, c.context]),
      [[`arn:aws:ec2:us-east-1:${ACCT}:security-group/x0`, { "aws:ResourceTag/elbv2.k8s.aws/cluster": "x0" }]],
    );
    const tagging = upstreamCalls(KARPENTER, vars, at).find((c) => c.source.endsWith("#AllowScopedResourceTagging"));
    assert.deepEqual(tagging?.context["aws:TagKeys"], ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"]);
  });

  it("skips what the platform turns off and statements whose variables it lacks; refuses unknown operators", () => {
    const all = upstreamCalls(KARPENTER, vars, at).map((c) => c.action);
    const noZonal = upstreamCalls(KARPENTER, vars, at, ["KarpenterControllerZonalShiftPolicy"]).map((c) => c.action);
    assert.ok(all.includes("arc-zonal-shift:GetManagedResource"));
    assert.ok(!noZonal.includes("arc-zonal-shift:GetManagedResource"));
    const noRole = upstreamCalls(KARPENTER, { ...vars, "KarpenterNodeRole.Arn": undefined }, at);
    assert.ok(!noRole.some((c) => c.action === "iam:PassRole"));
    const odd: UpstreamPolicies = {
      source: { repository: "https://github.com/x/y", tag: "v1", path: "p", read: "2026-12-07" },
      policies: {
        P: { Statement: [{ Effect: "Allow", Action: "s3:GetObject", Condition: { DateGreaterThan: { k: "v" } } }] },
      },
    };
    assert.throws(() => upstreamCalls(odd, {}, at), /DateGreaterThan has no request context rule/);
  });
});

describe("access: controller needs in the plans", () => {
  const devResources = async (): Promise<PlanResource[]> =>
    (await planFor("dev")).plan.resources.map((r) => ({ ...r, inputs: structuredClone(r.inputs) }));

  it("dev: every upstream call of Karpenter and the LB controller is allowed; no grant is left unused", async () => {
    const report = accessReport(await devResources());
    const karpenter = report.entries.filter((e) => e.requirement === "karpenter");
    const expected = upstreamCalls(KARPENTER, vars, at, ["KarpenterControllerZonalShiftPolicy"]).map((c) => c.action);
    for (const action of expected)
      assert.ok(
        karpenter.some((e) => e.action === action && e.ok),
        action,
      );
    const lb = report.entries.filter((e) => e.requirement === "lb-controller");
    for (const c of upstreamCalls(LB, {}, at))
      assert.ok(
        lb.some((e) => e.action === c.action && e.ok),
        c.action,
      );
    // The last one went with the burst consumer's sqs:ChangeMessageVisibility: Lambda's SQS event
    // source receives, deletes and reads attributes (SQS Developer Guide), nothing else.
    assert.deepEqual(
      report.unused.map((u) => [u.role, u.actions]),
      [],
    );
  }).timeout(120_000);

  it("a policy that drops an upstream statement fails the call it covered", async () => {
    const rs = await devResources();
    const p = rs.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && /karpenter-controller/.test(r.name));
    assert.ok(
      p,
      rs
        .filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy")
        .map((r) => r.name)
        .join(),
    );
    const doc = JSON.parse(String(p.inputs.policy)) as { Statement: { Sid?: string }[] };
    doc.Statement = doc.Statement.filter((s) => s.Sid !== "AllowScopedDeletion");
    p.inputs.policy = JSON.stringify(doc);
    const failed = accessReport(rs).entries.filter((e) => !e.ok);
    assert.deepEqual(
      failed.map((e) => [e.requirement, e.action, e.resource.split(":").pop()]),
      [
        ["karpenter", "ec2:TerminateInstances", "instance/x0"],
        ["karpenter", "ec2:TerminateInstances", "launch-template/x0"],
        ["karpenter", "ec2:DeleteLaunchTemplate", "instance/x0"],
        ["karpenter", "ec2:DeleteLaunchTemplate", "launch-template/x0"],
      ],
    );
    assert.match(
      accessProblem(failed[0]),
      /ec2:TerminateInstances on arn:aws:ec2:us-east-1:123456789012:instance\/x0 is denied/,
    );
  }).timeout(120_000);
});
