import type { MetricAlarmSpec } from "../cloudwatch-alarms";
import type { KafkaConfig } from "../config/sections/kafka";

/** Brokers take IAM-authenticated clients over TLS on this port (MSK "Port information"). */
export const MSK_IAM_PORT = 9098;

/** What the planner reads: plain values only (they decide how many resources exist and their names). */
export interface KafkaClusterInput {
  /** The region's physical name prefix, e.g. `platform-prod-use1`. */
  readonly prefix: string;
  readonly region: string;
  /** Private subnets the brokers use (one per AZ, 2 or 3). */
  readonly azCount: number;
  readonly kafka: KafkaConfig;
}

export interface KafkaClusterPlan {
  /** MSK cluster name: 1-64 of [a-zA-Z0-9-], starting with a letter (CreateCluster API). */
  readonly clusterName: string;
  /** A multiple of the client subnets (MSK rule); seed 001's three brokers with one per AZ of three. */
  readonly brokers: number;
  readonly replicationFactor: number;
  readonly minInsyncReplicas: number;
  /** The cluster configuration's server.properties. */
  readonly serverProperties: string;
  readonly alarms: readonly MetricAlarmSpec[];
}

export function kafkaClusterName(prefix: string): string {
  const name = `${prefix}-kafka`.replace(/[^a-zA-Z0-9-]/g, "-").slice(0, 64);
  if (!/^[a-zA-Z]/.test(name)) throw new Error(`MSK cluster name ${name}: must start with a letter`);
  return name;
}

/**
 * Replication follows the broker count: three copies and two in sync (a write survives one broker
 * or AZ down) when there are three brokers or more; with two (dev), two copies and one in sync.
 * Topics are never auto-created: a producer creates its own (CreateTopic on its topics only), so a
 * typo in a topic name fails instead of creating a new one.
 */
export function planKafkaCluster(input: KafkaClusterInput): KafkaClusterPlan {
  const k = input.kafka;
  const clusterName = kafkaClusterName(input.prefix);
  const brokers = input.azCount * k.brokersPerAz;
  const replicationFactor = Math.min(3, brokers);
  const minInsyncReplicas = Math.max(1, replicationFactor - 1);
  const serverProperties = [
    "auto.create.topics.enable=false",
    `default.replication.factor=${replicationFactor}`,
    `min.insync.replicas=${minInsyncReplicas}`,
    "unclean.leader.election.enable=false",
    `log.retention.hours=${k.retentionHours}`,
  ].join("\n");
  return {
    clusterName,
    brokers,
    replicationFactor,
    minInsyncReplicas,
    serverProperties,
    alarms: kafkaAlarms(clusterName, input.region, brokers, k),
  };
}

/**
 * Consumer lag per (consumer group, topic): SumOffsetLag (DEFAULT level; dimensions Cluster Name,
 * Consumer Group, Topic) above consumerLagAlarm for 5 minutes, the seed's queue-depth limit.
 * Every broker's KafkaDataLogsDiskUsed (DEFAULT; Cluster Name, Broker ID) above the disk alarm: a
 * full volume stops the broker taking writes.
 */
export function kafkaAlarms(
  clusterName: string,
  region: string,
  brokers: number,
  k: Pick<KafkaConfig, "topics" | "consumerLagAlarm" | "diskUsedAlarmPercent">,
): MetricAlarmSpec[] {
  const lag = Object.entries(k.topics).flatMap(([topic, t]) =>
    t.consumers.map((group): MetricAlarmSpec => ({
      role: `lag-${topic}-${group}`,
      namespace: "AWS/Kafka",
      metricName: "SumOffsetLag",
      dimensions: { "Cluster Name": clusterName, "Consumer Group": group, Topic: topic },
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: k.consumerLagAlarm,
      periodSeconds: 60,
      evaluationPeriods: 5,
      description: `Kafka ${region}: consumer group ${group} is more than ${k.consumerLagAlarm} messages behind on ${topic} for 5 minutes`,
    })),
  );
  const disk = Array.from({ length: brokers }, (_, i): MetricAlarmSpec => ({
    role: `disk-broker-${i + 1}`,
    namespace: "AWS/Kafka",
    metricName: "KafkaDataLogsDiskUsed",
    dimensions: { "Cluster Name": clusterName, "Broker ID": String(i + 1) },
    statistic: "Maximum",
    comparisonOperator: "GreaterThanThreshold",
    threshold: k.diskUsedAlarmPercent,
    periodSeconds: 300,
    evaluationPeriods: 1,
    description: `Kafka ${region}: broker ${i + 1}'s data volume is more than ${k.diskUsedAlarmPercent} % full`,
  }));
  return [...lag, ...disk];
}

/** A topic, group or cluster ARN from the cluster's ARN (`…:cluster/<name>/<uuid>`). */
export function kafkaArn(clusterArn: string, kind: "topic" | "group", name: string): string {
  return `${clusterArn.replace(":cluster/", `:${kind}/`)}/${name}`;
}

/** The IAM actions a service's role gets, by what it is to each topic. */
export const KAFKA_ACTIONS = {
  cluster: ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"],
  /** Kafka 3 producers are idempotent by default, which IAM checks on the cluster. */
  producerCluster: ["kafka-cluster:WriteDataIdempotently"],
  producerTopic: ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData", "kafka-cluster:CreateTopic"],
  consumerTopic: ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"],
  consumerGroup: ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"],
} as const;

/** What one service is to the topics: plain lists from config. */
export interface ServiceTopics {
  readonly produces: readonly string[];
  readonly consumes: readonly string[];
}

export function serviceTopics(service: string, topics: KafkaConfig["topics"]): ServiceTopics {
  const of = (role: "producers" | "consumers") =>
    Object.entries(topics)
      .filter(([, t]) => t[role].includes(service))
      .map(([n]) => n);
  return { produces: of("producers"), consumes: of("consumers") };
}

type Statement = Record<string, unknown>;

/**
 * A service's statements on its region's cluster: connect and describe the cluster, write (and
 * create) the topics it produces, read those it consumes as the consumer group named after it.
 * Nothing cluster-wide beyond that: no AlterCluster, DeleteTopic, AlterTopic or other groups.
 */
export function kafkaStatements(clusterArn: string, service: string, t: ServiceTopics): Statement[] {
  const out: Statement[] = [
    {
      Sid: "KafkaCluster",
      Effect: "Allow",
      Action: [...KAFKA_ACTIONS.cluster, ...(t.produces.length ? KAFKA_ACTIONS.producerCluster : [])],
      Resource: clusterArn,
    },
  ];
  if (t.produces.length)
    out.push({
      Sid: "KafkaProduce",
      Effect: "Allow",
      Action: [...KAFKA_ACTIONS.producerTopic],
      Resource: t.produces.map((n) => kafkaArn(clusterArn, "topic", n)),
    });
  if (t.consumes.length)
    out.push(
      {
        Sid: "KafkaConsume",
        Effect: "Allow",
        Action: [...KAFKA_ACTIONS.consumerTopic],
        Resource: t.consumes.map((n) => kafkaArn(clusterArn, "topic", n)),
      },
      {
        Sid: "KafkaConsumerGroup",
        Effect: "Allow",
        Action: [...KAFKA_ACTIONS.consumerGroup],
        Resource: kafkaArn(clusterArn, "group", service),
      },
    );
  return out;
}
