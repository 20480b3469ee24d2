import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import { burstProcessorIssues, burstProcessorSchema } from "../../components/config/sections/lambda";
import * as fs from "fs";
import * as path from "path";
import { BurstProcessor, HANDLER_DIR, handlerArchive } from "../../components/lambda/burst-processor";
import { runProgram, type PlanResource, type ProgramRun } from "../../tools/engine/run";
import { ALONE, named, standInRegion } from "../helpers/stand-in";

/** The BurstProcessor alone on the mock engine, consuming a stand-in queue in us-west-2. */
function run(raw: Record<string, unknown>): Promise<ProgramRun> {
  const config = burstProcessorSchema.parse({ enabled: true, ...raw });
  return runProgram({
    ...ALONE,
    program: () => {
      const region = standInRegion();
      const queue = new aws.sqs.Queue("jobs", { name: "platform-test-usw2-jobs" }, { provider: region.provider });
      new BurstProcessor("usw2-burst", { config, region, queue: { arn: queue.arn, name: "platform-test-usw2-jobs" } });
      return {};
    },
  });
}

describe("BurstProcessor (mock engine)", () => {
  let r: ProgramRun;
  before(async () => (r = await run({})));
  const fn = () => named(r.resources, "usw2-burst-function");
  const source = () => named(r.resources, "usw2-burst-source");

  it("consumes the queue with seed 002's batch 10 and 5 s window, partial batch responses", () => {
    const s = source();
    assert.equal(s.type, "aws:lambda/eventSourceMapping:EventSourceMapping");
    assert.equal(s.inputs.batchSize, 10);
    assert.equal(s.inputs.maximumBatchingWindowInSeconds, 5);
    assert.deepEqual(s.inputs.functionResponseTypes, ["ReportBatchItemFailures"]);
    assert.ok(s.dependencies.includes(named(r.resources, "jobs").urn), "the mapping reads the queue's ARN");
    assert.ok(!("startingPosition" in s.inputs), "SQS sources have no starting position");
    assert.ok(!("parallelizationFactor" in s.inputs), "SQS sources have no parallelization factor");
  });

  it("reserves seed 002's 1000 concurrency and caps the event source at the same number", () => {
    assert.equal(fn().inputs.reservedConcurrentExecutions, 1000);
    assert.deepEqual(source().inputs.scalingConfig, { maximumConcurrency: 1000 });
  });

  it("runs a current Node.js runtime outside any VPC, code from the repository", () => {
    const f = fn();
    assert.equal(f.inputs.runtime, "nodejs24.x");
    assert.equal(f.inputs.handler, "index.handler");
    assert.ok(!("vpcConfig" in f.inputs), "no VPC: the function reaches no data-tier endpoint");
    assert.equal(f.inputs.name, "platform-test-usw2-burst-processor");
    assert.equal(f.region, "us-west-2");
  });

  it("packages the repository's handler files only, with nothing to install", async () => {
    const assets = (await handlerArchive().assets) as Record<string, { path: Promise<string> }>;
    assert.deepEqual(Object.keys(assets), ["index.js"]);
    const file = await assets["index.js"].path;
    assert.equal(file, path.join(HANDLER_DIR, "index.js"));
    const source = fs.readFileSync(file, "utf8");
    assert.ok(!/require\(|import /.test(source), "the handler loads no module: the zip is complete as it is");
    assert.ok(
      fs.readdirSync(HANDLER_DIR).every((f) => assets[f] !== undefined),
      "every file of the folder ships",
    );
  });

  it("lets the role consume only this queue and write only its own log group", () => {
    const policy = JSON.parse(String(named(r.resources, "usw2-burst-policy").inputs.policy));
    const actions = policy.Statement.flatMap((s: { Action: string[] }) => s.Action);
    assert.ok(!actions.includes("sqs:SendMessage") && !actions.some((a: string) => a.endsWith("*")));
    const queueStatement = policy.Statement.find((s: { Sid: string }) => s.Sid === "ConsumeJobQueue");
    assert.match(String(queueStatement.Resource), /jobs/);
    const trust = JSON.parse(String(named(r.resources, "usw2-burst-role").inputs.assumeRolePolicy));
    assert.deepEqual(trust.Statement[0].Principal, { Service: "lambda.amazonaws.com" });
    assert.ok(trust.Statement[0].Condition.StringEquals["aws:SourceAccount"]);
  });

  it("alarms on Errors, Throttles and the queue's oldest message to the region's topic", () => {
    const alarms = r.resources.filter((x: PlanResource) => x.name.startsWith("usw2-burst-alarm-"));
    assert.deepEqual(alarms.map((a) => a.inputs.metricName).sort(), [
      "ApproximateAgeOfOldestMessage",
      "Errors",
      "Throttles",
    ]);
    const age = named(r.resources, "usw2-burst-alarm-oldest-message");
    assert.deepEqual(age.inputs.dimensions, { QueueName: "platform-test-usw2-jobs" });
    assert.equal(age.inputs.threshold, 300);
    const topic = r.resources.find((x) => x.type === "aws:sns/topic:Topic")!;
    for (const a of alarms) assert.ok(a.dependencies.includes(topic.urn), a.name);
  });
});

describe("platform:burstProcessor rules", () => {
  const issues = (raw: Record<string, unknown>, visibility = 60) =>
    burstProcessorIssues(burstProcessorSchema.parse({ enabled: true, ...raw }), visibility);

  it("refuses seed 002's 1000 reserved against the default 1000 quota: AWS keeps 100 unreserved", () =>
    assert.deepEqual(issues({}), [
      {
        path: "platform:burstProcessor.reservedConcurrency",
        value: 1000,
        expected:
          "at most 900: accountConcurrencyQuota 1000 minus the 100 AWS keeps unreserved (raise the quota in " +
          "Service Quotas, L-B99A9384, and set accountConcurrencyQuota, or reserve less)",
      },
    ]));

  it("accepts 1000 with a quota of 1100 and refuses 1001 there", () => {
    assert.deepEqual(issues({ accountConcurrencyQuota: 1100 }), []);
    assert.equal(issues({ accountConcurrencyQuota: 1100, reservedConcurrency: 1001 })[0].value, 1001);
  });

  it("refuses a reservation the SQS event source cannot use as its maximum concurrency", () => {
    const p = issues({ reservedConcurrency: 1, accountConcurrencyQuota: 5000 });
    assert.equal(p[0].expected, "2..1000 (it is also the SQS event source's maximum concurrency)");
    assert.equal(issues({ reservedConcurrency: 1500, accountConcurrencyQuota: 5000 }).length, 1);
  });

  it("refuses a timeout whose six-fold exceeds the queue's visibility timeout", () => {
    assert.deepEqual(issues({ reservedConcurrency: 10, timeoutSeconds: 11 }), [
      {
        path: "platform:burstProcessor.timeoutSeconds",
        value: 11,
        expected:
          "at most 10 s: AWS asks for a queue visibility timeout of six times the function timeout, and the job queue's is 60 s",
      },
    ]);
    assert.deepEqual(issues({ reservedConcurrency: 10, timeoutSeconds: 10 }), []);
  });

  it("refuses python3.9 (seed 002's runtime, deprecated) and other unsupported runtimes", () => {
    const r = burstProcessorSchema.safeParse({ runtime: "python3.9" });
    assert.equal(r.success, false);
    assert.equal(r.error!.issues[0].message, "a supported Node.js runtime (nodejs24.x, nodejs22.x)");
  });

  it("needs a batching window above batch size 10, and nothing when disabled", () => {
    assert.equal(issues({ reservedConcurrency: 10, batchSize: 100, maximumBatchingWindowSeconds: 0 }).length, 1);
    assert.deepEqual(burstProcessorIssues(burstProcessorSchema.parse({}), 60), [], "off by default, nothing checked");
  });
});
