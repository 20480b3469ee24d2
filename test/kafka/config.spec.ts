import { strict as assert } from "assert";
import { configIssues, testConfig } from "../helpers/stand-in";

const ONE = [{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }];
const stack = (extra: Record<string, unknown>, environment = "dev") => ({ environment, regions: ONE, ...extra });
const about = (raw: Record<string, unknown>, prefix: string) =>
  configIssues(raw).filter((i) => i.path.startsWith(prefix));

describe("platform:kafka through the config loader", () => {
  it("is off unless a stack turns it on, and the cheapest working form is dev's default", () => {
    assert.equal(testConfig(stack({})).kafka.enabled, false);
    const dev = testConfig(stack({ kafka: { enabled: true } })).kafka;
    assert.equal(dev.brokerInstanceType, "kafka.t3.small");
    assert.equal(dev.volumeSizeGiB, 10);
    assert.equal(dev.protect, false);
  });

  it("gives prod m7g brokers, sized storage and protection", () => {
    const prod = testConfig(stack({ kafka: { enabled: true } }, "prod"), "prod").kafka;
    assert.equal(prod.brokerInstanceType, "kafka.m7g.large");
    assert.equal(prod.volumeSizeGiB, 500);
    assert.equal(prod.protect, true);
  });

  it("takes the seeds' numbers as defaults", () => {
    const k = testConfig(stack({ kafka: { enabled: true } })).kafka;
    // Seed 003, custom metrics: "QueueDepth[Queue Depth<br/><1000]".
    assert.equal(k.consumerLagAlarm, 1000);
    // Seeds 002/003 alerts: "ResourceHigh[Resource High<br/>>85%]".
    assert.equal(k.diskUsedAlarmPercent, 85);
    // Seed 001: user-service is the service given KAFKA_BROKERS.
    assert.deepEqual(k.topics["user-events"].producers, ["user-service"]);
    assert.equal(k.kafkaVersion, "3.8.x", "AWS's recommended version (supported-kafka-versions page)");
  });

  it("honours non-default values", () => {
    const services = [
      { name: "orders", image: "ghcr.io/example/orders:1.0.0", routes: ["/orders/"], uses: { kafka: true } },
    ];
    const k = testConfig(
      stack({
        services,
        kafka: {
          enabled: true,
          brokerInstanceType: "kafka.m7g.xlarge",
          brokersPerAz: 2,
          volumeSizeGiB: 2000,
          consumerLagAlarm: 50,
          topics: { "orders.v1": { partitions: 12, producers: ["orders"], consumers: ["orders"] } },
        },
      }),
    ).kafka;
    assert.equal(k.brokerInstanceType, "kafka.m7g.xlarge");
    assert.equal(k.brokersPerAz, 2);
    assert.equal(k.volumeSizeGiB, 2000);
    assert.equal(k.consumerLagAlarm, 50);
    assert.deepEqual(Object.keys(k.topics), ["orders.v1"]);
  });

  it("reports bad values with key, value and expectation", () =>
    assert.deepEqual(
      about(
        stack({
          kafka: {
            enabled: true,
            kafkaVersion: "2.8.1",
            brokerInstanceType: "kafka.r5.large",
            volumeSizeGiB: 20000,
            topics: { "bad topic": {} },
          },
        }),
        "platform:kafka",
      ),
      [
        { path: "platform:kafka.kafkaVersion", value: "2.8.1", expected: "an MSK Kafka version (3.7.x, 3.8.x, 3.9.x)" },
        {
          path: "platform:kafka.brokerInstanceType",
          value: "kafka.r5.large",
          expected:
            "an MSK broker type (kafka.t3.small, kafka.m5.large, kafka.m5.xlarge, kafka.m5.2xlarge, kafka.m7g.large, kafka.m7g.xlarge, kafka.m7g.2xlarge)",
        },
        { path: "platform:kafka.volumeSizeGiB", value: 20000, expected: "at most 16384 GiB per broker (MSK quota)" },
        {
          path: "platform:kafka.topics.bad topic",
          value: {},
          expected: "a Kafka topic name (1-249 of a-z A-Z 0-9 . _ -)",
        },
      ],
    ));

  it("refuses a producer or consumer that does not declare uses.kafka, and a service listed twice", () =>
    assert.deepEqual(
      about(
        stack({
          kafka: {
            enabled: true,
            topics: { t: { producers: ["frontend"], consumers: ["activity-service", "activity-service"] } },
          },
        }),
        "platform:kafka",
      ),
      [
        {
          path: "platform:kafka.topics.t.producers[0]",
          value: "frontend",
          expected: "a service that declares uses.kafka (user-service, activity-service)",
        },
        { path: "platform:kafka.topics.t.consumers[1]", value: "activity-service", expected: "each service once" },
      ],
    ));

  it("refuses more AZs than MSK places brokers in, only while Kafka is on", () => {
    const four = { azCount: 4 };
    assert.deepEqual(about(stack({ network: four, kafka: { enabled: true } }), "platform:network"), [
      {
        path: "platform:network.azCount",
        value: 4,
        expected: "2 or 3 while platform:kafka is enabled (MSK places brokers in exactly two or three AZs)",
      },
    ]);
    assert.deepEqual(about(stack({ network: four }), "platform:network"), []);
  });
});
