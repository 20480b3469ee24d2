/**
 * Service level objectives of seed 003 as Prometheus rules: SLI recording rules over the mesh's
 * waypoint telemetry (components/mesh/telemetry.ts) and multi-window, multi-burn-rate alerts
 * (Google SRE workbook, "Alerting on SLOs", table 5-8 / section 6:
 * https://sre.google/workbook/alerting-on-slos/, read 2026-12-02).
 *
 * Objectives (seed 003 "Performance Targets"):
 * - availability 99.99 %: a request is bad when the waypoint reports a 5xx. Its budget (0.01 %)
 *   is stricter than seed 003's "error rate < 0.1 %", so meeting it meets both; the 0.1 % figure
 *   is what the load tests' thresholds check (components/loadtest).
 * - latency "P95 < 100 ms": at least 95 % of requests finish within 100 ms, i.e. the share of
 *   requests above Istio's 100 ms bucket boundary (`le="100"`, "100.0" once Prometheus 3 stores it; a default bucket of
 *   istio_request_duration_milliseconds) is the bad ratio, budget 5 %.
 *
 * Burn-rate pairs (long window AND short window, both above factor x budget):
 *   page:   14.4x over 1h and 5m (2 % of a 30-day budget in 1h), 6x over 6h and 30m (5 % in 6h)
 *   ticket: 3x over 1d and 2h (10 % in 1d), 1x over 3d and 6h (10 % in 3d)
 */
import { MESH_METRICS } from "../mesh/telemetry";
import { promNumber } from "./rules-catalog";
import type { AlertingRule, PrometheusRuleGroup, Severity } from "./rules-types";

/** Labels each SLI is aggregated by: one series per mesh service. */
export const SLI_BY = "destination_service_namespace, destination_service_name";

export interface Slo {
  /** Short name used in recording rule and alert names. */
  name: "availability" | "latency";
  /** Alert name stem (SLOAvailability... / SLOLatency...). */
  alertStem: string;
  /** Objective as a fraction, e.g. 0.9999. */
  objective: number;
  /** Human statement of the objective (annotations). */
  statement: string;
}

export const SEED_003_SLOS: readonly Slo[] = Object.freeze([
  {
    name: "availability",
    alertStem: "SLOAvailability",
    objective: 0.9999,
    statement: "99.99 % of requests answered without a 5xx (seed 003 availability 99.99 %)",
  },
  {
    name: "latency",
    alertStem: "SLOLatency",
    objective: 0.95,
    statement: "95 % of requests within 100 ms (seed 003 P95 < 100 ms)",
  },
]);

/**
 * Upper bound of the "fast enough" latency bucket, milliseconds: one of Envoy's default histogram
 * buckets, which the waypoint's istio_request_duration_milliseconds uses at Istio 1.30.3 (no
 * histogram_bucket_settings unless a sidecar.istio.io/statsHistogramBuckets annotation asks;
 * ENVOY_DEFAULT_BUCKETS_MS in components/mesh/telemetry.ts).
 */
export const LATENCY_SLO_BUCKET_MS = 100;

/**
 * The `le` matcher for that bucket. Prometheus 3 (kube-prometheus-stack 79.9.0 runs v3.7.3)
 * normalises classic-histogram `le` values on ingestion, so Envoy's `le="100"` is stored as
 * `le="100.0"` (prometheus.io/docs/prometheus/latest/migration, "le and quantile label values";
 * model/textparse normalizeFloatsInLabelValues). An exact `le="100"` then selects nothing and the
 * latency SLI is empty; this matches both forms.
 */
export function latencyBucketMatcher(bucketMs: number = LATENCY_SLO_BUCKET_MS): string {
  return `le=~"${bucketMs}(\\\\.0)?"`;
}

export interface BurnWindow {
  long: string;
  short: string;
  factor: number;
  severity: Severity;
  /** page or ticket (the workbook's distinction), as label `slo_action`. */
  action: "page" | "ticket";
  /** Alert suffix. */
  speed: "FastBurn" | "SlowBurn";
  for: string;
}

/** Workbook table: the two page pairs form the fast-burn alert, the two ticket pairs the slow one. */
export const BURN_WINDOWS: readonly BurnWindow[] = Object.freeze([
  { long: "1h", short: "5m", factor: 14.4, severity: "critical", action: "page", speed: "FastBurn", for: "2m" },
  { long: "6h", short: "30m", factor: 6, severity: "critical", action: "page", speed: "FastBurn", for: "2m" },
  { long: "1d", short: "2h", factor: 3, severity: "warning", action: "ticket", speed: "SlowBurn", for: "15m" },
  { long: "3d", short: "6h", factor: 1, severity: "warning", action: "ticket", speed: "SlowBurn", for: "15m" },
]);

/** Every window a recording rule is needed for, in order. */
export const SLI_WINDOWS: readonly string[] = [...new Set(BURN_WINDOWS.flatMap((b) => [b.short, b.long]))].sort(
  (a, b) => windowSeconds(a) - windowSeconds(b),
);

export function windowSeconds(w: string): number {
  const m = /^(\d+)(s|m|h|d)$/.exec(w);
  if (!m) throw new Error(`SLO window: got ${JSON.stringify(w)}; expected <n>s|m|h|d`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "s" | "m" | "h" | "d"];
}

/** Recorded series name of an SLO's bad-request ratio over a window. */
export function sliRecord(slo: Slo["name"], window: string): string {
  return `slo:sli_error:ratio_rate${window}:${slo}`;
}

function badRatioExpr(slo: Slo["name"], w: string): string {
  const waypoint = 'reporter="waypoint"';
  if (slo === "availability") {
    const r = MESH_METRICS.requests.name;
    return (
      `sum by (${SLI_BY}) (rate(${r}{${waypoint},response_code=~"5.."}[${w}]))` +
      ` / sum by (${SLI_BY}) (rate(${r}{${waypoint}}[${w}]))`
    );
  }
  const h = MESH_METRICS.requestDuration.name;
  return (
    `1 - sum by (${SLI_BY}) (rate(${h}_bucket{${waypoint},${latencyBucketMatcher()}}[${w}]))` +
    ` / sum by (${SLI_BY}) (rate(${h}_count{${waypoint}}[${w}]))`
  );
}

export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

export interface SloAlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: Severity } & Record<string, string>;
  annotations: { summary: string; description: string; runbook: string };
}

/** Name of an SLO burn alert, e.g. SLOAvailabilityFastBurn. */
export function sloAlertName(slo: Slo, speed: BurnWindow["speed"]): string {
  return `${slo.alertStem}${speed}`;
}

export const SLO_ALERT_NAMES: readonly string[] = SEED_003_SLOS.flatMap((s) =>
  (["FastBurn", "SlowBurn"] as const).map((speed) => sloAlertName(s, speed)),
);

/** Recording and alert groups for the SLOs; `prefix` names the groups like the alert groups. */
export function renderSloRules(prefix = "platform", slos: readonly Slo[] = SEED_003_SLOS): PrometheusRuleGroup[] {
  const recording: RecordingRule[] = slos.flatMap((slo) =>
    SLI_WINDOWS.map((w) => ({ record: sliRecord(slo.name, w), expr: badRatioExpr(slo.name, w) })),
  );
  const alerts: SloAlertRule[] = slos.flatMap((slo) =>
    (["FastBurn", "SlowBurn"] as const).map((speed) => {
      const pairs = BURN_WINDOWS.filter((b) => b.speed === speed);
      const budget = 1 - slo.objective;
      const expr = pairs
        .map((b) => {
          const limit = promNumber(b.factor * budget);
          return `(${sliRecord(slo.name, b.long)} > ${limit} and ${sliRecord(slo.name, b.short)} > ${limit})`;
        })
        .join(" or ");
      const first = pairs[0];
      const windows = pairs.map((b) => `${b.factor}x over ${b.long} and ${b.short}`).join("; ");
      return {
        alert: sloAlertName(slo, speed),
        expr,
        for: first.for,
        labels: { severity: first.severity, slo: slo.name, slo_action: first.action },
        annotations: {
          summary:
            "{{ $labels.destination_service_namespace }}/{{ $labels.destination_service_name }} burns its " +
            `${slo.name} error budget (${speed === "FastBurn" ? "page" : "ticket"})`,
          description: `Objective: ${slo.statement}. Burn-rate windows: ${windows}. Bad ratio now {{ $value | humanizePercentage }}.`,
          runbook:
            speed === "FastBurn"
              ? "The budget runs out within days at this rate: check recent deploys (roll back), chaos runs (abort them), " +
                "HPAMaxedOut/KEDA, and the waypoint's istio_requests_total by response_code and response_flags."
              : "A slow, steady burn: file a ticket; look at the SLI series slo:sli_error:ratio_rate1d:* per service and the trend since the last release.",
        },
      };
    }),
  );
  return [
    { name: `${prefix}.slo-sli`, rules: recording as unknown as AlertingRule[] },
    { name: `${prefix}.slo-burn`, rules: alerts as AlertingRule[] },
  ];
}
