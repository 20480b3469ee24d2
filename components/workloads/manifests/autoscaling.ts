import type { AutoscalingConfig, ServiceConfig } from "../../config/types";
import { PROMETHEUS_URL } from "../../k8s-names";
import { APPS_NAMESPACE, commonLabels, type Manifest, type Value } from "./common";

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
  prometheus?: { query: string; threshold: number };
  businessHours?: AutoscalingConfig["keda"]["businessHours"];
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
  if (hpa) {
    const d = defaults.hpa;
    return {
      kind: "hpa",
      hpa: {
        minReplicas: hpa.minReplicas ?? d.minReplicas,
        maxReplicas: hpa.maxReplicas ?? d.maxReplicas,
        cpuPercent: hpa.cpuPercent ?? d.cpuPercent,
        memoryPercent: hpa.memoryPercent ?? d.memoryPercent,
      },
    };
  }
  if (keda) {
    const d = defaults.keda;
    return {
      kind: "keda",
      keda: {
        minReplicas: keda.minReplicas ?? d.minReplicas,
        maxReplicas: keda.maxReplicas ?? d.maxReplicas,
        pollingIntervalSeconds: d.pollingIntervalSeconds,
        cooldownSeconds: d.cooldownSeconds,
        ...(keda.sqsQueueLength ? { sqsQueueLength: keda.sqsQueueLength } : {}),
        ...(keda.prometheus ? { prometheus: keda.prometheus } : {}),
        ...(keda.businessHours ? { businessHours: d.businessHours } : {}),
      },
    };
  }
  return { kind: "fixed", replicas: service.replicas };
}

/** autoscaling/v2 behavior from `platform:autoscaling.hpa` (seed 002); KEDA's generated HPA gets the same. */
export function scalingBehavior(defaults: AutoscalingConfig): Manifest {
  const { scaleUp, scaleDown } = defaults.hpa;
  return {
    scaleUp: {
      stabilizationWindowSeconds: scaleUp.stabilizationSeconds,
      selectPolicy: "Max",
      policies: [{ type: "Percent", value: scaleUp.percent, periodSeconds: scaleUp.periodSeconds }],
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

/** KEDA triggers in a fixed order: SQS, Prometheus, business-hours cron. */
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
  if (keda.prometheus) {
    triggers.push({
      type: "prometheus",
      metadata: {
        serverAddress: PROMETHEUS_URL,
        query: keda.prometheus.query,
        threshold: String(keda.prometheus.threshold),
      },
    });
  }
  if (keda.businessHours) {
    const b = keda.businessHours;
    triggers.push({
      type: "cron",
      metadata: { timezone: b.timezone, start: b.start, end: b.end, desiredReplicas: String(b.desiredReplicas) },
    });
  }
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
      advanced: { horizontalPodAutoscalerConfig: { behavior: scalingBehavior(input.defaults) } },
      triggers: kedaTriggers(input),
    },
  };
}
