/**
 * Lambda functions: each writes its log group and polls its SQS event source as its execution role.
 */
import type { Need } from "./model";
import type { World } from "./world";

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/**
 * A function writes its output to its log group (loggingConfig.logGroup, else /aws/lambda/<name>)
 * as its execution role (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html,
 * read 2026-12-07); the group is created by the program, so CreateLogGroup is not needed.
 */
export function lambdaLogs(world: World): Need[] {
  return world.ofType("aws:lambda/function:Function").flatMap((f): Need[] => {
    const role = str(f.inputs.role);
    const logging = f.inputs.loggingConfig as { logGroup?: string } | undefined;
    const group = logging?.logGroup ?? `/aws/lambda/${str(f.inputs.name) ?? f.name}`;
    if (!role || !f.region) return [];
    const stream = `arn:aws:logs:${f.region}:${world.account}:log-group:${group}:log-stream:2026/12/07/[$LATEST]0`;
    return ["logs:CreateLogStream", "logs:PutLogEvents"].map((action) => ({
      requirement: "lambda-logs",
      kind: "required",
      asker: { role },
      action,
      resource: stream,
      urn: f.urn,
    }));
  });
}

/** An SQS event source polls the queue as the function's execution role. */
export function lambdaSqs(world: World): Need[] {
  const fns = world.ofType("aws:lambda/function:Function");
  return world.ofType("aws:lambda/eventSourceMapping:EventSourceMapping").flatMap((m): Need[] => {
    const queue = str(m.inputs.eventSourceArn);
    const fn = fns.find((f) => [world.out(f).arn, f.inputs.name, f.name].includes(m.inputs.functionName));
    const role = str(fn?.inputs.role);
    if (!queue?.startsWith("arn:aws:sqs:") || !role) return [];
    return ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"].map((action) => ({
      requirement: "lambda-sqs-source",
      kind: "required",
      asker: { role },
      action,
      resource: queue,
      urn: m.urn,
    }));
  });
}
