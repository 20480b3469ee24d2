import { z } from "zod";
import type { ConfigIssue } from "../errors";
import { nonNegativeInt, positiveInt } from "../primitives";

/**
 * `platform:dynamodb`: one global table (seed 002: on-demand billing, a GSI `GSI1` on-demand,
 * streams NEW_AND_OLD_IMAGES) with a replica in every region of the stack. Every region reads and
 * writes its local replica (global tables are multi-active; last writer wins).
 */
export const dynamodbSchema = z
  .strictObject({
    /** Off unless the stack turns it on (both stack files do). */
    enabled: z.boolean().default(false),
    /** Last part of the physical table name `<name>-<stack>-<table>`; changing it replaces the table. */
    table: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/, { error: "a lowercase name of 1-32 characters (a-z, 0-9, -)" })
      .default("app"),
    /** Regions holding a replica besides the primary region's table. Default: every other region of the stack. */
    replicaRegions: z.array(z.string()).optional(),
    /** Continuous backups (35 days). Default: on in prod. */
    pointInTimeRecovery: z.boolean().optional(),
    /** AWS deletion protection on the table and every replica. Default: on in prod. */
    deletionProtection: z.boolean().optional(),
    /** Pulumi `protect` on the table, replicas and their KMS keys. Default: on in prod. */
    protect: z.boolean().optional(),
    /** Alarm when read or write throttle events in 5 minutes exceed this (0: any throttle alarms). */
    throttleEventsAlarm: nonNegativeInt.default(0),
    /** Alarm when ReplicationLatency to a replica stays above this for 5 minutes (milliseconds). */
    replicationLatencyAlarmMs: positiveInt.default(5000),
  })
  .prefault({});

export type DynamodbSection = z.output<typeof dynamodbSchema>;

/** The section after defaults that depend on other keys. */
export type DynamodbConfig = Omit<DynamodbSection, "replicaRegions"> & {
  replicaRegions: string[];
  pointInTimeRecovery: boolean;
  deletionProtection: boolean;
  protect: boolean;
};

export function resolveDynamodb(d: DynamodbSection, others: readonly string[], prod: boolean): DynamodbConfig {
  return {
    ...d,
    replicaRegions: d.enabled ? [...(d.replicaRegions ?? others)] : [],
    pointInTimeRecovery: d.pointInTimeRecovery ?? prod,
    deletionProtection: d.deletionProtection ?? prod,
    protect: d.protect ?? prod,
  };
}

/** Replica regions must be other regions of the stack, each once. */
export function dynamodbIssues(
  d: DynamodbSection | undefined,
  regionNames: readonly string[],
  primary: string | undefined,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!d?.enabled || !d.replicaRegions || regionNames.length === 0) return issues;
  d.replicaRegions.forEach((r, i) => {
    const path = `platform:dynamodb.replicaRegions[${i}]`;
    if (r === primary)
      issues.push({ path, value: r, expected: `a region other than the primary (${primary} holds the table itself)` });
    else if (!regionNames.includes(r))
      issues.push({ path, value: r, expected: `one of the stack's regions (${regionNames.join(", ")})` });
    else if (d.replicaRegions!.indexOf(r) !== i)
      issues.push({ path, value: r, expected: "each region once (a region holds at most one replica of a table)" });
  });
  return issues;
}
