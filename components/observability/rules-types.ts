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
  /** Gateway/service p95 request latency, milliseconds. Seed 003: 200. */
  latencyP95Ms: number;
  /** 5xx responses as % of all responses. Seed 003: 1 (may be fractional, e.g. 0.5). */
  errorRatePercent: number;
  /** Gateway proxy_cache hit ratio, %; alert below it. Seed 003: 90. */
  cacheHitPercent: number;
  /** Node CPU and memory use, %. Seed 003: 85. */
  saturationPercent: number;
  /** Postgres connections as % of max_connections. Seed 002: 80. */
  databaseConnectionsPercent: number;
}

/**
 * Metric names for signals that depend on what the applications and exporters expose.
 * Kubernetes-side metrics (cAdvisor, kube-state-metrics, node-exporter, KEDA, Karpenter)
 * are fixed by their projects and are not configurable here.
 */
export interface AlertMetrics {
  /** Histogram buckets of request duration in seconds, labelled `namespace`, `service`, `le`. */
  requestDurationBucket: string;
  /** Request counter labelled `namespace`, `service` and a status-code label. */
  requestsTotal: string;
  /** Label carrying the HTTP status code on `requestsTotal` (prometheus client_golang uses `code`). */
  statusCodeLabel: string;
  /**
   * Gateway response counter from prometheus-nginxlog-exporter (namespace `nginx`), with the
   * access-log field `$upstream_cache_status` relabelled into `cacheStatusLabel`.
   */
  cacheResponsesTotal: string;
  cacheStatusLabel: string;
  /** postgres_exporter: connections per state/datname. */
  dbConnections: string;
  /** postgres_exporter: the server's max_connections setting. */
  dbMaxConnections: string;
}

export { ALERT_NAMES, type AlertName } from "../alert-names";

export interface AlertRulesInput {
  /** Partial overrides of `DEFAULT_THRESHOLDS`. */
  thresholds?: Partial<AlertThresholds>;
  /** Partial overrides of `DEFAULT_FOR` (per alert `for` duration). */
  for?: Partial<Record<AlertName, string>>;
  /** Partial overrides of `DEFAULT_METRICS`. */
  metrics?: Partial<AlertMetrics>;
  /** Range used in rate()/increase(); default "5m". Must be >= 2 scrape intervals. */
  rateWindow?: string;
  /** Prefix of group names; default "platform". */
  groupPrefix?: string;
}
