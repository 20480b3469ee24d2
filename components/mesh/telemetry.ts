/**
 * The mesh metrics the platform guarantees are scraped when `platform:mesh.enabled` is true, with
 * the labels alerts and KEDA triggers may rely on. Istio's standard metrics
 * (istio.io/latest/docs/reference/config/metrics/): the waypoint reports the L7 ones
 * (`reporter="waypoint"`, as istio/istio 1.30.3 tests/integration/ambient/baseline_test.go queries
 * them), ztunnel the L4 ones. Nothing here depends on what app images export.
 */
import { NAMESPACES } from "../k8s-names";

/** Labels on every L7 metric below (Istio standard metric labels, waypoint reporter). */
export const MESH_REQUEST_LABELS = [
  "reporter",
  "source_workload",
  "source_workload_namespace",
  "source_principal",
  "destination_workload",
  "destination_workload_namespace",
  "destination_service_name",
  "destination_service_namespace",
  "request_protocol",
  "response_code",
  "response_flags",
  "connection_security_policy",
] as const;

export type MeshRequestLabel = (typeof MESH_REQUEST_LABELS)[number];

export interface MeshMetric {
  readonly name: string;
  readonly type: "counter" | "histogram";
  /** Which proxy exports it, and therefore which monitor scrapes it. */
  readonly exporter: "waypoint" | "ztunnel";
  readonly labels: readonly string[];
}

/** The metric names this module guarantees (histograms as their base name: _bucket/_sum/_count). */
export const MESH_METRICS = {
  requests: {
    name: "istio_requests_total",
    type: "counter",
    exporter: "waypoint",
    labels: MESH_REQUEST_LABELS,
  },
  requestDuration: {
    name: "istio_request_duration_milliseconds",
    type: "histogram",
    exporter: "waypoint",
    labels: MESH_REQUEST_LABELS,
  },
  tcpOpened: {
    name: "istio_tcp_connections_opened_total",
    type: "counter",
    exporter: "ztunnel",
    labels: ["reporter", "source_workload", "destination_workload", "destination_service_name"],
  },
  tcpClosed: {
    name: "istio_tcp_connections_closed_total",
    type: "counter",
    exporter: "ztunnel",
    labels: ["reporter", "source_workload", "destination_workload", "destination_service_name"],
  },
} as const satisfies Record<string, MeshMetric>;

/**
 * Bucket bounds (ms) of istio_request_duration_milliseconds: Envoy's defaults
 * (source/common/stats/histogram_impl.cc HistogramSettingsImpl::defaultBuckets), which Istio
 * 1.30.3 keeps unless a pod sets sidecar.istio.io/statsHistogramBuckets
 * (tools/packaging/common/envoy_bootstrap.json emits histogram_bucket_settings only then).
 */
export const ENVOY_DEFAULT_BUCKETS_MS: readonly number[] = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
];
/** The annotation that would replace those buckets (Istio pkg/bootstrap/config.go). */
export const HISTOGRAM_BUCKETS_ANNOTATION = "sidecar.istio.io/statsHistogramBuckets";

/** Selector for one app service's inbound requests as the waypoint sees them. */
export function serviceSelector(service: string, namespace: string = NAMESPACES.apps): string {
  return `reporter="waypoint",destination_service_namespace="${namespace}",destination_service_name="${service}"`;
}

/** Requests per second into a service over `window` (e.g. "2m"): the KEDA / HPA request-rate query. */
export function requestRateQuery(service: string, window = "2m", namespace?: string): string {
  return `sum(rate(${MESH_METRICS.requests.name}{${serviceSelector(service, namespace)}}[${window}]))`;
}

/** Share of requests answered 5xx (0..1) over `window`. */
export function errorRatioQuery(service: string, window = "5m", namespace?: string): string {
  const sel = serviceSelector(service, namespace);
  const name = MESH_METRICS.requests.name;
  return `sum(rate(${name}{${sel},response_code=~"5.."}[${window}])) / sum(rate(${name}{${sel}}[${window}]))`;
}

/** p-quantile latency in milliseconds (quantile 0.95 = p95) over `window`. */
export function latencyQuantileQuery(service: string, quantile = 0.95, window = "5m", namespace?: string): string {
  const bucket = `${MESH_METRICS.requestDuration.name}_bucket`;
  return `histogram_quantile(${quantile}, sum by (le) (rate(${bucket}{${serviceSelector(service, namespace)}}[${window}])))`;
}
