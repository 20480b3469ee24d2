import { strict as assert } from "assert";
import fc from "fast-check";
import { dynamodbIssues, dynamodbSchema, resolveDynamodb } from "../../components/config/sections/dynamodb";
import { planGlobalTable, SERVICE_TABLE_ACTIONS, tableName } from "../../components/dynamodb/plan";

const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];
const input = (replicaRegions: string[]) => ({
  name: "platform",
  stack: "prod",
  table: "app",
  primaryRegion: "us-east-1",
  replicaRegions,
  throttleEventsAlarm: 0,
  replicationLatencyAlarmMs: 5000,
});

describe("DynamoDB global table plan", () => {
  it("defaults: off until a stack enables it; replicas everywhere, protected in prod only", () => {
    assert.equal(dynamodbSchema.parse(undefined).enabled, false);
    const parsed = dynamodbSchema.parse({ enabled: true });
    const prod = resolveDynamodb(parsed, ["us-west-2", "eu-west-1"], true);
    assert.deepEqual(prod.replicaRegions, ["us-west-2", "eu-west-1"]);
    assert.equal(prod.enabled, true);
    assert.equal(prod.pointInTimeRecovery, true);
    assert.equal(prod.deletionProtection, true);
    assert.equal(prod.protect, true);
    const dev = resolveDynamodb(parsed, [], false);
    assert.deepEqual(dev.replicaRegions, []);
    assert.equal(dev.pointInTimeRecovery, false);
    assert.equal(dev.deletionProtection, false);
    assert.equal(dev.protect, false);
  });

  it("keeps explicit protection choices and drops replicas when disabled", () => {
    const parsed = dynamodbSchema.parse({ enabled: false, pointInTimeRecovery: true, deletionProtection: false });
    const r = resolveDynamodb(parsed, ["us-west-2"], true);
    assert.deepEqual(r.replicaRegions, []);
    assert.equal(r.pointInTimeRecovery, true);
    assert.equal(r.deletionProtection, false);
  });

  it("refuses a replica in the primary region, outside the stack, or twice", () => {
    const d = dynamodbSchema.parse({
      enabled: true,
      replicaRegions: ["us-east-1", "ap-south-1", "us-west-2", "us-west-2"],
    });
    assert.deepEqual(dynamodbIssues(d, REGIONS, "us-east-1"), [
      {
        path: "platform:dynamodb.replicaRegions[0]",
        value: "us-east-1",
        expected: "a region other than the primary (us-east-1 holds the table itself)",
      },
      {
        path: "platform:dynamodb.replicaRegions[1]",
        value: "ap-south-1",
        expected: "one of the stack's regions (us-east-1, us-west-2, eu-west-1)",
      },
      {
        path: "platform:dynamodb.replicaRegions[3]",
        value: "us-west-2",
        expected: "each region once (a region holds at most one replica of a table)",
      },
    ]);
    assert.deepEqual(
      dynamodbIssues(dynamodbSchema.parse({ enabled: true, replicaRegions: ["eu-west-1"] }), REGIONS, "us-east-1"),
      [],
    );
    const off = dynamodbSchema.parse({ replicaRegions: ["ap-south-1"] });
    assert.deepEqual(dynamodbIssues(off, REGIONS, "us-east-1"), [], "a disabled table is not checked");
  });

  it("refuses a table name that is not a lowercase label", () => {
    const r = dynamodbSchema.safeParse({ table: "App_Table" });
    assert.equal(r.success, false);
    assert.equal(r.error!.issues[0].message, "a lowercase name of 1-32 characters (a-z, 0-9, -)");
    assert.equal(dynamodbSchema.safeParse({ throttleEventsAlarm: -1 }).success, false);
  });

  it("names the table from project, stack and table only (the same in every region)", () => {
    assert.equal(tableName("platform", "prod", "app"), "platform-prod-app");
    assert.equal(planGlobalTable(input(["us-west-2"])).tableName, "platform-prod-app");
  });

  it("keys: PK/SK plus GSI1PK/GSI1SK, all strings", () => {
    assert.deepEqual(planGlobalTable(input([])).attributes, [
      { name: "PK", type: "S" },
      { name: "SK", type: "S" },
      { name: "GSI1PK", type: "S" },
      { name: "GSI1SK", type: "S" },
    ]);
  });

  it("alarms on throttles in every region and on replication latency towards every other region", () => {
    const plan = planGlobalTable({ ...input(["us-west-2", "eu-west-1"]), replicationLatencyAlarmMs: 7000 });
    assert.deepEqual(plan.regions, REGIONS);
    const west = plan.alarms["us-west-2"];
    assert.deepEqual(
      west.map((a) => a.role),
      [
        "read-throttles",
        "write-throttles",
        "gsi1-write-throttles",
        "replication-latency-us-east-1",
        "replication-latency-eu-west-1",
      ],
    );
    const latency = west.find((a) => a.role === "replication-latency-eu-west-1")!;
    assert.deepEqual(latency.dimensions, { TableName: "platform-prod-app", ReceivingRegion: "eu-west-1" });
    assert.equal(latency.metricName, "ReplicationLatency");
    assert.equal(latency.threshold, 7000);
    const gsi = west.find((a) => a.role === "gsi1-write-throttles")!;
    assert.deepEqual(gsi.dimensions, { TableName: "platform-prod-app", GlobalSecondaryIndexName: "GSI1" });
  });

  it("gives a lone table no replication alarm (property: one latency alarm per other region)", () =>
    fc.assert(
      fc.property(fc.subarray(["us-west-2", "eu-west-1", "ap-south-1"]), (replicas) => {
        const plan = planGlobalTable(input(replicas));
        for (const r of plan.regions) {
          const latency = plan.alarms[r].filter((a) => a.metricName === "ReplicationLatency");
          assert.equal(latency.length, replicas.length);
          assert.ok(latency.every((a) => a.dimensions.ReceivingRegion !== r));
        }
      }),
    ));

  it("grants services item access only: no scans, table management or stream reads", () => {
    for (const forbidden of ["dynamodb:Scan", "dynamodb:DeleteTable", "dynamodb:UpdateTable", "dynamodb:GetRecords"])
      assert.ok(!(SERVICE_TABLE_ACTIONS as readonly string[]).includes(forbidden), forbidden);
    assert.ok(SERVICE_TABLE_ACTIONS.includes("dynamodb:Query"));
  });
});
