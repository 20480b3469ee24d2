/**
 * Vertical Pod Autoscaler (seed 002: 100m/128Mi .. 2/4Gi): one VerticalPodAutoscaler per app
 * Deployment. The controllers are an add-on (components/addons/vpa.ts).
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
import type { ScalingMode } from "./manifests/autoscaling";
import { APPS_NAMESPACE, commonLabels, type Manifest } from "./manifests/common";

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
