import type { StackValidationPolicy } from "@pulumi/policy";
import { dependsOn } from "../../lib/policy";

const MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping";
const FUNCTION = "aws:lambda/function:Function";
const QUEUE = "aws:sqs/queue:Queue";

/**
 * Whether the queue has a redrive policy. During preview it is usually unknown (it names the DLQ's
 * ARN, created in the same update): unknown means one is set, since only a set value is an Output.
 */
function hasRedrive(props: Record<string, unknown>): boolean {
  try {
    const v = props.redrivePolicy;
    return v !== undefined && v !== null && v !== "";
  } catch (e) {
    // @pulumi/policy's proxy throws UnknownValueError on a value unknown during preview (matched by name).
    if (e instanceof Error && e.constructor.name === "UnknownValueError") return true;
    throw e;
  }
}

/**
 * Mandatory: a Lambda function consuming an SQS queue (1) answers with partial batch responses
 * (ReportBatchItemFailures), so one bad message does not return a whole batch to the queue,
 * (2) reads a queue whose redrive policy ends in a dead-letter queue (an SQS-triggered function's
 * own DLQ setting is never used: failures stay on the queue until its maxReceiveCount), and (3) has
 * reserved concurrency, so a burst cannot take the Region's whole concurrency from every other
 * function. Stack policy: the queue and function are known only through the mapping's dependencies.
 */
export function lambdaSqsConsumer(): StackValidationPolicy {
  return {
    name: "aws-lambda-sqs-consumer",
    description:
      "Lambda functions on SQS queues report batch item failures, read a queue with a redrive policy (DLQ), and have reserved concurrency.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      for (const m of args.resources.filter((r) => r.type === MAPPING)) {
        const queue = args.resources.find((q) => q.type === QUEUE && dependsOn(m, q, "eventSourceArn"));
        if (!queue) continue;
        const types: unknown = m.props.functionResponseTypes;
        if (!Array.isArray(types) || !types.includes("ReportBatchItemFailures"))
          reportViolation(
            `event source mapping "${m.name}" on queue "${queue.name}" must set functionResponseTypes: ["ReportBatchItemFailures"]`,
            m.urn,
          );
        if (!hasRedrive(queue.props))
          reportViolation(
            `queue "${queue.name}" feeds a Lambda function (mapping "${m.name}") and has no redrivePolicy: failed messages need a dead-letter queue`,
            queue.urn,
          );
        const fn = args.resources.find((f) => f.type === FUNCTION && dependsOn(m, f, "functionName"));
        const reserved = fn?.props.reservedConcurrentExecutions;
        if (fn && (typeof reserved !== "number" || reserved < 1))
          reportViolation(
            `function "${fn.name}" consumes queue "${queue.name}" and must set reservedConcurrentExecutions (>= 1)`,
            fn.urn,
          );
      }
    },
  };
}
