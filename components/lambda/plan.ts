import type { MetricAlarmSpec } from "../cloudwatch-alarms";
import type { BurstProcessorConfig } from "../config/sections/lambda";
import { physicalName } from "../naming";

/** Lambda function names: at most 64 characters (CreateFunction API reference). */
export function burstFunctionName(regionPhysicalName: string): string {
  return physicalName([regionPhysicalName, "burst-processor"], 64);
}

/**
 * The SQS event source mapping's settings. SQS sources take BatchSize, MaximumBatchingWindow,
 * ScalingConfig and FunctionResponseTypes; StartingPosition and ParallelizationFactor (seed
 * 002) exist only for Kinesis and DynamoDB Streams sources and are not set.
 */
export function eventSourceSettings(b: BurstProcessorConfig) {
  return {
    batchSize: b.batchSize,
    maximumBatchingWindowInSeconds: b.maximumBatchingWindowSeconds,
    // Only the failed records return to the queue (the handler answers with batchItemFailures).
    functionResponseTypes: ["ReportBatchItemFailures"],
    // Never more pollers than the reservation: above it Lambda would throttle and SQS redeliver.
    scalingConfig: { maximumConcurrency: b.reservedConcurrency },
  };
}

/**
 * The function's own permissions: consume this one queue and write its own log group. No VPC
 * access (it talks to no data-tier endpoint), no managed AWSLambdaBasicExecutionRole (that allows
 * every log group of the account). The queue actions are the three the SQS event source needs
 * (SQS Developer Guide, sqs-configure-lambda-function-trigger: the execution role "must include"
 * sqs:DeleteMessage, sqs:GetQueueAttributes, sqs:ReceiveMessage; the AWSLambdaSQSQueueExecutionRole
 * policy the Lambda guide's services-sqs-configure names holds the same; read 2026-12-07). Failed
 * records reappear when the visibility timeout runs out (services-sqs-errorhandling), and the
 * handler calls no SQS API, so sqs:ChangeMessageVisibility is not granted.
 */
export function burstRoleStatements(queueArn: string, logGroupArn: string): Record<string, unknown>[] {
  return [
    {
      Sid: "ConsumeJobQueue",
      Effect: "Allow",
      Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
      Resource: queueArn,
    },
    {
      Sid: "WriteOwnLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: `${logGroupArn}:*`,
    },
  ];
}

const FIVE_MINUTES = { periodSeconds: 300, evaluationPeriods: 1 } as const;

/** Errors and Throttles of the function, and the age of the queue's oldest message (work piling up). */
export function burstAlarms(b: BurstProcessorConfig, functionName: string, queueName: string): MetricAlarmSpec[] {
  const fn = { FunctionName: functionName };
  return [
    {
      role: "errors",
      namespace: "AWS/Lambda",
      metricName: "Errors",
      dimensions: fn,
      statistic: "Sum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: b.errorsAlarm,
      ...FIVE_MINUTES,
      description: `Lambda ${functionName}: more than ${b.errorsAlarm} invocation errors in 5 minutes`,
    },
    {
      role: "throttles",
      namespace: "AWS/Lambda",
      metricName: "Throttles",
      dimensions: fn,
      statistic: "Sum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
      ...FIVE_MINUTES,
      description: `Lambda ${functionName}: throttled in the last 5 minutes (reserved concurrency ${b.reservedConcurrency} exhausted)`,
    },
    {
      role: "oldest-message",
      namespace: "AWS/SQS",
      metricName: "ApproximateAgeOfOldestMessage",
      dimensions: { QueueName: queueName },
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: b.oldestMessageAlarmSeconds,
      ...FIVE_MINUTES,
      description: `SQS ${queueName}: oldest message older than ${b.oldestMessageAlarmSeconds} s (consumers behind)`,
    },
  ];
}
