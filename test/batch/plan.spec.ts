import { strict as assert } from "assert";
import fc from "fast-check";
import { FARGATE_COMBINATIONS, fargatePodSize } from "../../components/batch/fargate";
import {
  batchCronJob,
  batchNamespace,
  batchPodSize,
  fargateLoggingManifests,
  runCommand,
} from "../../components/batch/plan";
import { batchSchema } from "../../components/config/sections/batch";
import { validateManifest } from "../helpers/schemas";
import { configIssues } from "../helpers/stand-in";

const defaults = batchSchema.parse(undefined);

describe("Fargate pod sizing (EKS guide, Fargate Pod configuration, read 2026-12-07)", () => {
  it("sizes seed 002's pod (requests 1 CPU / 2Gi) at 1 vCPU / 3 GB: 2 GB plus the 256 MB Fargate adds rounds up", () =>
    assert.deepEqual(batchPodSize(defaults), { vcpu: 1, memoryGiB: 3 }));

  it("rounds each dimension up to a listed combination", () => {
    assert.deepEqual(fargatePodSize(0.1, 0.1), { vcpu: 0.25, memoryGiB: 0.5 });
    assert.deepEqual(fargatePodSize(0.25, 1.75), { vcpu: 0.25, memoryGiB: 2 });
    // 0.25 vCPU stops at 2 GB: 1.8 GiB + 0.25 needs the next vCPU step.
    assert.deepEqual(fargatePodSize(0.25, 1.8), { vcpu: 0.5, memoryGiB: 3 });
    assert.deepEqual(fargatePodSize(0.5, 3.9), { vcpu: 1, memoryGiB: 5 });
    assert.deepEqual(fargatePodSize(2, 4), { vcpu: 2, memoryGiB: 5 });
    assert.deepEqual(fargatePodSize(1, 8), { vcpu: 2, memoryGiB: 9 });
    assert.deepEqual(fargatePodSize(3, 1), { vcpu: 4, memoryGiB: 8 });
    assert.deepEqual(fargatePodSize(4, 29.75), { vcpu: 4, memoryGiB: 30 });
  });

  it("has no size above 4 vCPU / 30 GB", () => {
    assert.equal(fargatePodSize(4, 29.8), undefined);
    assert.equal(fargatePodSize(4.5, 1), undefined);
  });

  it("property: the size covers the request and no smaller listed combination does", () =>
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 29.75, noNaN: true }),
        (v, m) => {
          const s = fargatePodSize(v, m);
          assert.ok(s, `${v} vCPU / ${m} GiB fits 4 vCPU / 30 GB`);
          assert.ok(s.vcpu >= v && s.memoryGiB >= m + 0.25);
          const listed = FARGATE_COMBINATIONS.flatMap((c) => c.memoryGiB.map((g) => ({ vcpu: c.vcpu, memoryGiB: g })));
          assert.ok(
            listed.some((c) => c.vcpu === s.vcpu && c.memoryGiB === s.memoryGiB),
            "a listed combination",
          );
          const smaller = listed.filter(
            (c) =>
              c.vcpu >= v &&
              c.memoryGiB >= m + 0.25 &&
              (c.vcpu < s.vcpu || (c.vcpu === s.vcpu && c.memoryGiB < s.memoryGiB)),
          );
          assert.deepEqual(smaller, []);
        },
      ),
    ));
});

describe("platform:batch config", () => {
  it("defaults to seed 002's Job: parallelism 10, completions 100, 1-2 CPU, 2-4 Gi, on demand", () => {
    assert.equal(defaults.parallelism, 10);
    assert.equal(defaults.completions, 100);
    assert.deepEqual(defaults.requests, { cpu: "1", memory: "2Gi" });
    assert.deepEqual(defaults.limits, { cpu: "2", memory: "4Gi" });
    assert.equal(defaults.suspend, true);
    assert.equal(defaults.regions, "primary");
  });

  it("names the key, the value and what was expected for each bad input", () => {
    const issues = (batch: unknown) =>
      configIssues({ environment: "dev", regions: [{ name: "us-west-2", vpcCidr: "10.1.0.0/16" }], batch });
    assert.deepEqual(
      issues({ parallelism: 20, completions: 5 }).map((i) => [i.path, i.value, i.expected]),
      [["platform:batch.parallelism", 20, "at most completions (5): more pods at once than the Job ever needs"]],
    );
    assert.deepEqual(
      issues({ limits: { cpu: "500m", memory: "4Gi" } }).map((i) => [i.path, i.value, i.expected]),
      [["platform:batch.limits.cpu", "500m", "at least requests.cpu (1)"]],
    );
    const big = issues({ requests: { cpu: "4", memory: "30Gi" }, limits: { cpu: "4", memory: "30Gi" } });
    assert.equal(big.length, 1);
    assert.equal(big[0].path, "platform:batch.requests");
    assert.match(big[0].expected, /at most 4 vCPU and 29.75 GiB/);
    const latest = issues({ image: "data-processor:latest" });
    assert.deepEqual(
      latest.map((i) => i.path),
      ["platform:batch.image"],
    );
    assert.deepEqual(
      issues({ schedule: "daily" }).map((i) => i.path),
      ["platform:batch.schedule"],
    );
    assert.deepEqual(
      issues({ regions: "some" }).map((i) => [i.path, i.expected]),
      [["platform:batch.regions", '"primary" or "all"']],
    );
  });
});

describe("batch manifests", () => {
  const job = batchCronJob(defaults, "ghcr.io/example/data-processor:1.0.0");
  const pod = job.spec.jobTemplate.spec.template;

  it("are valid batch/v1 CronJob, Namespace and ConfigMap objects", async () => {
    await validateManifest("kubernetes-models/batch/v1/CronJob", "CronJob", job);
    await validateManifest("kubernetes-models/v1/Namespace", "Namespace", batchNamespace(defaults));
    const logging = fargateLoggingManifests("us-west-2", "/aws/eks/c/fargate-batch");
    await validateManifest("kubernetes-models/v1/ConfigMap", "ConfigMap", logging.configMap);
  });

  it("carry seed 002's Job numbers into the template", () => {
    assert.equal(job.spec.jobTemplate.spec.parallelism, 10);
    assert.equal(job.spec.jobTemplate.spec.completions, 100);
    assert.deepEqual(pod.spec.containers[0].resources, {
      requests: { cpu: "1", memory: "2Gi" },
      limits: { cpu: "2", memory: "4Gi" },
    });
    assert.equal(pod.spec.restartPolicy, "Never");
  });

  it("select Fargate by pod label, not by the seed's nodeSelector", () => {
    assert.equal(pod.metadata.labels["compute-type"], "fargate");
    assert.ok(!("nodeSelector" in pod.spec), "Fargate nodes carry eks.amazonaws.com/compute-type, not compute-type");
  });

  it("keep the CronJob suspended unless config starts it, one run at a time", () => {
    assert.equal(job.spec.suspend, true);
    assert.equal(job.spec.concurrencyPolicy, "Forbid");
    const scheduled = batchCronJob({ ...defaults, suspend: false, schedule: "15 2 * * 1" }, "x:1");
    assert.equal(scheduled.spec.suspend, false);
    assert.equal(scheduled.spec.schedule, "15 2 * * 1");
    assert.equal(
      runCommand(defaults),
      "kubectl -n batch create job --from=cronjob/data-processing data-processing-$(date +%s)",
    );
  });

  it("route container logs to the named log group without creating groups", () => {
    const { namespace, configMap } = fargateLoggingManifests("eu-west-1", "/aws/eks/c/fargate-batch");
    assert.equal(namespace.metadata.name, "aws-observability");
    assert.equal(namespace.metadata.labels["aws-observability"], "enabled");
    assert.equal(configMap.metadata.name, "aws-logging");
    const out = configMap.data["output.conf"];
    assert.match(out, /Name cloudwatch_logs/);
    assert.match(out, /region eu-west-1/);
    assert.match(out, /log_group_name \/aws\/eks\/c\/fargate-batch/);
    assert.match(out, /auto_create_group false/);
  });

  it("annotate the Fargate size and usage assumptions the cost estimate reads", () => {
    const big = batchCronJob(
      { ...defaults, requests: { cpu: "2", memory: "4Gi" }, usage: { runsPerMonth: 4, minutesPerCompletion: 7 } },
      "x:1",
    );
    assert.equal(big.metadata.annotations["platform.io/fargate-size"], "2 vCPU / 5 GB");
    assert.equal(big.metadata.annotations["platform.io/cost-runs-per-month"], "4");
    assert.equal(big.metadata.annotations["platform.io/cost-minutes-per-completion"], "7");
  });
});
