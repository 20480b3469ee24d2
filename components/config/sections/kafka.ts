import { z } from "zod";
import type { ConfigIssue } from "../errors";
import { positiveInt } from "../primitives";

/**
 * Apache Kafka versions MSK offers for new provisioned clusters, with the end of support AWS
 * states ("" = none announced). https://docs.aws.amazon.com/msk/latest/developerguide/supported-kafka-versions.html,
 * read 2026-12-07: 3.8.x is the version AWS marks "Recommended".
 */
export const MSK_KAFKA_VERSIONS: Readonly<Record<string, string>> = {
  "3.7.x": "",
  "3.8.x": "",
  "3.9.x": "",
};

/**
 * Standard broker types this program prices and sizes (tools/cost/prices/kafka.ts). kafka.t3.small
 * is the smallest MSK broker; its IAM connection rate is far below the m-family's (MSK quotas page,
 * "Maximum TCP connection rate (IAM) per broker"), which is why prod runs m7g.
 */
export const MSK_BROKER_TYPES = [
  "kafka.t3.small",
  "kafka.m5.large",
  "kafka.m5.xlarge",
  "kafka.m5.2xlarge",
  "kafka.m7g.large",
  "kafka.m7g.xlarge",
  "kafka.m7g.2xlarge",
] as const;

/** MSK places brokers in exactly two or three Availability Zones (one client subnet each). */
export const MSK_AZ_COUNTS = [2, 3] as const;
/** Broker storage per broker: 1..16384 GiB (MSK quotas, Standard brokers). */
export const MSK_VOLUME_GIB = { min: 1, max: 16384 } as const;
/** Kafka topic names: up to 249 characters of [a-zA-Z0-9._-] (Apache Kafka's Topic.validate). */
const TOPIC_RE = /^[a-zA-Z0-9._-]{1,249}$/;

/** Seed 003's "Queue Depth < 1000": the backlog a consumer group may carry before someone is paged. */
export const SEED_QUEUE_DEPTH_LIMIT = 1000;

const topicSchema = z.strictObject({
  /** Partitions: the most consumers of one group that do work at once (KEDA caps its replicas here). */
  partitions: positiveInt.default(6),
  /** Services that write the topic (WriteData, and CreateTopic: brokers do not auto-create topics). */
  producers: z.array(z.string()).default([]),
  /** Services that read it, each as its own consumer group named after the service. */
  consumers: z.array(z.string()).default([]),
});

/**
 * `platform:kafka`: seed 001 gives every service KAFKA_BROKERS (three brokers) and a Kafka health
 * check. One provisioned MSK cluster per region (docs/kafka.md says why not Serverless), IAM auth
 * over TLS only, a customer-managed key per region, brokers in the private subnets.
 */
export const kafkaSchema = z
  .strictObject({
    /** Off unless the stack turns it on (both stack files do). */
    enabled: z.boolean().default(false),
    kafkaVersion: z
      .string()
      .refine((v) => v in MSK_KAFKA_VERSIONS, {
        error: `an MSK Kafka version (${Object.keys(MSK_KAFKA_VERSIONS).join(", ")})`,
      })
      .default("3.8.x"),
    /** Default: kafka.m7g.large in prod, kafka.t3.small elsewhere. */
    brokerInstanceType: z
      .enum(MSK_BROKER_TYPES, { error: `an MSK broker type (${MSK_BROKER_TYPES.join(", ")})` })
      .optional(),
    /** Brokers in each AZ of the region (platform:network.azCount AZs; seed 001: three brokers in all). */
    brokersPerAz: positiveInt.default(1),
    /** EBS storage per broker (GiB). Default: 500 in prod (docs/kafka.md sizing), 10 elsewhere. */
    volumeSizeGiB: z
      .number()
      .int({ error: `an integer from ${MSK_VOLUME_GIB.min} to ${MSK_VOLUME_GIB.max} (GiB)` })
      .min(MSK_VOLUME_GIB.min, { error: `an integer from ${MSK_VOLUME_GIB.min} to ${MSK_VOLUME_GIB.max} (GiB)` })
      .max(MSK_VOLUME_GIB.max, { error: `at most ${MSK_VOLUME_GIB.max} GiB per broker (MSK quota)` })
      .optional(),
    /** Broker-side retention (log.retention.hours); Kafka's own default is 168 (7 days). */
    retentionHours: positiveInt.default(168),
    /** Topics by name; the defaults pair seed 001's user-service with activity-service. */
    topics: z
      .record(z.string(), topicSchema)
      .superRefine((topics, ctx) => {
        for (const name of Object.keys(topics))
          if (!TOPIC_RE.test(name))
            ctx.addIssue({ code: "custom", path: [name], message: "a Kafka topic name (1-249 of a-z A-Z 0-9 . _ -)" });
      })
      .default({ "user-events": { partitions: 6, producers: ["user-service"], consumers: ["activity-service"] } }),
    /** CloudWatch level; consumer lag (SumOffsetLag per group and topic) is already in DEFAULT. */
    enhancedMonitoring: z
      .enum(["DEFAULT", "PER_BROKER", "PER_TOPIC_PER_BROKER", "PER_TOPIC_PER_PARTITION"], {
        error: "DEFAULT, PER_BROKER, PER_TOPIC_PER_BROKER or PER_TOPIC_PER_PARTITION",
      })
      .default("DEFAULT"),
    /** Alarm when a consumer group's SumOffsetLag on a topic stays above this for 5 minutes (seed 003). */
    consumerLagAlarm: positiveInt.default(SEED_QUEUE_DEPTH_LIMIT),
    /** Alarm when a broker's data volume is fuller than this (seeds 002/003: resources > 85 %). */
    diskUsedAlarmPercent: z
      .number()
      .min(1, { error: "a percentage from 1 to 99" })
      .max(99, { error: "a percentage from 1 to 99" })
      .default(85),
    /** Pulumi `protect` on the clusters and their keys. Default: on in prod. */
    protect: z.boolean().optional(),
  })
  .prefault({});

export type KafkaSection = z.output<typeof kafkaSchema>;
export type KafkaTopic = KafkaSection["topics"][string];

/** The section after defaults that depend on the environment. */
export type KafkaConfig = Omit<KafkaSection, "brokerInstanceType" | "volumeSizeGiB" | "protect"> & {
  brokerInstanceType: (typeof MSK_BROKER_TYPES)[number];
  volumeSizeGiB: number;
  protect: boolean;
};

export function resolveKafka(k: KafkaSection, prod: boolean): KafkaConfig {
  return {
    ...k,
    brokerInstanceType: k.brokerInstanceType ?? (prod ? "kafka.m7g.large" : "kafka.t3.small"),
    volumeSizeGiB: k.volumeSizeGiB ?? (prod ? 500 : 10),
    protect: k.protect ?? prod,
  };
}

interface KafkaService {
  readonly name: string;
  readonly uses: { readonly kafka?: boolean };
  readonly autoscaling?: { readonly keda?: { readonly kafka?: { readonly topic: string } } };
}

/** A KEDA kafka trigger reads the lag of a topic its service consumes, on a cluster that exists. */
function kedaKafkaIssues(k: KafkaSection | undefined, services: readonly KafkaService[]): ConfigIssue[] {
  return services.flatMap((s, i) => {
    const trigger = s.autoscaling?.keda?.kafka;
    if (!trigger) return [];
    const path = `platform:services[${i}].autoscaling.keda.kafka.topic`;
    if (!k?.enabled)
      return [{ path, value: trigger.topic, expected: "no Kafka trigger while platform:kafka.enabled is false" }];
    const consumed = Object.entries(k.topics)
      .filter(([, t]) => t.consumers.includes(s.name))
      .map(([n]) => n);
    return consumed.includes(trigger.topic)
      ? []
      : [
          {
            path,
            value: trigger.topic,
            expected: `a topic ${s.name} consumes in platform:kafka.topics (${consumed.join(", ") || "none"}): KEDA reads its group's lag there`,
          },
        ];
  });
}

/**
 * Cross-key rules: MSK needs two or three AZs; every producer and consumer is a service that
 * declares uses.kafka (its pod role and KAFKA_BROKERS come from that); a topic's partitions fit
 * the replication the brokers allow.
 */
export function kafkaIssues(
  k: KafkaSection | undefined,
  services: readonly KafkaService[] | undefined,
  azCount: number | undefined,
): ConfigIssue[] {
  const issues: ConfigIssue[] = kedaKafkaIssues(k, services ?? []);
  if (!k?.enabled) return issues;
  const key = (s: string) => `platform:kafka.${s}`;
  if (azCount !== undefined && !(MSK_AZ_COUNTS as readonly number[]).includes(azCount))
    issues.push({
      path: "platform:network.azCount",
      value: azCount,
      expected: "2 or 3 while platform:kafka is enabled (MSK places brokers in exactly two or three AZs)",
    });
  const users = (services ?? []).filter((s) => s.uses.kafka).map((s) => s.name);
  for (const [topic, t] of Object.entries(k.topics))
    for (const role of ["producers", "consumers"] as const)
      t[role].forEach((s, i) => {
        if (!users.includes(s))
          issues.push({
            path: key(`topics.${topic}.${role}[${i}]`),
            value: s,
            expected: `a service that declares uses.kafka (${users.join(", ") || "none does"})`,
          });
        else if (t[role].indexOf(s) !== i)
          issues.push({ path: key(`topics.${topic}.${role}[${i}]`), value: s, expected: "each service once" });
      });
  return issues;
}
