import type { ServiceConfig } from "../../config/types";
import { serviceDatabaseUser } from "../../data/connection";
import {
  ACCESS_LABELS,
  APPS_NAMESPACE,
  DATA_ENDPOINTS_CONFIGMAP,
  commonLabels,
  containerSecurityContext,
  imageVersion,
  metadata,
  podSecurityContext,
  selectorLabels,
  topologySpread,
  type Manifest,
  type Value,
  type ValueMap,
} from "./common";
import type { ScalingMode } from "./autoscaling";

/**
 * The AWS Load Balancer Controller injects a target-health readiness gate into pods of
 * namespaces with this label, so a rollout or a Karpenter consolidation waits until the new pod
 * is healthy in the ALB target group before the old one goes (pods created before the
 * controller's webhook runs get no gate). Source, checked 2026-12-02:
 * https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/pod_readiness_gate/
 */
export const POD_READINESS_GATE_LABEL = { "elbv2.k8s.aws/pod-readiness-gate-inject": "enabled" } as const;

/**
 * The apps namespace, enforcing Pod Security "restricted" (audit and warn too, so kubectl shows
 * why), with ALB pod readiness gates injected.
 */
export function namespaceManifest(name = APPS_NAMESPACE): Manifest {
  const pss = Object.fromEntries(
    (["enforce", "audit", "warn"] as const).flatMap((mode) => [
      [`pod-security.kubernetes.io/${mode}`, "restricted"],
      [`pod-security.kubernetes.io/${mode}-version`, "latest"],
    ]),
  );
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name, labels: { ...pss, ...POD_READINESS_GATE_LABEL, "app.kubernetes.io/managed-by": "pulumi" } },
  };
}

/** One ServiceAccount per workload, so Pod Identity can grant AWS access to exactly one service. */
export function serviceAccountManifest(name: string, component: string): Manifest {
  // Pods only get an API token where they need one; none of ours call the Kubernetes API.
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: metadata(name, commonLabels(name, component)),
    automountServiceAccountToken: false,
  };
}

/** Data-tier and queue wiring for a service's container. */
export interface ServiceEnv {
  region: string;
  /**
   * The data tier's ConfigMap (endpoints) and Secret (credentials) in the apps namespace.
   * Omitted: reference DATA_ENDPOINTS_CONFIGMAP as optional, so pods start before the data
   * tier has written it and pick it up on their next restart.
   */
  data?: {
    configMap: string;
    secret?: string;
    /** Credentials are read from Secrets Manager (needs AWS API egress). */ secretsViaAws?: boolean;
  };
  /** The region's SQS queue URL, for services with uses.queue. */
  queueUrl?: Value;
  /** A service's own cache user (ElastiCache RBAC), for services with uses.cache. */
  cacheUser?: (service: string) => string | undefined;
}

function containerEnv(service: ServiceConfig, env: ServiceEnv): { env: Manifest[]; envFrom: Manifest[] } {
  const vars: Manifest[] = [
    { name: "AWS_REGION", value: env.region },
    { name: "PORT", value: String(service.port) },
  ];
  if (service.uses.queue && env.queueUrl !== undefined) vars.push({ name: "QUEUE_URL", value: env.queueUrl });
  // Its own PostgreSQL role (IAM database authentication), never the master user.
  if (service.uses.database) vars.push({ name: "DATABASE_USER", value: serviceDatabaseUser(service.name) });
  // Its own cache user (IAM authentication, keys under "<service>:"), never a shared token.
  const cacheUser = service.uses.cache ? env.cacheUser?.(service.name) : undefined;
  if (cacheUser !== undefined) vars.push({ name: "REDIS_USER", value: cacheUser });
  const envFrom: Manifest[] = [];
  // The endpoints ConfigMap also carries DYNAMODB_TABLE_NAME and KAFKA_BROKERS.
  if (service.uses.database || service.uses.cache || service.uses.dynamodb || service.uses.kafka) {
    if (env.data) {
      envFrom.push({ configMapRef: { name: env.data.configMap } });
      if (env.data.secret) envFrom.push({ secretRef: { name: env.data.secret } });
    } else {
      envFrom.push({ configMapRef: { name: DATA_ENDPOINTS_CONFIGMAP, optional: true } });
    }
  }
  return { env: vars, envFrom };
}

const probe = (path: string, t: ServiceConfig["probes"]["liveness"]) => ({
  httpGet: { path, port: "http" },
  initialDelaySeconds: t.initialDelaySeconds,
  periodSeconds: t.periodSeconds,
  timeoutSeconds: t.timeoutSeconds,
  failureThreshold: t.failureThreshold,
});

/**
 * A service's Deployment: restricted security context, read-only root with an emptyDir on
 * /tmp, probes on the health path, zone/node spread. `spec.replicas` only when no autoscaler
 * owns the count: a fixed value would be re-applied on every update and fight the HPA.
 */
export function deploymentManifest(service: ServiceConfig, scaling: ScalingMode, env: ServiceEnv): Manifest {
  const name = service.name;
  const labels = commonLabels(name, service.kind === "worker" ? "worker" : "web", imageVersion(service.image));
  const podLabels: Record<string, string> = { ...labels };
  if (service.uses.database) podLabels[ACCESS_LABELS.database] = "true";
  if (service.uses.cache) podLabels[ACCESS_LABELS.cache] = "true";
  if (service.uses.dynamodb) podLabels[ACCESS_LABELS.dynamodb] = "true";
  if (service.uses.kafka) podLabels[ACCESS_LABELS.kafka] = "true";
  if (
    service.uses.queue ||
    service.uses.dynamodb ||
    ((service.uses.database || service.uses.cache) && env.data?.secretsViaAws)
  )
    podLabels[ACCESS_LABELS.aws] = "true";
  const { env: vars, envFrom } = containerEnv(service, env);
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: metadata(name, labels),
    spec: {
      ...(scaling.kind === "fixed" ? { replicas: scaling.replicas } : {}),
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorLabels(name) },
      // maxUnavailable 0: a rollout never dips below the current capacity.
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
      template: {
        metadata: { labels: podLabels },
        spec: {
          serviceAccountName: name,
          automountServiceAccountToken: false,
          securityContext: podSecurityContext(),
          terminationGracePeriodSeconds: 30,
          topologySpreadConstraints: topologySpread(name),
          containers: [
            {
              name: "app",
              image: service.image,
              imagePullPolicy: "IfNotPresent",
              ports: [{ name: "http", containerPort: service.port, protocol: "TCP" }],
              env: vars,
              ...(envFrom.length > 0 ? { envFrom } : {}),
              resources: { requests: { ...service.resources.requests }, limits: { ...service.resources.limits } },
              livenessProbe: probe(service.healthPath, service.probes.liveness),
              readinessProbe: probe(service.healthPath, service.probes.readiness),
              securityContext: containerSecurityContext(),
              volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
            },
          ],
          volumes: [{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }],
        },
      },
    },
  };
}

/**
 * maxUnavailable 1 rather than minAvailable 1: with one replica (a worker scaled down to its
 * minimum) minAvailable 1 would block every node drain forever; maxUnavailable always lets a
 * drain proceed one pod at a time. AlwaysAllow evicts crash-looping pods that are not ready.
 */
export function pdbManifest(name: string, component: string): Manifest {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: metadata(name, commonLabels(name, component)),
    spec: {
      maxUnavailable: 1,
      selector: { matchLabels: selectorLabels(name) },
      unhealthyPodEvictionPolicy: "AlwaysAllow",
    },
  };
}

/** ClusterIP Service for a web service: port = the container port, targeting the named port. */
export function serviceManifest(service: ServiceConfig): Manifest {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: metadata(service.name, commonLabels(service.name, "web")),
    spec: {
      type: "ClusterIP",
      selector: selectorLabels(service.name),
      ports: [{ name: "http", port: service.port, targetPort: "http", protocol: "TCP" }],
    },
  };
}

/** A workload needs a PDB when more than one replica may run. */
export function isReplicated(scaling: ScalingMode): boolean {
  if (scaling.kind === "fixed") return scaling.replicas > 1;
  return true;
}

/** The data tier's endpoints as a ConfigMap (keys are env var names; values may be Outputs). */
export function dataEndpointsConfigMap(data: ValueMap, name = DATA_ENDPOINTS_CONFIGMAP): Manifest {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: metadata(name, commonLabels(name, "data-endpoints")), data };
}
