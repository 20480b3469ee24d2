import type { AutoscalingConfig, GatewayConfig, ServiceConfig } from "../config/types";
import { queueAccess } from "./iam";
import { scalingMode, type ScalingMode } from "./manifests/autoscaling";
import { GATEWAY_NAME, gatewayScaling } from "./manifests/gateway";
import type { KafkaScaler } from "../kafka/keda";

/**
 * Facts derived from the workloads config, computed once (here) and read by the planner and the
 * Workloads component: nothing asks the raw config the same question twice, nothing parses a
 * rendered manifest to recover them.
 */
export interface WorkloadFacts {
  /** Scaling per workload name (each service and the gateway), defaults merged once. */
  readonly scaling: Readonly<Record<string, ScalingMode>>;
  /** Some service is scaled by a KEDA ScaledObject: the KEDA chart (and its monitor) is needed. */
  readonly usesKeda: boolean;
  /** Some ScaledObject scales on the SQS queue: KEDA's operator needs queue read access. */
  readonly scalesOnQueue: boolean;
  /** ScaledObjects on Kafka consumer lag: KEDA's operator reads those groups and topics. */
  readonly kafkaScalers: readonly KafkaScaler[];
  /** Services that use the queue, and how. */
  readonly queueAccess: Readonly<Record<string, "consumer" | "producer">>;
  /** The region's queue (and DLQ) exists: someone uses it or scales on it. */
  readonly needsQueue: boolean;
  /** Services that load the data-endpoints ConfigMap (they use the database or the cache). */
  readonly dataUsers: readonly string[];
}

export function workloadFacts(input: {
  services: readonly ServiceConfig[];
  gateway: GatewayConfig;
  autoscaling: AutoscalingConfig;
}): WorkloadFacts {
  const scaling: Record<string, ScalingMode> = {};
  for (const s of input.services) scaling[s.name] = scalingMode(s, input.autoscaling);
  scaling[GATEWAY_NAME] = gatewayScaling(input.gateway, input.autoscaling);
  const modes = Object.values(scaling);
  const access: Record<string, "consumer" | "producer"> = {};
  for (const s of input.services) {
    const a = queueAccess(s);
    if (a) access[s.name] = a;
  }
  const scalesOnQueue = modes.some((m) => m.kind === "keda" && m.keda.sqsQueueLength !== undefined);
  return {
    scaling,
    usesKeda: modes.some((m) => m.kind === "keda"),
    scalesOnQueue,
    kafkaScalers: modes.flatMap((m) => (m.kind === "keda" && m.keda.kafka ? [m.keda.kafka] : [])),
    queueAccess: access,
    needsQueue: scalesOnQueue || Object.keys(access).length > 0,
    dataUsers: input.services.filter((s) => s.uses.database || s.uses.cache).map((s) => s.name),
  };
}
