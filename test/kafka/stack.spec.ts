import { strict as assert } from "assert";
import type { Plan } from "../../tools/plan-lib";
import { evaluateFlows } from "../../tools/flows";
import type { AccessEntry } from "../../tools/access/model";
import { inRegion, ofType, planFor } from "../helpers/plan";

const CLUSTER = "aws:msk/cluster:Cluster";
const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
// Seed 001: `value: "kafka-1:9092,kafka-2:9092,kafka-3:9092"`.
const SEED_BROKERS = "kafka-1:9092,kafka-2:9092,kafka-3:9092".split(",").length;

const access = (plan: Plan, requirement: string) =>
  (plan.access as AccessEntry[]).filter((e) => e.requirement === requirement);
const podPolicy = (plan: Plan, region: string, service: string) => {
  const p = plan.resources.find(
    (r) => r.type === ROLE_POLICY && r.region === region && r.name === `${region}-workloads-${service}-pi-policy`,
  );
  return p ? (JSON.parse(String(p.inputs.policy)) as { Statement: { Action: string[] | string }[] }) : undefined;
};
const kafkaActions = (plan: Plan, region: string, service: string) =>
  (podPolicy(plan, region, service)?.Statement ?? [])
    .flatMap((s) => [s.Action].flat())
    .filter((a) => a.startsWith("kafka-cluster:"));

describe("Kafka in the stacks (seed 001)", () => {
  describe("prod", () => {
    let plan: Plan;
    before(async () => ({ plan } = await planFor("prod")));

    it("has one cluster per region with the seed's three brokers, IAM over TLS, a key of its own", () => {
      const clusters = ofType(plan, CLUSTER);
      assert.deepEqual(clusters.map((c) => c.region).sort(), ["eu-west-1", "us-east-1", "us-west-2"]);
      for (const c of clusters) {
        assert.equal(c.inputs.numberOfBrokerNodes, SEED_BROKERS);
        assert.deepEqual(c.inputs.clientAuthentication, { sasl: { iam: true, scram: false }, unauthenticated: false });
        const enc = c.inputs.encryptionInfo as { encryptionAtRestKmsKeyArn: string; encryptionInTransit: unknown };
        assert.deepEqual(enc.encryptionInTransit, { clientBroker: "TLS", inCluster: true });
        assert.match(enc.encryptionAtRestKmsKeyArn, new RegExp(`^arn:aws:kms:${c.region}:`));
        assert.equal((c.inputs.brokerNodeGroupInfo as { instanceType: string }).instanceType, "kafka.m7g.large");
      }
    });

    it("puts the brokers in the private subnets behind a group that admits 9098 from the cluster group only", () => {
      for (const c of ofType(plan, CLUSTER)) {
        const info = c.inputs.brokerNodeGroupInfo as { clientSubnets: string[]; securityGroups: string[] };
        assert.deepEqual(
          info.clientSubnets,
          [0, 1, 2].map((i) => `${c.region}-network-private-${i}-id`),
        );
        const rules = inRegion(ofType(plan, RULE), c.region!);
        // The EKS cluster security group, as the data tier's own "from the cluster" rules name it.
        const clusterSg = rules.find((r) => r.name.endsWith("-from-cluster") && !r.name.includes("kafka"))?.inputs
          .referencedSecurityGroupId;
        assert.ok(clusterSg);
        const mine = rules.filter((r) => r.inputs.securityGroupId === info.securityGroups[0]);
        assert.deepEqual(
          mine.map((r) => [r.inputs.fromPort, r.inputs.toPort, r.inputs.referencedSecurityGroupId, r.inputs.cidrIpv4]),
          [[9098, 9098, clusterSg, undefined]],
        );
      }
    });

    it("passes the pack's policies on every cluster", () =>
      assert.deepEqual(
        plan.violations.filter((v) => v.urn.includes("KafkaCluster")),
        [],
      ));

    it("alarms on activity-service's lag on user-events at the seed's queue depth, and on every broker's disk", () => {
      const alarms = inRegion(ofType(plan, ALARM), "us-west-2").filter((a) => a.inputs.namespace === "AWS/Kafka");
      const lag = alarms.filter((a) => a.inputs.metricName === "SumOffsetLag");
      assert.deepEqual(
        lag.map((a) => [a.inputs.dimensions, a.inputs.threshold]),
        [
          [
            { "Cluster Name": "platform-prod-usw2-kafka", "Consumer Group": "activity-service", Topic: "user-events" },
            1000,
          ],
        ],
      );
      assert.equal(alarms.filter((a) => a.inputs.metricName === "KafkaDataLogsDiskUsed").length, SEED_BROKERS);
      assert.ok(alarms.every((a) => String((a.inputs.alarmActions as string[])[0]).includes(":sns:us-west-2:")));
    });

    it("proves every Kafka user's path to its own region's brokers", () => {
      const flows = plan.flows.filter((f) => f.requirement === "apps-kafka");
      assert.equal(flows.length, 6, "user-service and activity-service in three regions");
      assert.ok(
        flows.every((f) => f.ok && f.from.split(" ")[0] === f.to.split(" ")[0]),
        JSON.stringify(flows),
      );
    });

    it("gives Kafka users exactly their access and proves it; every other service is denied the cluster", () => {
      const own = access(plan, "service-own-kafka-topics");
      const denied = access(plan, "service-no-kafka");
      const overreach = access(plan, "service-kafka-overreach");
      assert.ok(own.length > 0 && denied.length > 0 && overreach.length > 0);
      for (const e of [...own, ...denied, ...overreach]) assert.ok(e.ok, JSON.stringify(e));
      assert.ok(denied.every((e) => e.allowed === false));
      const service = (arn: string) =>
        arn.replace(/^.*:role\/[a-z]+-[a-z]+-\d-workloads-/, "").replace(/-pi-role$/, "");
      assert.deepEqual([...new Set(denied.map((e) => service(e.principal)))].sort(), [
        "notification-service",
        "notification-worker",
      ]);
      assert.deepEqual(kafkaActions(plan, "us-east-1", "notification-worker"), []);
      assert.deepEqual(kafkaActions(plan, "us-east-1", "activity-service").sort(), [
        "kafka-cluster:AlterGroup",
        "kafka-cluster:Connect",
        "kafka-cluster:DescribeCluster",
        "kafka-cluster:DescribeGroup",
        "kafka-cluster:DescribeTopic",
        "kafka-cluster:ReadData",
      ]);
    });

    it("hands the IAM bootstrap brokers to the apps as KAFKA_BROKERS", () => {
      const cm = plan.resources.find(
        (r) => r.type === "kubernetes:core/v1:ConfigMap" && r.name === "eu-west-1-workloads-cm-data-endpoints",
      );
      const brokers = String((cm?.inputs.data as Record<string, string>).KAFKA_BROKERS).split(",");
      assert.equal(brokers.length, SEED_BROKERS);
      assert.ok(
        brokers.every((b) => b.endsWith(".kafka.eu-west-1.amazonaws.com:9098")),
        brokers.join(),
      );
    });

    it("leaves a pod without the Kafka label no path to the brokers (deny side of the flow)", () => {
      const flows = evaluateFlows(plan.resources as never, [
        { id: "probe", from: "app-pods:database", to: "kafka-brokers", port: 9098, why: "test" },
      ]).filter((f) => f.from.startsWith("us-east-1"));
      const verdict = Object.fromEntries(flows.map((f) => [f.from.split(" ")[1], f.ok]));
      assert.deepEqual(verdict, {
        "user-service": true,
        "activity-service": true,
        "notification-service": false,
        "notification-worker": false,
      });
    });
  });

  describe("dev", () => {
    let plan: Plan;
    before(async () => ({ plan } = await planFor("dev")));

    it("runs the cheapest working form: two t3.small brokers, 10 GiB each, no protection", () => {
      const [c] = ofType(plan, CLUSTER);
      assert.equal(ofType(plan, CLUSTER).length, 1);
      assert.equal(c.inputs.numberOfBrokerNodes, 2);
      const info = c.inputs.brokerNodeGroupInfo as { instanceType: string; storageInfo: unknown };
      assert.equal(info.instanceType, "kafka.t3.small");
      assert.deepEqual(info.storageInfo, { ebsStorageInfo: { volumeSize: 10 } });
      assert.equal((c.options as { protect?: boolean } | undefined)?.protect ?? false, false);
    });
  });
});
