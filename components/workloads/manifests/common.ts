import type * as pulumi from "@pulumi/pulumi";
import { NAMESPACES } from "../../k8s-names";

/**
 * Shared pieces of every manifest the workloads area builds: labels, the restricted
 * security contexts, names other areas agree on. Manifests are plain objects (the shape
 * `kubectl apply` takes); values that are only known after deployment (queue URLs) may be
 * Pulumi Inputs, everything that names or counts resources is plain.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Manifest = Record<string, any>;

/** Value that is plain in tests and may be an Output in the component (queue URLs). */
export type Value = pulumi.Input<string>;
/** String map that may itself be an Output (ConfigMap data from the data tier). */
export type ValueMap = pulumi.Input<Record<string, Value>>;

export const APPS_NAMESPACE = NAMESPACES.apps;
export const PART_OF = "platform";

/** ConfigMap with the data tier's endpoints (built by planWorkloads from data's connectionEnv). */
export { DATA_ENDPOINTS_CONFIGMAP } from "../../k8s-names";

/** Non-root identity for every container we build (not 0, outside common system ranges). */
export const APP_UID = 10001;

/**
 * Pod labels naming what a pod uses: database, cache and aws-api select egress allowances
 * (network-policies.ts); dynamodb (reached through the AWS API egress) tells the access model
 * which pods may use the table.
 */
export const ACCESS_LABELS = {
  database: "workloads.platform.io/database",
  cache: "workloads.platform.io/cache",
  aws: "workloads.platform.io/aws-api",
  dynamodb: "workloads.platform.io/dynamodb",
  /** Pods that reach the region's MSK brokers (components/kafka/workload.ts allows their egress). */
  kafka: "workloads.platform.io/kafka",
} as const;

/** Selector labels: stable for a workload's lifetime (a Deployment selector is immutable). */
export function selectorLabels(name: string): Record<string, string> {
  return { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": PART_OF };
}

/** Metadata labels: selector labels plus descriptive ones. */
export function commonLabels(name: string, component: string, version?: string): Record<string, string> {
  return {
    ...selectorLabels(name),
    "app.kubernetes.io/component": component,
    "app.kubernetes.io/managed-by": "pulumi",
    ...(version ? { "app.kubernetes.io/version": version.slice(0, 63).replace(/[^A-Za-z0-9._-]/g, "_") } : {}),
  };
}

/** Tag part of an image reference ("1.0.0"), or the digest prefix; used as a version label. */
export function imageVersion(image: string): string {
  const digest = /@sha256:([a-f0-9]{12})/.exec(image);
  if (digest) return `sha256-${digest[1]}`;
  const last = image.split("/").pop() ?? "";
  return last.includes(":") ? last.split(":").pop()! : "unknown";
}

/** Pod Security "restricted" at pod level; fsGroup makes the emptyDirs writable for APP_UID. */
export const POD_SECURITY_CONTEXT = Object.freeze({
  runAsNonRoot: true,
  runAsUser: APP_UID,
  runAsGroup: APP_UID,
  fsGroup: APP_UID,
  seccompProfile: { type: "RuntimeDefault" },
});

/** Pod Security "restricted" per container, plus a read-only root filesystem. */
export const CONTAINER_SECURITY_CONTEXT = Object.freeze({
  allowPrivilegeEscalation: false,
  capabilities: { drop: ["ALL"] },
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
});

/** Fresh copies, so callers can never mutate the shared constants through a manifest. */
export const podSecurityContext = (): Manifest => structuredClone(POD_SECURITY_CONTEXT) as Manifest;
export const containerSecurityContext = (): Manifest => structuredClone(CONTAINER_SECURITY_CONTEXT) as Manifest;

/**
 * Spread across zones first, then nodes. ScheduleAnyway on purpose: during an AZ outage the
 * surviving zones must absorb the lost replicas; DoNotSchedule with maxSkew 1 would leave
 * them Pending while the dead zone's nodes still count as a domain. Karpenter treats the
 * constraint as a preference and still launches nodes in the emptiest zone first.
 * matchLabelKeys keeps a rolling update from being judged against the old ReplicaSet's pods.
 */
export function topologySpread(name: string): Manifest[] {
  return ["topology.kubernetes.io/zone", "kubernetes.io/hostname"].map((topologyKey) => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: "ScheduleAnyway",
    labelSelector: { matchLabels: selectorLabels(name) },
    matchLabelKeys: ["pod-template-hash"],
  }));
}

export function metadata(name: string, labels: Record<string, string>, extra: Manifest = {}): Manifest {
  return { name, namespace: APPS_NAMESPACE, labels, ...extra };
}
