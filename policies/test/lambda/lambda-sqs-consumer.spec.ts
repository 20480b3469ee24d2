import { strict as assert } from "node:assert";
import { lambdaSqsConsumer } from "../../aws/lambda/lambda-sqs-consumer";
import { runStack, stackResource } from "../harness";

const QUEUE = "aws:sqs/queue:Queue";
const FUNCTION = "aws:lambda/function:Function";
const MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping";

describe("policies: aws-lambda-sqs-consumer", () => {
  let policy: ReturnType<typeof lambdaSqsConsumer>;
  beforeEach(() => {
    policy = lambdaSqsConsumer();
  });
  const queue = (props: Record<string, unknown>) => stackResource(QUEUE, "jobs", props);
  const fn = (props: Record<string, unknown>) => stackResource(FUNCTION, "burst-function", props);
  const mapping = (q: ReturnType<typeof queue>, f: ReturnType<typeof fn>, props: Record<string, unknown>) =>
    stackResource(MAPPING, "burst-source", props, { propertyDependencies: { eventSourceArn: [q], functionName: [f] } });
  const goodQueue = queue({ redrivePolicy: '{"deadLetterTargetArn":"arn:dlq","maxReceiveCount":5}' });
  const goodFn = fn({ reservedConcurrentExecutions: 1000 });
  const partial = { functionResponseTypes: ["ReportBatchItemFailures"], batchSize: 10 };

  it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));

  it("passes the burst processor's shape", () =>
    assert.deepEqual(runStack(policy, [goodQueue, goodFn, mapping(goodQueue, goodFn, partial)]), []));

  it("reports a mapping without partial batch responses", () =>
    assert.deepEqual(
      runStack(policy, [goodQueue, goodFn, mapping(goodQueue, goodFn, {})]).map((v) => v.message),
      [
        'event source mapping "burst-source" on queue "jobs" must set functionResponseTypes: ["ReportBatchItemFailures"]',
      ],
    ));

  it("reports a source queue without a dead-letter queue, on the queue", () => {
    const q = queue({});
    const out = runStack(policy, [q, goodFn, mapping(q, goodFn, partial)]);
    assert.deepEqual(out, [
      {
        message:
          'queue "jobs" feeds a Lambda function (mapping "burst-source") and has no redrivePolicy: failed messages need a dead-letter queue',
        urn: q.urn,
      },
    ]);
  });

  it("reports a function without reserved concurrency", () => {
    const f = fn({});
    assert.deepEqual(
      runStack(policy, [goodQueue, f, mapping(goodQueue, f, partial)]).map((v) => v.message),
      ['function "burst-function" consumes queue "jobs" and must set reservedConcurrentExecutions (>= 1)'],
    );
  });

  it("counts a redrive policy unknown during preview as set", () => {
    class UnknownValueError extends Error {}
    const props = Object.defineProperty({}, "redrivePolicy", {
      enumerable: true,
      get: () => {
        throw new UnknownValueError("redrivePolicy");
      },
    });
    const q = queue(props);
    assert.deepEqual(runStack(policy, [q, goodFn, mapping(q, goodFn, partial)]), []);
  });

  it("leaves mappings on other sources alone", () => {
    const stream = stackResource("aws:dynamodb/table:Table", "t", {});
    const m = stackResource(MAPPING, "stream", {}, { propertyDependencies: { eventSourceArn: [stream] } });
    assert.deepEqual(runStack(policy, [stream, fn({}), m]), []);
  });
});
