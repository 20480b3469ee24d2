import type { MetricAlarmSpec } from "../cloudwatch-alarms";
import { physicalName } from "../naming";

/**
 * Single-table key design: generic partition/sort keys so services model their own entities
 * (`USER#<id>` / `PROFILE`), and GSI1 on a second pair for the inverted access pattern (seed
 * 002 names the index `GSI1`). Every key attribute is a string.
 */
export const KEY = { hash: "PK", range: "SK" } as const;
export const GSI1 = { name: "GSI1", hash: "GSI1PK", range: "GSI1SK" } as const;
/** Seed 002 StreamSpecification; global tables (version 2019.11.21) replicate through this stream. */
export const STREAM_VIEW_TYPE = "NEW_AND_OLD_IMAGES";
/** Seed 002 BillingMode ON_DEMAND; the API spells it PAY_PER_REQUEST, and the GSI inherits it. */
export const BILLING_MODE = "PAY_PER_REQUEST";

/** What the planner reads: plain values only (they decide how many resources exist). */
export interface GlobalTableInput {
  readonly name: string;
  readonly stack: string;
  readonly table: string;
  readonly primaryRegion: string;
  readonly replicaRegions: readonly string[];
  readonly throttleEventsAlarm: number;
  readonly replicationLatencyAlarmMs: number;
}

export interface GlobalTablePlan {
  /** Physical table name, the same in every region (a global table's replicas share it). */
  readonly tableName: string;
  /** Primary first (holds the aws.dynamodb.Table), then the replicas in config order. */
  readonly regions: readonly string[];
  readonly attributes: readonly { name: string; type: "S" }[];
  /** Alarms per region (each region's metrics live in that region's CloudWatch). */
  readonly alarms: Readonly<Record<string, readonly MetricAlarmSpec[]>>;
}

/** DynamoDB table names: 3-255 characters of [a-zA-Z0-9_.-] (CreateTable API reference). */
export function tableName(name: string, stack: string, table: string): string {
  return physicalName([name, stack, table], 255);
}

export function planGlobalTable(input: GlobalTableInput): GlobalTablePlan {
  const name = tableName(input.name, input.stack, input.table);
  const regions = [input.primaryRegion, ...input.replicaRegions];
  const alarms = Object.fromEntries(regions.map((r) => [r, tableAlarms(name, r, regions, input)]));
  return {
    tableName: name,
    regions,
    attributes: [KEY.hash, KEY.range, GSI1.hash, GSI1.range].map((n) => ({ name: n, type: "S" as const })),
    alarms,
  };
}

const FIVE_MINUTES = { periodSeconds: 300, evaluationPeriods: 1 } as const;

/**
 * On-demand tables still throttle (a hot partition, or a GSI that cannot keep up back-pressures
 * the table's writes), so read and write throttle events alarm, for the table and for GSI1.
 * ReplicationLatency is emitted in the region a change is written in, per receiving region.
 */
export function tableAlarms(
  table: string,
  region: string,
  regions: readonly string[],
  input: Pick<GlobalTableInput, "throttleEventsAlarm" | "replicationLatencyAlarmMs">,
): MetricAlarmSpec[] {
  const throttle = (role: string, metric: string, dims: Record<string, string>, what: string): MetricAlarmSpec => ({
    role,
    namespace: "AWS/DynamoDB",
    metricName: metric,
    dimensions: dims,
    statistic: "Sum",
    comparisonOperator: "GreaterThanThreshold",
    threshold: input.throttleEventsAlarm,
    ...FIVE_MINUTES,
    description: `DynamoDB ${what} in ${region}: more than ${input.throttleEventsAlarm} ${metric} in 5 minutes`,
  });
  const specs = [
    throttle("read-throttles", "ReadThrottleEvents", { TableName: table }, `table ${table}`),
    throttle("write-throttles", "WriteThrottleEvents", { TableName: table }, `table ${table}`),
    throttle(
      "gsi1-write-throttles",
      "WriteThrottleEvents",
      { TableName: table, GlobalSecondaryIndexName: GSI1.name },
      `index ${GSI1.name} of ${table}`,
    ),
  ];
  for (const to of regions.filter((r) => r !== region))
    specs.push({
      role: `replication-latency-${to}`,
      namespace: "AWS/DynamoDB",
      metricName: "ReplicationLatency",
      dimensions: { TableName: table, ReceivingRegion: to },
      statistic: "Average",
      comparisonOperator: "GreaterThanThreshold",
      threshold: input.replicationLatencyAlarmMs,
      ...FIVE_MINUTES,
      description: `DynamoDB ${table}: replication ${region} -> ${to} above ${input.replicationLatencyAlarmMs} ms for 5 minutes`,
    });
  return specs;
}

/**
 * What a service with `uses.dynamodb` may do: item reads and writes on its region's replica and
 * queries on its indexes; never table management (CreateTable, DeleteTable, UpdateTable), scans of
 * the whole table, or stream reads.
 */
export const SERVICE_TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
] as const;

/** The table's ARN in one region (replicas share the name; the ARN differs by region). */
export function tableArnIn(region: string, accountId: string, table: string, partition = "aws"): string {
  return `arn:${partition}:dynamodb:${region}:${accountId}:table/${table}`;
}
