import { kafkaArn } from "./plan";

/**
 * KEDA's `kafka` scaler on an MSK cluster with IAM auth, as kedacore/keda v2.20.2 reads it
 * (pkg/scalers/kafka_scaler.go, kafkaMetadata; keda-docs content/docs/2.20/scalers/apache-kafka.md,
 * read 2026-12-07): `bootstrapServers` may come from the scale target's env (`bootstrapServersFromEnv`,
 * resolved from its envFrom ConfigMap too), MSK IAM is `sasl: oauthbearer` with
 * `saslTokenProvider: aws_msk_iam`, which the scaler refuses without `tls: enable` and `awsRegion`;
 * the AWS credentials come from the TriggerAuthentication's pod identity. `lagThreshold` is the
 * lag per replica (KEDA's default 10); replicas never exceed the topic's partitions.
 */
export interface KafkaScaler {
  readonly topic: string;
  /** The consumer group: the service's name (each consumer reads as its own group). */
  readonly consumerGroup: string;
  readonly lagThreshold: number;
}

/** The env var the bootstrap brokers reach pods in (the data-endpoints ConfigMap). */
export const KAFKA_BROKERS_ENV = "KAFKA_BROKERS";

export function kafkaTrigger(s: KafkaScaler, region: string, authenticationRef: string): Record<string, unknown> {
  return {
    type: "kafka",
    name: `kafka-lag-${s.topic}`.slice(0, 63),
    authenticationRef: { name: authenticationRef },
    metadata: {
      bootstrapServersFromEnv: KAFKA_BROKERS_ENV,
      consumerGroup: s.consumerGroup,
      topic: s.topic,
      lagThreshold: String(s.lagThreshold),
      // A group without committed offsets keeps one consumer per partition, never zero.
      offsetResetPolicy: "latest",
      sasl: "oauthbearer",
      saslTokenProvider: "aws_msk_iam",
      tls: "enable",
      awsRegion: region,
    },
  };
}

/** The actions KEDA's operator needs to read a group's lag: metadata and offsets, nothing it could write. */
export const KEDA_LAG_ACTIONS = {
  cluster: ["kafka-cluster:Connect"],
  topic: ["kafka-cluster:DescribeTopic"],
  group: ["kafka-cluster:DescribeGroup"],
} as const;

type Statement = Record<string, unknown>;

export function kedaLagStatements(clusterArn: string, scalers: readonly KafkaScaler[]): Statement[] {
  if (scalers.length === 0) return [];
  const uniq = (xs: string[]) => [...new Set(xs)];
  return [
    { Sid: "KafkaConnect", Effect: "Allow", Action: [...KEDA_LAG_ACTIONS.cluster], Resource: clusterArn },
    {
      Sid: "KafkaLagTopics",
      Effect: "Allow",
      Action: [...KEDA_LAG_ACTIONS.topic],
      Resource: uniq(scalers.map((s) => kafkaArn(clusterArn, "topic", s.topic))),
    },
    {
      Sid: "KafkaLagGroups",
      Effect: "Allow",
      Action: [...KEDA_LAG_ACTIONS.group],
      Resource: uniq(scalers.map((s) => kafkaArn(clusterArn, "group", s.consumerGroup))),
    },
  ];
}

/**
 * The region's cluster as an ARN pattern: its name is planned, its UUID only known once MSK created
 * it. The operator's role names the pattern, so KEDA (and every ScaledObject) never waits for the
 * cluster's 20-30 minute create; the name is unique in the region and account.
 */
export function kafkaClusterPattern(region: string, clusterName: string, partition = "aws"): string {
  return `arn:${partition}:kafka:${region}:*:cluster/${clusterName}/*`;
}
