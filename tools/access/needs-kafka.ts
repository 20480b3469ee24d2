/**
 * Kafka from the pods: a service that declares it (pod label, from `uses.kafka`) connects to its
 * region's MSK cluster with IAM, writes the topics it produces, reads those it consumes as its own
 * consumer group; a service that does not declare it may not even connect.
 */
import type { Need } from "./model";
import { ACCESS_LABELS } from "../../components/workloads/manifests/common";
import type { World } from "./world";
import { KAFKA_ACTIONS, kafkaArn, serviceTopics } from "../../components/kafka/plan";
import type { KafkaTopic } from "../../components/config/sections/kafka";
import { KEDA_LAG_ACTIONS } from "../../components/kafka/keda";
import type { PlanResource } from "../../policies/lib/offline";

/** What a Deployment's pods declare (built in needs-pods.ts). */
interface PodUse {
  name: string;
  region: string;
  roleArn: string;
  labels: Record<string, string>;
  urn: string;
}

const CLUSTER = "aws:msk/cluster:Cluster";
const COMPONENT = "platform:kafka:KafkaCluster";

/**
 * Per workload in a region with a cluster: required, for a service with the label, exactly the
 * actions its topics call for (components/kafka/plan.ts KAFKA_ACTIONS; topics as the cluster's
 * component records them); forbidden, for any other service, connecting to the cluster and
 * reading or writing any of its topics.
 */
export function kafkaNeeds(world: World, loads: readonly PodUse[]): Need[] {
  const clusters = world.ofType(CLUSTER);
  const components = world.ofType(COMPONENT);
  return loads.flatMap((w) => {
    const cluster = clusters.find((c) => c.region === w.region);
    if (!cluster) return [];
    const arn = String(world.out(cluster).arn);
    const topics = (components.find((c) => c.urn === cluster.parent)?.inputs.topics ?? {}) as Record<
      string,
      KafkaTopic
    >;
    const uses = w.labels[ACCESS_LABELS.kafka] === "true";
    const ask = (action: string, resource: string): Need => ({
      requirement: uses ? "service-own-kafka-topics" : "service-no-kafka",
      kind: uses ? "required" : "forbidden",
      asker: { role: w.roleArn },
      action,
      resource,
      urn: w.urn,
    });
    const topic = (n: string) => kafkaArn(arn, "topic", n);
    if (!uses)
      return [
        ...KAFKA_ACTIONS.cluster.map((a) => ask(a, arn)),
        ...Object.keys(topics).flatMap((n) =>
          ["kafka-cluster:ReadData", "kafka-cluster:WriteData"].map((a) => ask(a, topic(n))),
        ),
      ];
    const t = serviceTopics(w.name, topics);
    return [
      ...KAFKA_ACTIONS.cluster.map((a) => ask(a, arn)),
      ...(t.produces.length ? KAFKA_ACTIONS.producerCluster.map((a) => ask(a, arn)) : []),
      ...t.produces.flatMap((n) => KAFKA_ACTIONS.producerTopic.map((a) => ask(a, topic(n)))),
      ...t.consumes.flatMap((n) => KAFKA_ACTIONS.consumerTopic.map((a) => ask(a, topic(n)))),
      ...(t.consumes.length ? KAFKA_ACTIONS.consumerGroup.map((a) => ask(a, kafkaArn(arn, "group", w.name))) : []),
    ];
  });
}

/**
 * What a service may not do to the topics it declares (checked with the same evaluation): a
 * producer does not read, a consumer does not write, nobody deletes or alters a topic.
 */
export function kafkaOverreach(world: World, loads: readonly PodUse[]): Need[] {
  const clusters = world.ofType(CLUSTER);
  const components = world.ofType(COMPONENT);
  return loads.flatMap((w) => {
    const cluster = clusters.find((c) => c.region === w.region);
    if (!cluster || w.labels[ACCESS_LABELS.kafka] !== "true") return [];
    const arn = String(world.out(cluster).arn);
    const topics = (components.find((c) => c.urn === cluster.parent)?.inputs.topics ?? {}) as Record<
      string,
      KafkaTopic
    >;
    const t = serviceTopics(w.name, topics);
    const deny = (action: string, resource: string): Need => ({
      requirement: "service-kafka-overreach",
      kind: "forbidden",
      asker: { role: w.roleArn },
      action,
      resource,
      urn: w.urn,
    });
    return Object.keys(topics).flatMap((n) => {
      const r = kafkaArn(arn, "topic", n);
      return [
        deny("kafka-cluster:DeleteTopic", r),
        deny("kafka-cluster:AlterTopic", r),
        ...(t.produces.includes(n) ? [] : [deny("kafka-cluster:WriteData", r)]),
        ...(t.consumes.includes(n) ? [] : [deny("kafka-cluster:ReadData", r)]),
      ];
    });
  });
}

/** The Region component a resource sits under (its name is the region). */
function regionOf(world: World, r: PlanResource): string | undefined {
  const byUrn = new Map(world.resources.map((x) => [x.urn, x]));
  for (let cur: PlanResource | undefined = r; cur; cur = cur.parent ? byUrn.get(cur.parent) : undefined)
    if (cur.type === "platform:region:Region") return cur.name;
  return undefined;
}

interface KafkaTriggerMeta {
  topic?: string;
  consumerGroup?: string;
  saslTokenProvider?: string;
}

/**
 * KEDA's kafka scaler reads each trigger's group lag as the operator (identityOwner keda): it
 * connects, describes the topic (metadata, end offsets) and the group (committed offsets), on the
 * cluster of the ScaledObject's region.
 */
export function kedaKafkaNeeds(world: World): Need[] {
  const operators = world
    .ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation")
    .filter((a) => a.inputs.namespace === "keda" && a.inputs.serviceAccount === "keda-operator");
  return world.ofType("kubernetes:keda.sh/v1alpha1:ScaledObject").flatMap((so) => {
    const region = regionOf(world, so);
    const cluster = world.ofType(CLUSTER).find((c) => c.region === region);
    const operator = operators.find((a) => a.region === region);
    const triggers = (so.inputs.spec as { triggers: { type: string; metadata?: KafkaTriggerMeta }[] }).triggers;
    return triggers
      .filter((t) => t.type === "kafka" && t.metadata?.saslTokenProvider === "aws_msk_iam")
      .flatMap((t): Need[] => {
        if (!cluster || !operator) return [];
        const arn = String(world.out(cluster).arn);
        const ask = (action: string, resource: string): Need => ({
          requirement: "keda-kafka-lag",
          kind: "required",
          asker: { role: String(operator.inputs.roleArn) },
          action,
          resource,
          urn: so.urn,
        });
        return [
          ...KEDA_LAG_ACTIONS.cluster.map((a) => ask(a, arn)),
          ...KEDA_LAG_ACTIONS.topic.map((a) => ask(a, kafkaArn(arn, "topic", String(t.metadata?.topic)))),
          ...KEDA_LAG_ACTIONS.group.map((a) => ask(a, kafkaArn(arn, "group", String(t.metadata?.consumerGroup)))),
        ];
      });
  });
}

/** Every kind, for needs-pods.ts. */
export function kafkaPodNeeds(world: World, loads: readonly PodUse[]): Need[] {
  return [...kafkaNeeds(world, loads), ...kafkaOverreach(world, loads), ...kedaKafkaNeeds(world)];
}
