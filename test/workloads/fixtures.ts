import { type PlatformConfig } from "../../components/config";
import { DEFAULT_SERVICES } from "../../components/config/sections/workloads";
import { loadStandIn } from "../helpers/stand-in";

/** A prod-like config with the seed catalogue (defaults), loaded through the real validator. */
export function seedConfig(overrides: Record<string, unknown> = {}): PlatformConfig {
  const raw: Record<string, unknown> = {
    environment: "prod",
    regions: [
      { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
      { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
    ],
    ...overrides,
  };
  const flat = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [`platform:${k}`, typeof v === "string" ? v : JSON.stringify(v)]),
  );
  return loadStandIn(flat, { project: "platform", stack: "test" });
}

/** Schema module and class for each kind the workloads area emits. */
export const MODELS: Record<string, [string, string]> = {
  Namespace: ["kubernetes-models/v1/Namespace", "Namespace"],
  ServiceAccount: ["kubernetes-models/v1/ServiceAccount", "ServiceAccount"],
  ConfigMap: ["kubernetes-models/v1/ConfigMap", "ConfigMap"],
  Service: ["kubernetes-models/v1/Service", "Service"],
  Deployment: ["kubernetes-models/apps/v1/Deployment", "Deployment"],
  PodDisruptionBudget: ["kubernetes-models/policy/v1/PodDisruptionBudget", "PodDisruptionBudget"],
  HorizontalPodAutoscaler: ["kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler", "HorizontalPodAutoscaler"],
  NetworkPolicy: ["kubernetes-models/networking.k8s.io/v1/NetworkPolicy", "NetworkPolicy"],
  ScaledObject: ["@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject", "ScaledObject"],
  TriggerAuthentication: ["@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication", "TriggerAuthentication"],
};

/** The default catalogue (raw config form) with some services' fields replaced. */
export function seedServices(patch: Record<string, Record<string, unknown>>): Record<string, unknown>[] {
  return DEFAULT_SERVICES.map((s) => ({ ...structuredClone(s), ...(patch[s.name] ?? {}) }));
}
