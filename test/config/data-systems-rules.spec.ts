import { strict as assert } from "assert";
import {
  cacheScalingIssues,
  cacheScalingRefusals,
  cacheScalingSchema,
} from "../../components/config/sections/cache-scaling";
import { dynamodbIssues, dynamodbSchema } from "../../components/config/sections/dynamodb";
import { kafkaIssues, kafkaSchema } from "../../components/config/sections/kafka";
import { burstProcessorIssues, burstProcessorSchema } from "../../components/config/sections/lambda";

/**
 * Rules of the seed's data and event systems, called on parsed sections. Limits from AWS: Lambda
 * keeps 100 of the account's concurrency unreserved and SQS event sources take a maximum
 * concurrency of 2..1000; the queue's visibility timeout should be six times the function timeout;
 * batches above 10 need a batching window of at least 1 s; ElastiCache auto scaling
 * (AutoScaling.html, read 2026-12-07) refuses Global Datastore members, cluster mode disabled,
 * Valkey before 7.2 / Redis OSS before 6.0 and node types outside its list; MSK uses 2 or 3 AZs.
 */
const lines = (issues: readonly { path: string; value: unknown; expected: string }[]) =>
  issues.map((i) => `${i.path}: ${JSON.stringify(i.value)}: ${i.expected}`);
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];

describe("data and event system rules", () => {
  it("DynamoDB replicas: not the primary, a stack region, each once; only when enabled", () => {
    const d = (replicaRegions: string[], enabled = true) =>
      lines(dynamodbIssues(dynamodbSchema.parse({ enabled, replicaRegions }), REGIONS, "us-east-1"));
    assert.deepEqual(d(["us-west-2", "eu-west-1"]), []);
    assert.deepEqual(d(["us-east-1", "ap-south-1", "us-west-2", "us-west-2"]), [
      'platform:dynamodb.replicaRegions[0]: "us-east-1": a region other than the primary (us-east-1 holds the table itself)',
      'platform:dynamodb.replicaRegions[1]: "ap-south-1": one of the stack\'s regions (us-east-1, us-west-2, eu-west-1)',
      'platform:dynamodb.replicaRegions[3]: "us-west-2": each region once (a region holds at most one replica of a table)',
    ]);
    assert.deepEqual(d(["us-east-1"], false), []);
    assert.deepEqual(
      lines(dynamodbIssues(dynamodbSchema.parse({ enabled: true, replicaRegions: ["x"] }), [], undefined)),
      [],
    );
  });

  it("burst processor: reservation within the quota less 100, 2..1000, timeout x 6 within the visibility timeout", () => {
    const b = (c: Record<string, unknown>, visibility = 60) =>
      lines(
        burstProcessorIssues(burstProcessorSchema.parse({ enabled: true, reservedConcurrency: 900, ...c }), visibility),
      );
    assert.deepEqual(b({}), []);
    assert.deepEqual(b({ reservedConcurrency: 901 }), [
      "platform:burstProcessor.reservedConcurrency: 901: at most 900: accountConcurrencyQuota 1000 minus the 100 AWS keeps unreserved (raise the quota in Service Quotas, L-B99A9384, and set accountConcurrencyQuota, or reserve less)",
    ]);
    assert.deepEqual(b({ reservedConcurrency: 1000, accountConcurrencyQuota: 1100 }), []);
    assert.deepEqual(b({ reservedConcurrency: 1001, accountConcurrencyQuota: 5000 }), [
      "platform:burstProcessor.reservedConcurrency: 1001: 2..1000 (it is also the SQS event source's maximum concurrency)",
    ]);
    assert.deepEqual(b({ reservedConcurrency: 2 }), []);
    assert.deepEqual(b({ reservedConcurrency: 1 }), [
      "platform:burstProcessor.reservedConcurrency: 1: 2..1000 (it is also the SQS event source's maximum concurrency)",
    ]);
    assert.deepEqual(b({ timeoutSeconds: 10 }), []);
    assert.deepEqual(b({ timeoutSeconds: 11 }), [
      "platform:burstProcessor.timeoutSeconds: 11: at most 10 s: AWS asks for a queue visibility timeout of six times the function timeout, and the job queue's is 60 s",
    ]);
    assert.deepEqual(b({ timeoutSeconds: 16 }, 100), []);
    assert.deepEqual(b({ timeoutSeconds: 17 }, 100), [
      "platform:burstProcessor.timeoutSeconds: 17: at most 16 s: AWS asks for a queue visibility timeout of six times the function timeout, and the job queue's is 100 s",
    ]);
    assert.deepEqual(b({ batchSize: 11, maximumBatchingWindowSeconds: 0 }), [
      "platform:burstProcessor.maximumBatchingWindowSeconds: 0: at least 1 when batchSize is above 10 (SQS event source rule)",
    ]);
    assert.deepEqual(b({ batchSize: 10, maximumBatchingWindowSeconds: 0 }), []);
    assert.deepEqual(b({ batchSize: 11, maximumBatchingWindowSeconds: 1 }), []);
    assert.deepEqual(lines(burstProcessorIssues(burstProcessorSchema.parse({ reservedConcurrency: 5000 }), 60)), []);
  });

  it("cache auto scaling: every reason AWS refuses, listed together", () => {
    const cache = {
      enabled: true,
      engine: "valkey",
      engineVersion: "8.0",
      nodeType: "cache.r7g.large",
      global: false,
      clusterMode: true,
    };
    assert.deepEqual(cacheScalingRefusals(cache), []);
    assert.deepEqual(cacheScalingRefusals({ ...cache, engineVersion: "7.2", nodeType: "cache.m5.2xlarge" }), []);
    assert.deepEqual(cacheScalingRefusals({ ...cache, engine: "redis", engineVersion: "6.0" }), []);
    assert.deepEqual(cacheScalingRefusals({ ...cache, engine: "redis", engineVersion: "5.0.6" }), [
      "redis 5.0.6 is older than 6.0, the first it auto scales",
    ]);
    assert.deepEqual(cacheScalingRefusals({ ...cache, engineVersion: "7.1" }), [
      "valkey 7.1 is older than 7.2, the first it auto scales",
    ]);
    assert.deepEqual(cacheScalingRefusals({ ...cache, engineVersion: "6.9" }), [
      "valkey 6.9 is older than 7.2, the first it auto scales",
    ]);
    assert.deepEqual(cacheScalingRefusals({ ...cache, engineVersion: "8" }), []);
    assert.deepEqual(cacheScalingRefusals({ ...cache, nodeType: "cache.r7g.4xlarge" }), [
      "cache.r7g.4xlarge is not a supported node type (families r7g, r6g, r6gd, r5, m7g, m6g, m5, c7gn; sizes large, xlarge, 2xlarge)",
    ]);
    assert.deepEqual(cacheScalingRefusals({ ...cache, nodeType: "cache.t4g.large" }).length, 1);
    assert.deepEqual(cacheScalingRefusals({ ...cache, global: true, clusterMode: false }), [
      "ElastiCache does not auto scale clusters in a Global Datastore",
      "ElastiCache auto scales cluster-mode-enabled groups only, and the cache runs cluster mode disabled",
    ]);
  });

  it("cache auto scaling config: range in order, the cache on, refusals with the source", () => {
    const s = (c: Record<string, unknown>) => cacheScalingSchema.parse({ enabled: true, ...c });
    const ok = {
      enabled: true,
      engine: "valkey",
      engineVersion: "8.0",
      nodeType: "cache.r7g.large",
      global: false,
      clusterMode: true,
    };
    assert.deepEqual(lines(cacheScalingIssues(s({ minReplicas: 3, maxReplicas: 3 }), ok)), []);
    assert.deepEqual(lines(cacheScalingIssues(s({ minReplicas: 4, maxReplicas: 3 }), ok)), [
      "platform:cacheScaling.minReplicas: 4: at most maxReplicas (3)",
    ]);
    assert.deepEqual(lines(cacheScalingIssues(s({}), { ...ok, enabled: false })), [
      "platform:cacheScaling.enabled: true: false while cache.enabled is false",
    ]);
    assert.deepEqual(lines(cacheScalingIssues(s({}), undefined)), [
      "platform:cacheScaling.enabled: true: false while cache.enabled is false",
    ]);
    assert.deepEqual(lines(cacheScalingIssues(s({}), { ...ok, global: true })), [
      "platform:cacheScaling.enabled: true: false: ElastiCache does not auto scale clusters in a Global Datastore (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoScaling.html (read 2026-12-07))",
    ]);
    assert.deepEqual(
      lines(cacheScalingIssues(cacheScalingSchema.parse({ minReplicas: 5, maxReplicas: 1 }), undefined)),
      [],
    );
  });

  it("Kafka: 2 or 3 AZs, producers and consumers that use Kafka, each once, triggers on consumed topics", () => {
    const services = [
      { name: "a", uses: { kafka: true }, autoscaling: {} },
      { name: "b", uses: { kafka: true }, autoscaling: { keda: { kafka: { topic: "events" } } } },
      { name: "c", uses: { kafka: false }, autoscaling: { keda: { kafka: { topic: "other" } } } },
    ];
    const k = (topics: Record<string, unknown>, enabled = true) => kafkaSchema.parse({ enabled, topics });
    const events = { events: { producers: ["a"], consumers: ["b"] } };
    assert.deepEqual(lines(kafkaIssues(k(events), services.slice(0, 2), 3)), []);
    assert.deepEqual(lines(kafkaIssues(k(events), services.slice(0, 2), 2)), []);
    assert.deepEqual(lines(kafkaIssues(k(events), services.slice(0, 2), 4)), [
      "platform:network.azCount: 4: 2 or 3 while platform:kafka is enabled (MSK places brokers in exactly two or three AZs)",
    ]);
    assert.deepEqual(
      lines(kafkaIssues(k({ events: { producers: ["a", "c", "a"], consumers: ["b"] } }), services, undefined)),
      [
        'platform:services[2].autoscaling.keda.kafka.topic: "other": a topic c consumes in platform:kafka.topics (none): KEDA reads its group\'s lag there',
        'platform:kafka.topics.events.producers[1]: "c": a service that declares uses.kafka (a, b)',
        'platform:kafka.topics.events.producers[2]: "a": each service once',
      ],
    );
    assert.deepEqual(lines(kafkaIssues(k(events, false), services.slice(1, 2), 4)), [
      'platform:services[0].autoscaling.keda.kafka.topic: "events": no Kafka trigger while platform:kafka.enabled is false',
    ]);
    assert.deepEqual(lines(kafkaIssues(k({ t: { consumers: ["x"] } }), [], undefined)), [
      'platform:kafka.topics.t.consumers[0]: "x": a service that declares uses.kafka (none does)',
    ]);
  });
});
