import { strict as assert } from "node:assert";
import { estimateCost } from "../../tools/cost/estimate";
import type { CostReport, CostResource } from "../../tools/cost/types";
import { plan, res } from "./fixtures";

/**
 * The basis each DynamoDB and Lambda line states: the arithmetic test/cost/serverless.spec.ts derives
 * by hand for the same plans (1,000 rps peak x 0.5 = 500 avg req/s; activity-service's route share 0.4;
 * 2,628,000 s a month; DynamoDB on-demand $0.125 per 1M RRU, $0.625 per 1M WRU/rWRU, $0.25 and $0.20
 * (PITR) per GB-month; inter-region $0.02/GB; Lambda $0.20 per 1M requests, Arm $0.0000133334 per GB-s).
 */
const TABLE = "aws:dynamodb/table:Table";
function region(name: string, kids: CostResource[]): CostResource[] {
  const r = { ...res("platform:region:Region", null, {}, name), custom: false };
  for (const k of kids) k.parent = r.urn;
  return [r, ...kids];
}
const user = (name: string, label = "true") =>
  res("kubernetes:apps/v1:Deployment", null, {
    metadata: { name, namespace: "apps" },
    spec: { template: { metadata: { labels: { "workloads.platform.io/dynamodb": label } } } },
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
const TRAFFIC = { traffic: { peakRps: 1000, averageToPeak: 0.5 } };
const basis = (r: CostReport, where = "us-east-1") =>
  Object.fromEntries(r.lines.filter((l) => l.region === where).map((l) => [l.line, l.basis]));
const STORAGE = "1.18 GB (288k daily active users served x 2048 B, x 2 with ALL-projected indexes) x $0.25/GB-month";
const STREAMS =
  "NEW_AND_OLD_IMAGES: global-table replication reads it free of charge; no other consumer in the plan " +
  "(a Lambda trigger's reads would be free too)";

describe("cost: what the DynamoDB and Lambda lines state", () => {
  it("states a single-region table's reads, writes, index writes, storage, recovery and streams", () => {
    const r = estimateCost(
      plan(region("us-east-1", [table(), user("activity-service"), user("other", "false")]), TRAFFIC),
    );
    assert.deepEqual(basis(r), {
      "DynamoDB reads":
        "13.14M RRU: 26.28M eventually consistent reads (activity-service: route share 0.4 of 500 avg req/s x " +
        "cache misses 5 %) x 0.5 RRU x $0.125/1M",
      "DynamoDB writes":
        "52.56M writes of the table-using services in all 1 region(s) (writePercent 10 %) x 1 WRU x $0.625/1M",
      "DynamoDB index writes": "52.56M writes x 1 GSI(s) x 1 WRU x $0.625/1M (index updates are plain WRUs)",
      "DynamoDB storage": STORAGE,
      "DynamoDB point-in-time recovery": "1.18 GB x $0.20/GB-month",
      "DynamoDB Streams reads": STREAMS,
    });
  });

  it("states a global table's replicated writes and the transfer each region sends", () => {
    const replica = res(
      "aws:dynamodb/tableReplica:TableReplica",
      "us-west-2",
      { pointInTimeRecovery: false },
      "replica",
    );
    const r = estimateCost(
      plan(
        [
          ...region("us-east-1", [table(), user("activity-service")]),
          ...region("us-west-2", [replica, user("activity-service")]),
        ],
        TRAFFIC,
      ),
    );
    const rw =
      "52.56M writes of the table-using services in all 2 region(s) (writePercent 10 %) x 1 rWRU (each replica is billed for every write) x $0.625/1M";
    assert.equal(basis(r)["DynamoDB replicated writes"], rw);
    assert.equal(basis(r, "us-west-2")["DynamoDB replicated writes"], rw);
    assert.equal(
      basis(r)["DynamoDB reads"],
      "6.57M RRU: 13.14M eventually consistent reads (activity-service: route share 0.4 of 250 avg req/s x cache misses 5 %) x 0.5 RRU x $0.125/1M",
    );
    assert.equal(
      basis(r)["DynamoDB replication transfer"],
      "25.06 GB written here (26.28M of 52.56M writes x 1 KiB) sent to us-west-2 $0.02/GB",
    );
    assert.equal(
      basis(r, "us-west-2")["DynamoDB replication transfer"],
      "25.06 GB written here (26.28M of 52.56M writes x 1 KiB) sent to us-east-1 $0.02/GB",
    );
    assert.equal(basis(r, "us-west-2")["DynamoDB point-in-time recovery"], undefined);
    assert.equal(basis(r, "us-west-2")["DynamoDB Streams reads"], undefined);
  });

  it("says when no service uses the table and leaves out indexes, recovery and streams that are off", () => {
    const r = estimateCost(
      plan(
        region("us-east-1", [table({ globalSecondaryIndexes: [], pointInTimeRecovery: {}, streamEnabled: false })]),
        TRAFFIC,
      ),
    );
    assert.deepEqual(Object.keys(basis(r)), ["DynamoDB reads", "DynamoDB writes", "DynamoDB storage"]);
    assert.match(
      basis(r)["DynamoDB reads"],
      /^0 RRU: 0 eventually consistent reads \(no service: route share 0 of 500 avg req\/s/,
    );
    assert.match(basis(r)["DynamoDB storage"], /x 1 with ALL-projected indexes\) x \$0\.25\/GB-month$/);
  });

  it("states Lambda's invocations from the enqueued jobs and its GB-seconds", () => {
    const r = estimateCost(
      plan(
        [
          res("aws:lambda/function:Function", "us-east-1", { architectures: ["arm64"], memorySize: 256 }, "fn"),
          res("aws:lambda/eventSourceMapping:EventSourceMapping", "us-east-1", {
            batchSize: 10,
            maximumBatchingWindowInSeconds: 5,
          }),
        ],
        TRAFFIC,
      ),
    );
    assert.deepEqual(basis(r), {
      "Lambda requests":
        "13.14M invocations: 131.4M jobs (50.0/s = region's avg req/s x writePercent 10 % x 1 job per write) in " +
        "batches of 10.0 (batchSize 10, window 5 s) x $0.20/1M",
      "Lambda duration (arm64)":
        "13.14M x 0.200 s (20 ms per message) x 0.25 GB = 657k GB-s x $0.0000133334/GB-s; reserved concurrency is " +
        "free (provisioned is not used)",
    });
  });
});
