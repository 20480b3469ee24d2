import { strict as assert } from "assert";
import { FargateBatch } from "../../components/batch/component";
import { batchSchema } from "../../components/config/sections/batch";
import { runProgram, type ProgramRun } from "../../tools/engine/run";
import { ALONE, named, standInRegion } from "../helpers/stand-in";

function run(raw: Record<string, unknown>): Promise<ProgramRun> {
  const config = batchSchema.parse(raw);
  return runProgram({
    ...ALONE,
    program: () => {
      new FargateBatch("usw2-batch", { config, region: standInRegion() });
      return {};
    },
  });
}

describe("FargateBatch (mock engine)", () => {
  let r: ProgramRun;
  before(async () => (r = await run({ namespace: "jobs", name: "nightly" })));
  const profile = () => named(r.resources, "usw2-batch-profile");
  const job = () => named(r.resources, "usw2-batch-job");

  it("selects exactly the namespace and pod labels of the CronJob's pods", () => {
    const pod = (job().inputs.spec as any).jobTemplate.spec.template;
    const [selector, ...rest] = profile().inputs.selectors as any[];
    assert.deepEqual(rest, []);
    assert.equal(selector.namespace, "jobs");
    assert.equal((job().inputs.metadata as any).namespace, "jobs");
    for (const [k, v] of Object.entries(selector.labels)) assert.equal(pod.metadata.labels[k], v, `pod label ${k}`);
  });

  it("places Fargate pods in the private subnets of the cluster's region", () => {
    assert.deepEqual(profile().inputs.subnetIds, ["subnet-c", "subnet-d"]);
    assert.equal(profile().inputs.clusterName, "platform-test-usw2");
    assert.equal(profile().region, "us-west-2");
  });

  it("gives the pod execution role Fargate's trust for this cluster, the managed policy and its log group only", () => {
    const role = named(r.resources, "usw2-batch-pod-execution");
    const trust = JSON.parse(role.inputs.assumeRolePolicy as string).Statement[0];
    assert.deepEqual(trust.Principal, { Service: "eks-fargate-pods.amazonaws.com" });
    assert.match(
      trust.Condition.ArnLike["aws:SourceArn"],
      /^arn:aws:eks:us-west-2:\d+:fargateprofile\/platform-test-usw2\/\*$/,
    );
    assert.equal(
      named(r.resources, "usw2-batch-pod-execution-managed").inputs.policyArn,
      "arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy",
    );
    const logs = JSON.parse(named(r.resources, "usw2-batch-pod-execution-logs").inputs.policy as string).Statement;
    assert.deepEqual(
      logs.map((s: any) => s.Action),
      [["logs:CreateLogStream", "logs:PutLogEvents"]],
    );
    const group = named(r.resources, "usw2-batch-logs");
    assert.equal(group.inputs.name, "/aws/eks/platform-test-usw2/fargate-batch");
    assert.ok(
      logs[0].Resource.every((a: string) => a.includes(":log-group:/aws/eks/platform-test-usw2/fargate-batch")),
    );
  });

  it("starts runs only after the profile is active and log routing is configured", () => {
    const deps = job().dependencies;
    assert.ok(deps.includes(profile().urn));
    assert.ok(deps.includes(named(r.resources, "usw2-batch-logging").urn));
    assert.ok(profile().dependencies.includes(named(r.resources, "usw2-batch-pod-execution-managed").urn));
  });

  it("keeps log retention from config", async () => {
    const other = await run({ logRetentionDays: 7 });
    assert.equal(named(other.resources, "usw2-batch-logs").inputs.retentionInDays, 7);
    assert.equal(named(r.resources, "usw2-batch-logs").inputs.retentionInDays, 30);
  });
});
