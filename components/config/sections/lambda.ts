import { z } from "zod";
import type { ConfigIssue } from "../errors";
import { positiveInt } from "../primitives";

/**
 * Lambda runtimes the burst processor's handler (plain JavaScript, CommonJS) runs on, with the
 * date AWS deprecates each (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html,
 * as tracked by https://endoflife.date/aws-lambda, read 2026-12-07). Default nodejs24.x: the Node
 * line the repository's own CI runs (.nvmrc), so the handler's tests run on the runtime it ships
 * on, and supported until 2028-04-30 (nodejs22.x ends 2027-04-30; seed 002's python3.9 ended
 * 2025-12-15).
 */
export const LAMBDA_RUNTIMES: Readonly<Record<string, string>> = {
  "nodejs24.x": "2028-04-30",
  "nodejs22.x": "2027-04-30",
};

/** AWS keeps this much of the Region's concurrency quota unreserved (UnreservedConcurrentExecution >= 100). */
export const UNRESERVED_MINIMUM = 100;
/** SQS event sources: ScalingConfig.MaximumConcurrency is 2..1000 (Lambda API reference, ScalingConfig). */
export const SQS_MAX_CONCURRENCY = { min: 2, max: 1000 } as const;

/**
 * `platform:burstProcessor`: seed 002's "AWS Lambda for burst workloads": a function consuming
 * each region's job queue (batch 10, window 5 s, reserved concurrency 1000). The seed's
 * StartingPosition and ParallelizationFactor belong to stream sources (Kinesis, DynamoDB
 * Streams); an SQS event source mapping has neither.
 */
export const burstProcessorSchema = z
  .strictObject({
    /** Off unless the stack turns it on: the reservation must fit the account's quota (see below). */
    enabled: z.boolean().default(false),
    runtime: z
      .string()
      .refine((r) => r in LAMBDA_RUNTIMES, {
        error: `a supported Node.js runtime (${Object.keys(LAMBDA_RUNTIMES).join(", ")})`,
      })
      .default("nodejs24.x"),
    /** Messages per invocation (seed 002: 10; SQS standard queues allow 1..10000, above 10 needs a batching window). */
    batchSize: z
      .number()
      .int({ error: "an integer from 1 to 10000" })
      .min(1, { error: "an integer from 1 to 10000" })
      .max(10000, { error: "an integer from 1 to 10000 (SQS event source limit)" })
      .default(10),
    /** Seconds Lambda waits to fill a batch (seed 002: 5; 0..300). */
    maximumBatchingWindowSeconds: z
      .number()
      .int({ error: "an integer from 0 to 300" })
      .min(0, { error: "an integer from 0 to 300" })
      .max(300, { error: "an integer from 0 to 300 (Lambda limit)" })
      .default(5),
    /** Concurrency reserved for the function in each region (seed 002: 1000). */
    reservedConcurrency: positiveInt.default(1000),
    /**
     * The account's Lambda concurrent-executions quota in each region of the stack (Service Quotas
     * L-B99A9384; 1000 by default, lower on new accounts). reservedConcurrency must leave 100 of it.
     */
    accountConcurrencyQuota: positiveInt.default(1000),
    memoryMiB: z
      .number()
      .int({ error: "an integer from 128 to 10240" })
      .min(128, { error: "an integer from 128 to 10240 (MiB)" })
      .max(10240, { error: "an integer from 128 to 10240 (MiB)" })
      .default(256),
    /** Per invocation; six times this must fit the queue's visibility timeout (AWS guidance for SQS sources). */
    timeoutSeconds: positiveInt.default(10),
    logRetentionDays: positiveInt.default(30),
    /** Alarm when Errors in 5 minutes exceed this. */
    errorsAlarm: z.number().int().min(0, { error: "an integer >= 0" }).default(0),
    /** Alarm when the queue's oldest message is older than this (seconds). */
    oldestMessageAlarmSeconds: positiveInt.default(300),
  })
  .prefault({});

export type BurstProcessorConfig = z.output<typeof burstProcessorSchema>;

/**
 * Rules across the section's keys and the queue: reservedConcurrency leaves AWS's 100 unreserved,
 * fits the event source's maximum concurrency, and the function's timeout fits the visibility
 * timeout six times over.
 */
export function burstProcessorIssues(
  b: BurstProcessorConfig | undefined,
  queueVisibilityTimeoutSeconds: number,
): ConfigIssue[] {
  if (!b?.enabled) return [];
  const issues: ConfigIssue[] = [];
  const key = (k: string) => `platform:burstProcessor.${k}`;
  const room = b.accountConcurrencyQuota - UNRESERVED_MINIMUM;
  if (b.reservedConcurrency > room)
    issues.push({
      path: key("reservedConcurrency"),
      value: b.reservedConcurrency,
      expected:
        `at most ${room}: accountConcurrencyQuota ${b.accountConcurrencyQuota} minus the ${UNRESERVED_MINIMUM} ` +
        "AWS keeps unreserved (raise the quota in Service Quotas, L-B99A9384, and set accountConcurrencyQuota, " +
        "or reserve less)",
    });
  if (b.reservedConcurrency < SQS_MAX_CONCURRENCY.min || b.reservedConcurrency > SQS_MAX_CONCURRENCY.max)
    issues.push({
      path: key("reservedConcurrency"),
      value: b.reservedConcurrency,
      expected: `${SQS_MAX_CONCURRENCY.min}..${SQS_MAX_CONCURRENCY.max} (it is also the SQS event source's maximum concurrency)`,
    });
  if (b.timeoutSeconds * 6 > queueVisibilityTimeoutSeconds)
    issues.push({
      path: key("timeoutSeconds"),
      value: b.timeoutSeconds,
      expected: `at most ${Math.floor(queueVisibilityTimeoutSeconds / 6)} s: AWS asks for a queue visibility timeout of six times the function timeout, and the job queue's is ${queueVisibilityTimeoutSeconds} s`,
    });
  if (b.batchSize > 10 && b.maximumBatchingWindowSeconds < 1)
    issues.push({
      path: key("maximumBatchingWindowSeconds"),
      value: b.maximumBatchingWindowSeconds,
      expected: "at least 1 when batchSize is above 10 (SQS event source rule)",
    });
  return issues;
}
