import { strict as assert } from "assert";
import { dynamodbSchema, resolveDynamodb } from "../../components/config/sections/dynamodb";
import { GlobalTable } from "../../components/dynamodb/table";
import { runProgram, type PlanResource, type ProgramRun } from "../../tools/engine/run";
import { ALONE, named, standInRegion } from "../helpers/stand-in";

const TABLE = "aws:dynamodb/table:Table";
const REPLICA = "aws:dynamodb/tableReplica:TableReplica";
const KEY = "aws:kms/key:Key";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

/** The GlobalTable alone on the mock engine, primary us-east-1 plus the given replica regions. */
function run(raw: Record<string, unknown>, prod: boolean): Promise<ProgramRun> {
  const others = ["us-west-2", "eu-west-1"];
  const dynamodb = resolveDynamodb(dynamodbSchema.parse({ enabled: true, ...raw }), others, prod);
  return runProgram({
    ...ALONE,
    program: () => {
      const regions = Object.fromEntries(
        [
          ["us-east-1", "use1"],
          ["us-west-2", "usw2"],
          ["eu-west-1", "euw1"],
        ].map(([name, short]) => [name, standInRegion({ name, short })]),
      );
      new GlobalTable("dynamodb", { dynamodb, name: "platform", stack: "test", primaryRegion: "us-east-1", regions });
      return {};
    },
  });
}

/** Resources of this component (the stand-in regions bring their own alarm-topic keys). */
const ofType = (r: ProgramRun, t: string): PlanResource[] =>
  r.resources.filter((x) => x.type === t && x.name.startsWith("dynamodb-"));

describe("DynamoDB GlobalTable (mock engine)", () => {
  let prod: ProgramRun;
  let dev: ProgramRun;
  before(async () => {
    prod = await run({}, true);
    dev = await run({ replicaRegions: [] }, false);
  });

  it("creates seed 002's table in the primary region: on-demand, GSI1, NEW_AND_OLD_IMAGES", () => {
    const [t] = ofType(prod, TABLE);
    assert.equal(ofType(prod, TABLE).length, 1);
    assert.equal(t.region, "us-east-1");
    assert.equal(t.inputs.name, "platform-test-app");
    assert.equal(t.inputs.billingMode, "PAY_PER_REQUEST");
    assert.equal(t.inputs.streamEnabled, true);
    assert.equal(t.inputs.streamViewType, "NEW_AND_OLD_IMAGES");
    const gsis = t.inputs.globalSecondaryIndexes as Record<string, unknown>[];
    assert.deepEqual(gsis, [{ name: "GSI1", hashKey: "GSI1PK", rangeKey: "GSI1SK", projectionType: "ALL" }]);
    assert.ok(!("readCapacity" in gsis[0]) && !("writeCapacity" in gsis[0]), "on-demand GSI has no capacity");
    assert.deepEqual(t.options?.ignoreChanges, ["replicas"]);
  });

  it("replicates to every other region with that region's provider and its own KMS key", () => {
    const replicas = ofType(prod, REPLICA);
    assert.deepEqual(replicas.map((r) => r.region).sort(), ["eu-west-1", "us-west-2"]);
    const keys = ofType(prod, KEY);
    assert.deepEqual(keys.map((k) => k.region).sort(), ["eu-west-1", "us-east-1", "us-west-2"]);
    for (const r of replicas) {
      const key = named(prod.resources, `dynamodb-${r.region}-key`);
      assert.equal(key.region, r.region);
      assert.ok(r.dependencies.includes(key.urn), `${r.name} is encrypted with its region's key`);
      assert.ok(r.dependencies.includes(ofType(prod, TABLE)[0].urn), `${r.name} replicates the table`);
    }
    const t = ofType(prod, TABLE)[0];
    assert.ok(t.dependencies.includes(named(prod.resources, "dynamodb-us-east-1-key").urn));
    assert.equal((t.inputs.serverSideEncryption as { enabled: boolean }).enabled, true);
    for (const k of keys) assert.equal(k.inputs.enableKeyRotation, true);
  });

  it("prod: PITR, deletion protection and Pulumi protect on table, replicas and keys", () => {
    const t = ofType(prod, TABLE)[0];
    assert.deepEqual(t.inputs.pointInTimeRecovery, { enabled: true });
    assert.equal(t.inputs.deletionProtectionEnabled, true);
    for (const r of ofType(prod, REPLICA)) {
      assert.equal(r.inputs.pointInTimeRecovery, true);
      assert.equal(r.inputs.deletionProtectionEnabled, true);
    }
    for (const x of [...ofType(prod, TABLE), ...ofType(prod, REPLICA), ...ofType(prod, KEY)])
      assert.equal(x.options?.protect, true, x.name);
  });

  it("dev: one unprotected table, no replica, no PITR", () => {
    assert.equal(ofType(dev, REPLICA).length, 0);
    const t = ofType(dev, TABLE)[0];
    assert.deepEqual(t.inputs.pointInTimeRecovery, { enabled: false });
    assert.equal(t.inputs.deletionProtectionEnabled, false);
    assert.equal(t.options?.protect, false);
    assert.deepEqual(
      ofType(dev, KEY).map((k) => k.region),
      ["us-east-1"],
    );
  });

  it("alarms each region's throttles and replication latency to that region's alarm topic", () => {
    const alarms = ofType(prod, ALARM);
    assert.equal(alarms.length, 3 * 3 + 3 * 2);
    const latency = named(prod.resources, "dynamodb-us-west-2-alarm-replication-latency-us-east-1");
    assert.equal(latency.region, "us-west-2");
    assert.deepEqual(latency.inputs.dimensions, { TableName: "platform-test-app", ReceivingRegion: "us-east-1" });
    assert.equal(latency.inputs.threshold, 5000);
    const topic = prod.resources.find((r) => r.type === "aws:sns/topic:Topic" && r.region === "us-west-2")!;
    assert.ok(latency.dependencies.includes(topic.urn), "alarms publish to the region's own topic");
    assert.equal(ofType(dev, ALARM).length, 3);
  });
});
