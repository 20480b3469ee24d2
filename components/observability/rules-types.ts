import type { AlertName } from "../alert-names";
/**
 * Shapes shared by the alert catalog and the renderer. A group/rule matches the
 * prometheus-operator `PrometheusRule.spec.groups[]` shape, which is also the
 * shape of a plain Prometheus rules file, so one value feeds both the CRD and promtool.
 */

export interface AlertingRule {
  alert: string;
  expr: string;
  /** Go duration the condition must hold before the alert fires. */
  for: string;
  labels: { severity: Severity } & Record<string, string>;
  annotations: { summary: string; description: string; runbook: string } & Record<string, string>;
}

export interface PrometheusRuleGroup {
  name: string;
  rules: AlertingRule[];
}

export type Severity = "critical" | "warning" | "info";

/** Thresholds, named like `platform:observability.thresholds` so config can be passed as is. */
export interface AlertThresholds {
  /** Pod CPU usage as % of its CPU limit. Seed 002: 80. */
  podCpuPercent: number;
  /** Service p95 request latency from mesh telemetry, milliseconds. Seed 003: 200. */
  latencyP95Ms: number;
  /** 5xx responses as % of all mesh-reported responses. Seed 003: 1 (may be fractional, e.g. 0.5). */
  errorRatePercent: number;
  /** Node CPU and memory use, %. Seed 003: 85. */
  saturationPercent: number;
}

export { ALERT_NAMES, type AlertName } from "../alert-names";

export interface AlertRulesInput {
  /** Partial overrides of `DEFAULT_THRESHOLDS`. */
  thresholds?: Partial<AlertThresholds>;
  /** Partial overrides of `DEFAULT_FOR` (per alert `for` duration). */
  for?: Partial<Record<AlertName, string>>;
  /** Range used in rate()/increase(); default "5m". Must be >= 2 scrape intervals. */
  rateWindow?: string;
  /** Prefix of group names; default "platform". */
  groupPrefix?: string;
}
