import type { ParsedSections } from "../schema";

type Service = ParsedSections["services"][number];
type Autoscaling = ParsedSections["autoscaling"];

/** A scaled service's replica range once `platform:autoscaling` defaults fill what the service leaves out. */
export interface ReplicaBounds {
  kind: "hpa" | "keda";
  min: number;
  max: number;
}

/**
 * The one place a service's min and max replicas are resolved: config validation judges the range
 * it will render, and the workload manifests render this range. Undefined for a fixed-size service.
 * Mesh-scaled services default to seed 002's range (autoscaling.mesh); with the business-hours
 * schedule, seed 004's weekend floor is their minimum.
 */
export function replicaBounds(service: Service, a: Autoscaling): ReplicaBounds | undefined {
  const { hpa, keda } = service.autoscaling;
  if (hpa) return { kind: "hpa", min: hpa.minReplicas ?? a.hpa.minReplicas, max: hpa.maxReplicas ?? a.hpa.maxReplicas };
  if (!keda) return undefined;
  const defaultMin = keda.mesh
    ? keda.businessHours
      ? a.keda.businessHours.weekendReplicas
      : a.mesh.minReplicas
    : a.keda.minReplicas;
  return {
    kind: "keda",
    min: keda.minReplicas ?? defaultMin,
    max: keda.maxReplicas ?? (keda.mesh ? a.mesh.maxReplicas : a.keda.maxReplicas),
  };
}
