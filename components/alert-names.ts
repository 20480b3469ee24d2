/**
 * Names of the platform's Prometheus alerts, shared by the areas that agree on them:
 * observability renders them, chaos experiments name the alert each one exercises.
 */
/** The alerts observability renders, in catalog order. */
export const ALERT_NAMES = [
  "HighPodCPUUsage",
  "KubernetesNodeNotReady",
  "HighRequestLatencyP95",
  "HighErrorRate",
  "LowGatewayCacheHitRatio",
  "NodeCPUSaturation",
  "NodeMemorySaturation",
  "HPAMaxedOut",
  "KedaScalerErrors",
  "KarpenterNodeLaunchFailing",
  "DatabaseConnectionsHigh",
] as const;
export type AlertName = (typeof ALERT_NAMES)[number];
