import type { PolicyResource } from "@pulumi/policy";
import { HPA, KIND_OF_TYPE, SCALED_OBJECT, isChartInternal, k8sNameOf, namespaceOf } from "./k8s";
import { known } from "./policy";

export interface AutoscalerRef {
  autoscaler: PolicyResource;
  /** How the message names the autoscaler. */
  what: "HorizontalPodAutoscaler" | "ScaledObject";
  /** namespace/Kind/name of the workload it scales. */
  target: string;
}

export function workloadKey(namespace: string, kind: string, name: string): string {
  return `${namespace}/${kind}/${name}`;
}

/** Every HPA and KEDA ScaledObject with the workload it targets (KEDA's kind defaults to Deployment). */
export function autoscalerRefs(resources: PolicyResource[]): AutoscalerRef[] {
  const out: AutoscalerRef[] = [];
  for (const r of resources) {
    if (r.type !== HPA && r.type !== SCALED_OBJECT) continue;
    const ref = known(() => r.props.spec?.scaleTargetRef);
    const name = ref?.name;
    if (typeof name !== "string") continue;
    const kind = typeof ref.kind === "string" ? ref.kind : "Deployment";
    out.push({
      autoscaler: r,
      what: r.type === HPA ? "HorizontalPodAutoscaler" : "ScaledObject",
      target: workloadKey(namespaceOf(r.props), kind, name),
    });
  }
  return out;
}

export interface WorkloadRef {
  resource: PolicyResource;
  key: string;
  /** `Deployment ns/name`, for messages. */
  display: string;
}

/** Deployments and StatefulSets we own (chart internals excluded), keyed like autoscaler targets. */
export function scalableWorkloads(resources: PolicyResource[]): WorkloadRef[] {
  return resources
    .filter((r) => KIND_OF_TYPE[r.type] !== undefined && !isChartInternal(r.urn))
    .map((r) => {
      const kind = KIND_OF_TYPE[r.type];
      const ns = namespaceOf(r.props);
      const name = k8sNameOf(r.props, r.name);
      return { resource: r, key: workloadKey(ns, kind, name), display: `${kind} ${ns}/${name}` };
    });
}
