import { strict as assert } from "assert";
import { kafkaClusterPattern, kafkaTrigger, kedaLagStatements } from "../../components/kafka/keda";
import { kafkaArn } from "../../components/kafka/plan";
import type { AccessEntry } from "../../tools/access/model";
import type { Plan } from "../../tools/plan-lib";
import { configIssues } from "../helpers/stand-in";
import { planFor } from "../helpers/plan";

const CLUSTER = "arn:aws:kafka:eu-west-1:123456789012:cluster/c/0b1c2d3e-1";
const scaler = { topic: "orders", consumerGroup: "billing", lagThreshold: 25 };

describe("KEDA kafka trigger on MSK IAM", () => {
  it("sets what kedacore/keda v2.20.2's kafka scaler requires for aws_msk_iam", () => {
    const t = kafkaTrigger(scaler, "eu-west-1", "aws-pod-identity");
    assert.equal(t.type, "kafka");
    assert.deepEqual(t.authenticationRef, { name: "aws-pod-identity" });
    const m = t.metadata as Record<string, string>;
    // keda-docs 2.20 apache-kafka.md "Your AWS MSK has IAM auth": oauthbearer + aws_msk_iam, TLS, awsRegion.
    assert.equal(m.sasl, "oauthbearer");
    assert.equal(m.saslTokenProvider, "aws_msk_iam");
    assert.equal(m.tls, "enable");
    assert.equal(m.awsRegion, "eu-west-1");
    assert.equal(m.bootstrapServersFromEnv, "KAFKA_BROKERS");
    assert.equal(m.consumerGroup, "billing");
    assert.equal(m.topic, "orders");
    assert.equal(m.lagThreshold, "25");
    assert.equal(m.bootstrapServers, undefined, "read from the scale target's env, never a literal");
  });

  it("lets the operator read lag only: connect, describe its topics and groups", () => {
    const s = kedaLagStatements(CLUSTER, [scaler, { ...scaler, consumerGroup: "audit" }]);
    assert.deepEqual(
      s.map((x) => [x.Action, x.Resource]),
      [
        [["kafka-cluster:Connect"], CLUSTER],
        [["kafka-cluster:DescribeTopic"], [kafkaArn(CLUSTER, "topic", "orders")]],
        [["kafka-cluster:DescribeGroup"], [kafkaArn(CLUSTER, "group", "billing"), kafkaArn(CLUSTER, "group", "audit")]],
      ],
    );
    assert.ok(!s.flatMap((x) => x.Action as string[]).some((a) => /ReadData|WriteData|Alter/.test(a)));
    assert.deepEqual(kedaLagStatements(CLUSTER, []), [], "no trigger, no Kafka access for the operator");
  });

  it("names the cluster by a pattern known before MSK creates it, matching what MSK returns", () => {
    const pattern = kafkaClusterPattern("us-west-2", "MessagingCluster");
    assert.equal(pattern, "arn:aws:kafka:us-west-2:*:cluster/MessagingCluster/*");
    // A cluster ARN as the AWS CLI reference's create-cluster output shows it.
    const real = "arn:aws:kafka:us-west-2:123456789012:cluster/MessagingCluster/a1b2c3d4-5678-90ab-cdef-11111EXAMPLE-2";
    const glob = (p: string) =>
      new RegExp(
        `^${p
          .split("*")
          .map((x) => x.replace(/[.?+^$()[\]{}|\\]/g, "\\$&"))
          .join(".*")}$`,
      );
    assert.match(real, glob(pattern));
    assert.doesNotMatch(real.replace("MessagingCluster", "OtherCluster"), glob(pattern));
    assert.doesNotMatch(real.replace("us-west-2", "eu-west-1"), glob(pattern));
  });

  it("refuses a trigger on a topic the service does not consume, or without Kafka, naming key and value", () => {
    const regions = [{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }];
    const trigger = (topic: string) => [
      { name: "user-service", autoscaling: { keda: { mesh: true, kafka: { topic } } } },
    ];
    const about = (raw: Record<string, unknown>) =>
      configIssues({ environment: "dev", regions, ...raw }).filter((i) => i.path.includes("keda.kafka"));
    assert.deepEqual(about({ services: trigger("user-events"), kafka: { enabled: true } }), [
      {
        path: "platform:services[0].autoscaling.keda.kafka.topic",
        value: "user-events",
        expected: "a topic user-service consumes in platform:kafka.topics (none): KEDA reads its group's lag there",
      },
    ]);
    assert.deepEqual(about({ services: trigger("user-events") }), [
      {
        path: "platform:services[0].autoscaling.keda.kafka.topic",
        value: "user-events",
        expected: "no Kafka trigger while platform:kafka.enabled is false",
      },
    ]);
  });

  describe("dev (activity-service scales on its lag on user-events)", () => {
    let plan: Plan;
    before(async () => ({ plan } = await planFor("dev")));

    it("adds the trigger to activity-service's ScaledObject beside its mesh triggers", () => {
      const so = plan.resources.find((r) => r.name === "us-east-1-workloads-so-activity-service");
      const triggers = (so?.inputs.spec as { triggers: { type: string; metadata?: Record<string, string> }[] })
        .triggers;
      const kafka = triggers.filter((t) => t.type === "kafka");
      assert.equal(kafka.length, 1);
      assert.equal(kafka[0].metadata?.topic, "user-events");
      assert.equal(kafka[0].metadata?.lagThreshold, "10", "KEDA's own default (keda-docs 2.20: Default: 10)");
      assert.ok(triggers.some((t) => t.type === "prometheus"));
    });

    it("proves the operator's lag reads and its path to the brokers", () => {
      const lag = (plan.access as AccessEntry[]).filter((e) => e.requirement === "keda-kafka-lag");
      assert.deepEqual(lag.map((e) => e.action).sort(), [
        "kafka-cluster:Connect",
        "kafka-cluster:DescribeGroup",
        "kafka-cluster:DescribeTopic",
      ]);
      assert.ok(lag.every((e) => e.ok && e.principal.endsWith("keda-pi-role")));
      const flows = plan.flows.filter((f) => f.requirement === "keda-kafka");
      assert.equal(flows.length, 1);
      assert.ok(flows[0].ok, flows[0].reason);
    });
  });
});
