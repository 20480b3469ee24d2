/**
 * Names of the platform's Prometheus alerts, shared by the areas that agree on them:
 * observability renders them, chaos experiments name the alert each one exercises.
 */
/**
 * The alerts observability renders, in catalog order. Removed (nothing deployed exports
 * their inputs): LowGatewayCacheHitRatio (needed an nginx log exporter) and the Prometheus
 * DatabaseConnectionsHigh (needed postgres_exporter; the CloudWatch alarm in
 * components/data/alarms.ts on Aurora's DatabaseConnections covers it).
 */
export const ALERT_NAMES = [
  "HighPodCPUUsage",
  "KubernetesNodeNotReady",
  "HighRequestLatencyP95",
  "HighErrorRate",
  "NodeCPUSaturation",
  "NodeMemorySaturation",
  "HPAMaxedOut",
  "KedaScalerErrors",
  "KarpenterNodeLaunchFailing",
] as const;
export type AlertName = (typeof ALERT_NAMES)[number];

/** Seed 003 SLO burn alerts (components/observability/slo.ts renders them; its spec checks the list). */
export const SLO_ALERT_NAMES = [
  "SLOAvailabilityFastBurn",
  "SLOAvailabilitySlowBurn",
  "SLOLatencyFastBurn",
  "SLOLatencySlowBurn",
] as const;

/** `for` per alert: seed values where given (5m CPU, 1m node), 15m for HPA at max. */
export const DEFAULT_FOR: Readonly<Record<AlertName, string>> = Object.freeze({
  HighPodCPUUsage: "5m",
  KubernetesNodeNotReady: "1m",
  HighRequestLatencyP95: "5m",
  HighErrorRate: "5m",
  NodeCPUSaturation: "10m",
  NodeMemorySaturation: "10m",
  HPAMaxedOut: "15m",
  KedaScalerErrors: "5m",
  KarpenterNodeLaunchFailing: "5m",
});

/** Range window of the rate() in the alert expressions (chaos durations are checked against it). */
export const DEFAULT_RATE_WINDOW = "5m";
