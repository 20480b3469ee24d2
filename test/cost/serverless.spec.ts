import { strict as assert } from "node:assert";
import { estimateCost } from "../../tools/cost/estimate";
import type { CostResource } from "../../tools/cost/types";
import { plan, res } from "./fixtures";

const TABLE = "aws:dynamodb/table:Table";
const REPLICA = "aws:dynamodb/tableReplica:TableReplica";
const FUNCTION = "aws:lambda/function:Function";
const MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping";

/** A Region component with children; Kubernetes objects take its name as their region. */
function region(name: string, kids: CostResource[]): CostResource[] {
  const r = { ...res("platform:region:Region", null, {}, name), custom: false };
  for (const k of kids) k.parent = r.urn;
  return [r, ...kids];
}

/** activity-service, labelled as a table user (workloads.platform.io/dynamodb). */
const activity = () =>
  res("kubernetes:apps/v1:Deployment", null, {
    metadata: { name: "activity-service", namespace: "apps" },
    spec: { template: { metadata: { labels: { "workloads.platform.io/dynamodb": "true" } } } },
  });

const table = (over: Record<string, unknown> = {}) =>
  res(
    TABLE,
    "us-east-1",
    {
      globalSecondaryIndexes: [{ name: "GSI1", projectionType: "ALL" }],
      pointInTimeRecovery: { enabled: true },
      streamEnabled: true,
      streamViewType: "NEW_AND_OLD_IMAGES",
      ...over,
    },
    "table",
  );

// 1,000 rps design peak x averageToPeak 0.5 = 500 rps; activity-service's route share 0.4 (capacity view) = 200 rps.
const TRAFFIC = { traffic: { peakRps: 1000, averageToPeak: 0.5 } };
const line = (r: ReturnType<typeof estimateCost>, name: string, where = "us-east-1") =>
  r.lines.find((l) => l.line === name && l.region === where)?.monthly;

describe("cost: DynamoDB on-demand", () => {
  it("prices reads, writes, index writes, storage and point-in-time recovery of a single-region table", () => {
    const r = estimateCost(plan(region("us-east-1", [table(), activity()]), TRAFFIC));
    // DynamoDB on-demand page readings (us-east-1): $0.125 per 1M RRU, $0.625 per 1M WRU, $0.25 per GB-month;
    // PITR $0.20 per GB-month. A month is 730 h = 2,628,000 s.
    // Reads: 200 rps x 5 % cache misses x 2,628,000 s = 26.28M eventually consistent reads = 13.14M RRU -> $1.6425.
    assert.equal(line(r, "DynamoDB reads"), 1.64);
    // Writes: 200 rps x writePercent 10 % x 2,628,000 s = 52.56M writes of 1 KB = 52.56M WRU -> $32.85; GSI1 the same.
    assert.equal(line(r, "DynamoDB writes"), 32.85);
    assert.equal(line(r, "DynamoDB index writes"), 32.85);
    // Storage: 10M daily active users x 1,000 / 34,722.2 rps (the users the 1,000 rps peak serves) = 288,000 users
    // x 2,048 B x 2 (GSI1 projects ALL) = 1.18 GB -> $0.29; PITR on the same size at $0.20 -> $0.24.
    assert.equal(line(r, "DynamoDB storage"), 0.29);
    assert.equal(line(r, "DynamoDB point-in-time recovery"), 0.24);
    // Streams: replication and Lambda triggers read them free; stated as a $0 line, not left out.
    assert.equal(line(r, "DynamoDB Streams reads"), 0);
    assert.equal(line(r, "DynamoDB replicated writes"), undefined);
  });

  it("bills every write of a global table once per replica (rWRU) plus cross-region transfer", () => {
    const replica = res(REPLICA, "us-west-2", { pointInTimeRecovery: false }, "replica");
    const r = estimateCost(
      plan([...region("us-east-1", [table(), activity()]), ...region("us-west-2", [replica, activity()])], TRAFFIC),
    );
    // Each region 250 rps (equal shares), activity 100 rps, 10 % writes: 26.28M writes a region, 52.56M in all,
    // each billed as an rWRU in both regions at $0.625 per 1M (DynamoDB guide: priced as a WRU) -> $32.85 each.
    assert.equal(line(r, "DynamoDB replicated writes"), 32.85);
    assert.equal(line(r, "DynamoDB replicated writes", "us-west-2"), 32.85);
    assert.equal(line(r, "DynamoDB writes"), undefined);
    // us-east-1's own 26.28M writes x 1 KiB = 25.06 GB to us-west-2 at $0.02/GB -> $0.50.
    assert.equal(line(r, "DynamoDB replication transfer"), 0.5);
    // PITR is off on the replica: no line there.
    assert.equal(line(r, "DynamoDB point-in-time recovery", "us-west-2"), undefined);
  });

  it("counts a replica in a region without pinned DynamoDB prices as unpriced, naming the region", () => {
    const replica = res(REPLICA, "eu-west-1", {}, "replica");
    const r = estimateCost(plan([...region("us-east-1", [table()]), replica], TRAFFIC));
    assert.deepEqual(
      r.unpriced.map((u) => [u.type, u.region, u.kind]),
      [[REPLICA, "eu-west-1", "price"]],
    );
    assert.match(
      r.unpriced[0].reason,
      /^no pinned price for DynamoDB \(writeUnits, readUnits, replicatedWriteUnits, storage, pitr\) in eu-west-1 \(see https:\/\/aws\.amazon\.com\/dynamodb\/pricing\/on-demand\/\)$/,
    );
    assert.equal(r.lines.filter((l) => l.region === "eu-west-1").length, 0);
  });
});

describe("cost: Lambda burst processor", () => {
  const fn = (architectures: string[]) =>
    res(FUNCTION, "us-east-1", { architectures, memorySize: 256, reservedConcurrentExecutions: 1000 }, "fn");
  const esm = () => res(MAPPING, "us-east-1", { batchSize: 10, maximumBatchingWindowInSeconds: 5 }, "esm");

  it("prices requests and arm64 GB-seconds from the jobs the writes enqueue, in full batches", () => {
    const r = estimateCost(plan([fn(["arm64"]), esm()], TRAFFIC));
    // Lambda page readings (us-east-1): $0.20 per 1M requests, Arm $0.0000133334 per GB-second.
    // 500 rps x 10 % writes = 50 jobs/s: a 5 s window fills a batch of 10 -> 13.14M invocations a month -> $2.628.
    assert.equal(line(r, "Lambda requests"), 2.63);
    // 13.14M x 10 messages x 20 ms = 0.2 s x 0.25 GB = 657,000 GB-s x $0.0000133334 -> $8.76.
    assert.equal(line(r, "Lambda duration (arm64)"), 8.76);
    // The mapping carries no charge (its SQS polling is billed on the queue).
    assert.equal(r.coverage.byType.free[0].type, MAPPING);
  });

  it("prices x86_64 at its own rate and low traffic in partial batches", () => {
    const x86 = estimateCost(plan([fn(["x86_64"]), esm()], TRAFFIC));
    // 657,000 GB-s x $0.0000166667 (x86) -> $10.95.
    assert.equal(line(x86, "Lambda duration (x86_64)"), 10.95);
    const quiet = estimateCost(plan([fn(["arm64"]), esm()], { traffic: { peakRps: 20, averageToPeak: 0.5 } }));
    // 10 rps x 10 % = 1 job/s: a 5 s window collects 5 -> 525,600 invocations -> $0.105; 0.1 s x 0.25 GB each
    // = 13,140 GB-s -> $0.175.
    assert.equal(line(quiet, "Lambda requests"), 0.11);
    assert.equal(line(quiet, "Lambda duration (arm64)"), 0.18);
  });
});
