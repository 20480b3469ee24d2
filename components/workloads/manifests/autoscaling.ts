import type { AutoscalingConfig, ServiceConfig } from "../../config/types";
import { PROMETHEUS_URL } from "../../k8s-names";
import { APPS_NAMESPACE, commonLabels, type Manifest, type Value } from "./common";
import { meshTriggers, scheduleTriggers, type MeshTriggerSettings } from "./scaling-triggers";
import { kafkaTrigger, type KafkaScaler } from "../../kafka/keda";

/** An HPA's effective settings: `platform:autoscaling.hpa` overlaid with a service's override. */
export interface HpaSettings {
  minReplicas: number;
  maxReplicas: number;
  cpuPercent: number;
  memoryPercent: number;
}

export interface KedaSettings {
  minReplicas: number;
  maxReplicas: number;
  pollingIntervalSeconds: number;
  cooldownSeconds: number;
  sqsQueueLength?: number;
  /** Consumer lag on a Kafka topic (the group is the service's name). */
  kafka?: KafkaScaler;
  prometheus?: { query: string; threshold: number };
  businessHours?: AutoscalingConfig["keda"]["businessHours"];
  /** Request rate, p95, error ratio (mesh telemetry) plus CPU/memory. */
  mesh?: MeshTriggerSettings;
  /** Scale-up step in pods per period (beside the percent policy); set for mesh-scaled services. */
  stepPods?: number;
}

/** How one workload is scaled. Exactly one kind per workload (KEDA refuses HPA-owned targets). */
export type ScalingMode =
  { kind: "fixed"; replicas: number } | { kind: "hpa"; hpa: HpaSettings } | { kind: "keda"; keda: KedaSettings };

/**
 * The scaling mode of a service. Config validation already rejects hpa+keda together; this
 * throws as a second line of defence so no caller can ever emit both.
 */
export function scalingMode(service: ServiceConfig, defaults: AutoscalingConfig): ScalingMode {
  const { hpa, keda } = service.autoscaling;
  if (hpa && keda) throw new Error(`service ${service.name}: either hpa or keda, not both`);
  if (hpa) return { kind: "hpa", hpa: { ...hpa } };
  if (keda) {
    const d = defaults.keda;
    const m = defaults.mesh;
    return {
      kind: "keda",
      keda: {
        minReplicas: keda.minReplicas,
        maxReplicas: keda.maxReplicas,
        pollingIntervalSeconds: d.pollingIntervalSeconds,
        cooldownSeconds: d.cooldownSeconds,
        ...(keda.sqsQueueLength ? { sqsQueueLength: keda.sqsQueueLength } : {}),
        ...(keda.kafka ? { kafka: { ...keda.kafka, consumerGroup: service.name } } : {}),
        ...(keda.prometheus ? { prometheus: keda.prometheus } : {}),
        ...(keda.businessHours ? { businessHours: d.businessHours } : {}),
        ...(keda.mesh
          ? {
              mesh: {
                service: service.name,
                requestsPerSecondPerPod: m.requestsPerSecondPerPod,
                p95Milliseconds: m.p95Milliseconds,
                cpuPercent: defaults.hpa.cpuPercent,
                memoryPercent: defaults.hpa.memoryPercent,
              },
              stepPods: m.stepPods,
            }
          : {}),
      },
    };
  }
  return { kind: "fixed", replicas: service.replicas };
}

/**
 * autoscaling/v2 behavior from `platform:autoscaling.hpa` (seed 002); KEDA's generated HPA gets the
 * same. With `stepPods`, scale-up also allows that many pods per period and takes the larger step
 * (selectPolicy Max): from 3 replicas a p95 or error breach adds 4 pods, from 10 it doubles.
 */
export function scalingBehavior(defaults: AutoscalingConfig, stepPods?: number): Manifest {
  const { scaleUp, scaleDown } = defaults.hpa;
  return {
    scaleUp: {
      stabilizationWindowSeconds: scaleUp.stabilizationSeconds,
      selectPolicy: "Max",
      policies: [
        ...(stepPods ? [{ type: "Pods", value: stepPods, periodSeconds: scaleUp.periodSeconds }] : []),
        { type: "Percent", value: scaleUp.percent, periodSeconds: scaleUp.periodSeconds },
      ],
    },
    scaleDown: {
      stabilizationWindowSeconds: scaleDown.stabilizationSeconds,
      selectPolicy: "Max",
      policies: [{ type: "Percent", value: scaleDown.percent, periodSeconds: scaleDown.periodSeconds }],
    },
  };
}

const utilization = (name: "cpu" | "memory", averageUtilization: number) => ({
  type: "Resource",
  resource: { name, target: { type: "Utilization", averageUtilization } },
});

/** autoscaling/v2 HPA on CPU and memory utilisation of a Deployment's requests. */
export function hpaManifest(
  name: string,
  settings: HpaSettings,
  defaults: AutoscalingConfig,
  component = "autoscaler",
): Manifest {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name, namespace: APPS_NAMESPACE, labels: commonLabels(name, component) },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
      minReplicas: settings.minReplicas,
      maxReplicas: settings.maxReplicas,
      metrics: [utilization("cpu", settings.cpuPercent), utilization("memory", settings.memoryPercent)],
      behavior: scalingBehavior(defaults),
    },
  };
}

/** Name of the TriggerAuthentication every aws-sqs-queue trigger references. */
export const AWS_TRIGGER_AUTH = "aws-pod-identity";

/**
 * KEDA authenticates to SQS as its own operator (identityOwner keda): the operator's Pod
 * Identity role may only read queue attributes, while the workload keeps its own role. The
 * `aws` provider covers EKS Pod Identity and IRSA; `aws-eks` is deprecated (removed in v3).
 */
export function awsTriggerAuthentication(): Manifest {
  return {
    apiVersion: "keda.sh/v1alpha1",
    kind: "TriggerAuthentication",
    metadata: {
      name: AWS_TRIGGER_AUTH,
      namespace: APPS_NAMESPACE,
      labels: commonLabels(AWS_TRIGGER_AUTH, "autoscaler"),
    },
    spec: { podIdentity: { provider: "aws", identityOwner: "keda" } },
  };
}

export interface ScaledObjectInput {
  name: string;
  keda: KedaSettings;
  defaults: AutoscalingConfig;
  region: string;
  /** Required when keda.sqsQueueLength is set. */
  queueUrl?: Value;
}

/** KEDA triggers in a fixed order: SQS, Prometheus, mesh (rate, p95, errors, CPU, memory), schedule crons. */
export function kedaTriggers(input: ScaledObjectInput): Manifest[] {
  const { keda } = input;
  const triggers: Manifest[] = [];
  if (keda.sqsQueueLength) {
    if (input.queueUrl === undefined)
      throw new Error(`ScaledObject ${input.name}: an aws-sqs-queue trigger needs the queue URL`);
    triggers.push({
      type: "aws-sqs-queue",
      authenticationRef: { name: AWS_TRIGGER_AUTH },
      metadata: { queueURL: input.queueUrl, queueLength: String(keda.sqsQueueLength), awsRegion: input.region },
    });
  }
  if (keda.kafka) triggers.push(kafkaTrigger(keda.kafka, input.region, AWS_TRIGGER_AUTH));
  if (keda.prometheus) {
    triggers.push({
      type: "prometheus",
      metadata: {
        serverAddress: PROMETHEUS_URL,
        query: keda.prometheus.query,
        threshold: String(keda.prometheus.threshold),
        ignoreNullValues: "false",
      },
    });
  }
  if (keda.mesh) triggers.push(...meshTriggers(keda.mesh));
  if (keda.businessHours) triggers.push(...scheduleTriggers(keda.businessHours, input.region));
  return triggers;
}

/** keda.sh/v1alpha1 ScaledObject for a Deployment of the same name. */
export function scaledObjectManifest(input: ScaledObjectInput): Manifest {
  const { name, keda } = input;
  return {
    apiVersion: "keda.sh/v1alpha1",
    kind: "ScaledObject",
    metadata: { name, namespace: APPS_NAMESPACE, labels: commonLabels(name, "autoscaler") },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
      minReplicaCount: keda.minReplicas,
      maxReplicaCount: keda.maxReplicas,
      pollingInterval: keda.pollingIntervalSeconds,
      cooldownPeriod: keda.cooldownSeconds,
      // A trigger in error (Prometheus unreachable, a query returning nothing) keeps today's replicas
      // instead of dropping the metric; CPU/memory triggers take no part in fallback (KEDA 2.20).
      ...(keda.mesh || keda.prometheus
        ? { fallback: { failureThreshold: 3, replicas: keda.minReplicas, behavior: "currentReplicas" } }
        : {}),
      advanced: { horizontalPodAutoscalerConfig: { behavior: scalingBehavior(input.defaults, keda.stepPods) } },
      triggers: kedaTriggers(input),
    },
  };
}
