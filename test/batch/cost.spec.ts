import { strict as assert } from "node:assert";
import { batchCronJob } from "../../components/batch/plan";
import { batchSchema } from "../../components/config/sections/batch";
import { estimateCost } from "../../tools/cost/estimate";
import { plan, res } from "../cost/fixtures";

const PROFILE = "aws:eks/fargateProfile:FargateProfile";
const profile = (namespace: string, labels: Record<string, string>) =>
  res(PROFILE, "us-east-1", { selectors: [{ namespace, labels }] }, "profile");
const cronJob = (raw: Record<string, unknown> = {}) =>
  res("kubernetes:batch/v1:CronJob", "us-east-1", batchCronJob(batchSchema.parse(raw), "x:1") as never, "job");
const fargateLines = (resources: ReturnType<typeof res>[]) =>
  estimateCost(plan(resources)).lines.filter((l) => l.line === "Fargate batch pods");

describe("Fargate batch cost (AWS Fargate pricing, us-east-1 Linux/x86)", () => {
  it("prices seed 002's run at the rounded pod size: 1 vCPU / 3 GB, not the 2 GiB requested", () => {
    const [line] = fargateLines([profile("batch", { "compute-type": "fargate" }), cronJob()]);
    // 30 runs x 100 pods x 10 min = 500 pod-hours; 500 x (1 x 0.04048 + 3 x 0.004445) = 26.9075
    assert.equal(line.monthly, 26.91);
    assert.match(line.basis, /rounded up to 1 vCPU \/ 3 GB/);
  });

  it("follows the usage assumptions and the requests", () => {
    const raw = { requests: { cpu: "2", memory: "4Gi" }, usage: { runsPerMonth: 4, minutesPerCompletion: 30 } };
    const [line] = fargateLines([profile("batch", { "compute-type": "fargate" }), cronJob(raw)]);
    // 4 x 100 x 0.5 h = 200 pod-hours at 2 vCPU / 5 GB: 200 x (0.08096 + 0.022225) = 20.637
    assert.equal(line.monthly, 20.64);
  });

  it("prices nothing on Fargate when no profile selects the CronJob's pods", () => {
    assert.deepEqual(fargateLines([cronJob()]), []);
    assert.deepEqual(fargateLines([profile("other", { "compute-type": "fargate" }), cronJob()]), []);
    assert.deepEqual(fargateLines([profile("batch", { "compute-type": "ec2" }), cronJob()]), []);
  });
});
