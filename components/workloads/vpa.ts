/**
 * Vertical Pod Autoscaler (seed 002: 100m/128Mi .. 2/4Gi): the controllers from the pinned chart
 * (components/charts.ts, cowboysysop vertical-pod-autoscaler 11.1.1 = VPA 1.5.x) and one
 * VerticalPodAutoscaler per app Deployment. Values set only keys that exist in the chart's
 * values.yaml at that tag (test/workloads/fixtures/vpa/values-11.1.1.yaml, a test holds it).
 *
 * Modes. A VPA that evicts pods to change their requests fights an HPA (or KEDA's HPA) that
 * scales on CPU or memory utilisation of those same requests: raising requests lowers
 * utilisation, the HPA scales in, load per pod rises, and round it goes. So:
 * - scaled on CPU/memory (HPA, or KEDA with mesh + CPU/memory triggers): "Off" (recommendations
 *   only, read with `kubectl describe vpa`);
 * - everything else (the queue worker on queue length, fixed replicas): "Recreate", which is what
 *   the seed's "Auto" means; VPA 1.5 deprecates "Auto" as an alias of "Recreate"
 *   (kubernetes/autoscaler vertical-pod-autoscaler/docs/api.md at vertical-pod-autoscaler/v1.5.0).
 */
import type { AutoscalingConfig } from "../config/types";
import { SYSTEM_NODE_LABEL, SYSTEM_TOLERATIONS } from "../cluster/types";
import type { ScalingMode } from "./manifests/autoscaling";
import { APPS_NAMESPACE, commonLabels, type Manifest } from "./manifests/common";

/** Where the controllers run (beside Karpenter and the LB controller). */
export const VPA_NAMESPACE = "kube-system";

export type VpaMode = "Off" | "Initial" | "Recreate";

/** True when the workload's horizontal autoscaler reads CPU or memory utilisation. */
export function scalesOnResources(mode: ScalingMode): boolean {
  if (mode.kind === "hpa") return true;
  if (mode.kind === "keda") return mode.keda.mesh !== undefined;
  return false;
}

/** The VPA mode a workload gets (see the module comment). */
export function vpaMode(mode: ScalingMode): VpaMode {
  return scalesOnResources(mode) ? "Off" : "Recreate";
}

/** autoscaling.k8s.io/v1 VerticalPodAutoscaler for a Deployment; bounds apply to `containers`, others are Off. */
export function vpaManifest(
  name: string,
  mode: VpaMode,
  bounds: AutoscalingConfig["vpa"],
  containers: readonly string[],
): Manifest {
  return {
    apiVersion: "autoscaling.k8s.io/v1",
    kind: "VerticalPodAutoscaler",
    metadata: { name, namespace: APPS_NAMESPACE, labels: commonLabels(name, "autoscaler") },
    spec: {
      targetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
      updatePolicy: { updateMode: mode },
      resourcePolicy: {
        containerPolicies: [
          ...containers.map((containerName) => ({
            containerName,
            minAllowed: { ...bounds.minAllowed },
            maxAllowed: { ...bounds.maxAllowed },
            controlledResources: ["cpu", "memory"],
          })),
          // Sidecars (the gateway's exporter) keep their requests.
          { containerName: "*", mode: "Off" },
        ],
      },
    },
  };
}

const SYSTEM = () => ({
  nodeSelector: { ...SYSTEM_NODE_LABEL },
  tolerations: SYSTEM_TOLERATIONS.map((t) => ({ ...t })),
});
const resources = (cpu: string, memory: string, cpuLimit: string, memoryLimit: string) => ({
  requests: { cpu, memory },
  limits: { cpu: cpuLimit, memory: memoryLimit },
});

/**
 * Chart values: controllers on the tainted system nodes (like KEDA), the upstream deploy
 * manifests' requests/limits (vertical-pod-autoscaler/deploy/*-deployment.yaml at v1.5.0), two
 * admission controllers with a PDB in prod (a mutating webhook in the pod-creation path). The
 * chart's container security contexts already meet Pod Security "restricted" (seccomp
 * RuntimeDefault, non-root 65534, no privilege escalation, drop ALL, read-only root).
 * The updater evicts single-replica workloads too (`min-replicas` 1; default 2), or the
 * queue worker at its minimum of 1 would never get its recommendation applied.
 */
export function vpaValues(opts: { prod: boolean }): Record<string, unknown> {
  return {
    admissionController: {
      replicaCount: opts.prod ? 2 : 1,
      pdb: { create: opts.prod },
      resources: resources("50m", "200Mi", "200m", "500Mi"),
      ...SYSTEM(),
    },
    recommender: { resources: resources("50m", "500Mi", "200m", "1000Mi"), ...SYSTEM() },
    updater: {
      resources: resources("50m", "500Mi", "200m", "1000Mi"),
      extraArgs: { v: 2, "min-replicas": 1 },
      ...SYSTEM(),
    },
    crds: { enabled: true, ...SYSTEM() },
  };
}
