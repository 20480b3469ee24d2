import { known, urnTypeChain } from "./policy";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Manifest = Record<string, any>;

export const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
export const STATEFUL_SET = "kubernetes:apps/v1:StatefulSet";
export const DAEMON_SET = "kubernetes:apps/v1:DaemonSet";
export const SERVICE = "kubernetes:core/v1:Service";
export const PDB = "kubernetes:policy/v1:PodDisruptionBudget";
export const HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
export const SCALED_OBJECT = "kubernetes:keda.sh/v1alpha1:ScaledObject";

/** Where each workload type keeps its pod template. */
const POD_TEMPLATE_PATHS: Record<string, readonly string[]> = {
  [DEPLOYMENT]: ["spec", "template"],
  [STATEFUL_SET]: ["spec", "template"],
  [DAEMON_SET]: ["spec", "template"],
  "kubernetes:apps/v1:ReplicaSet": ["spec", "template"],
  "kubernetes:batch/v1:Job": ["spec", "template"],
  "kubernetes:batch/v1:CronJob": ["spec", "jobTemplate", "spec", "template"],
  "kubernetes:core/v1:Pod": [],
};

/** Workloads that run forever and so need probes (Jobs finish; probes would only get in the way). */
export const LONG_RUNNING_TYPES: readonly string[] = [DEPLOYMENT, STATEFUL_SET, DAEMON_SET];

/** Kubernetes `kind` for the workload types an autoscaler can target. */
export const KIND_OF_TYPE: Record<string, string> = { [DEPLOYMENT]: "Deployment", [STATEFUL_SET]: "StatefulSet" };

export function isWorkload(type: string): boolean {
  return type in POD_TEMPLATE_PATHS;
}

export interface PodTemplate {
  labels: Record<string, string>;
  spec: Manifest;
}

/** The pod template (labels + spec) of a workload's props, or undefined for other types. */
export function podTemplateOf(type: string, props: Manifest): PodTemplate | undefined {
  const path = POD_TEMPLATE_PATHS[type];
  if (!path) return undefined;
  let node: any = props;
  for (const key of path) node = node?.[key];
  if (!node || typeof node !== "object") return undefined;
  return { labels: { ...(node.metadata?.labels ?? {}) }, spec: node.spec ?? {} };
}

export interface ContainerRef {
  /** `container` or `initContainer`, used in messages so the user finds the right list. */
  kind: "container" | "initContainer";
  name: string;
  container: Manifest;
  /** Init containers with restartPolicy Always are sidecars: long-running like containers. */
  sidecar: boolean;
}

export function containersOf(podSpec: Manifest): ContainerRef[] {
  const init: ContainerRef[] = (podSpec.initContainers ?? []).map((c: Manifest) => ({
    kind: "initContainer" as const,
    name: String(c.name ?? "?"),
    container: c,
    sidecar: c.restartPolicy === "Always",
  }));
  const main: ContainerRef[] = (podSpec.containers ?? []).map((c: Manifest) => ({
    kind: "container" as const,
    name: String(c.name ?? "?"),
    container: c,
    sidecar: false,
  }));
  return [...init, ...main];
}

export function label(ref: ContainerRef): string {
  return `${ref.kind} "${ref.name}"`;
}

/**
 * The object's namespace. A namespace taken from a Namespace resource created in the same
 * update is unknown during preview (the proxy throws); "(unknown)" still lets objects in it
 * match each other by name.
 */
export function namespaceOf(props: Manifest): string {
  let ns: unknown;
  try {
    ns = props?.metadata?.namespace;
  } catch {
    return "(unknown)";
  }
  return typeof ns === "string" && ns !== "" ? ns : "default";
}

/**
 * The object's Kubernetes name. Auto-named objects have no `metadata.name` in their inputs
 * (offline plan); their Pulumi name is the prefix the provider would use, the best we can match.
 */
export function k8sNameOf(props: Manifest, pulumiName: string): string {
  const name = known(() => props?.metadata?.name);
  return typeof name === "string" && name !== "" ? name : pulumiName;
}

/**
 * Objects rendered from an upstream Helm chart (Chart v3/v4 children). Their manifests are the
 * chart maintainers' (node-exporter needs host access, Chaos Mesh is privileged), so workload
 * policies skip them rather than forcing forks of upstream charts.
 */
export function isChartInternal(urn: string): boolean {
  return urnTypeChain(urn)
    .slice(0, -1)
    .some((t) => t.startsWith("kubernetes:helm.sh/"));
}

/** A live object read back from the cluster has `status`; planned inputs do not. */
export function isLiveObject(props: Manifest): boolean {
  return props?.status !== undefined && props?.status !== null;
}
