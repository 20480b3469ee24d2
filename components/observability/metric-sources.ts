/**
 * Where every metric a platform rule (or KEDA Prometheus trigger) reads comes from. A rule on a
 * metric nothing exports never fires, and a KEDA trigger on one reads an empty result as 0 and
 * stays at its minimum: both are defects. test/observability/metric-sources.spec.ts parses every
 * rule expression and checks each metric name is here, and that the plan deploys its source.
 */
import { PROMETHEUS_PLUGIN } from "../jenkins/metrics";
import { MESH_METRICS } from "../mesh/telemetry";

/** Deployed components that export metrics Prometheus scrapes (or receives by remote write). */
export type MetricSource =
  | "mesh-waypoint"
  | "mesh-ztunnel"
  | "kube-state-metrics"
  | "node-exporter"
  | "kubelet-cadvisor"
  | "keda-operator"
  | "karpenter"
  | "prometheus"
  | "alertmanager"
  | "k6"
  | "nginx-gateway-exporter"
  | "jenkins-prometheus-plugin";

/** How each source reaches Prometheus: which object in the plan deploys and scrapes it. */
export const SOURCE_DEPLOYMENT: Readonly<Record<MetricSource, string>> = Object.freeze({
  "mesh-waypoint": "Istio waypoint Gateway in the apps namespace + PodMonitor `waypoint` (components/mesh)",
  "mesh-ztunnel": "ztunnel chart + PodMonitor `ztunnel` (components/mesh)",
  "kube-state-metrics":
    "kube-prometheus-stack subchart kube-state-metrics (enabled by default, not disabled in values)",
  "node-exporter": "kube-prometheus-stack subchart prometheus-node-exporter",
  "kubelet-cadvisor": "kube-prometheus-stack kubelet ServiceMonitor (cAdvisor endpoint, kubelet.enabled default)",
  "keda-operator": "KEDA chart + ServiceMonitor `keda-operator` (components/observability/monitors.ts)",
  karpenter: "Karpenter chart + ServiceMonitor `karpenter`",
  prometheus: "kube-prometheus-stack Prometheus (self-scrape)",
  alertmanager: "kube-prometheus-stack Alertmanager",
  k6: "k6 TestRuns (k6-operator) writing to the Prometheus remote-write receiver (components/loadtest)",
  "nginx-gateway-exporter":
    "nginx-prometheus-exporter sidecar of every gateway pod + ServiceMonitor `nginx-gateway-exporter` (components/observability/monitors.ts)",
  "jenkins-prometheus-plugin":
    "Jenkins controller's prometheus plugin (chart additionalPlugins) + the chart's ServiceMonitor (controller.prometheus.enabled)",
});

/** Histogram base names expand to their _bucket, _count and _sum series. */
function histogram(name: string): string[] {
  return [`${name}_bucket`, `${name}_count`, `${name}_sum`];
}

/**
 * Metric name -> source. Names are those the exporters' pinned versions publish:
 * kube-state-metrics docs/metrics (kube_pod_container_resource_limits, kube_node_status_condition,
 * kube_horizontalpodautoscaler_*), node_exporter (node_cpu_seconds_total, node_memory_*_bytes),
 * cAdvisor (container_cpu_usage_seconds_total), KEDA >= 2.15 (keda_scaler_detail_errors_total),
 * Karpenter v1 (karpenter_cloudprovider_errors_total), Istio standard metrics (MESH_METRICS),
 * k6 experimental-prometheus-rw (k6_http_reqs_total, k6_http_req_failed_rate, k6_http_req_duration_*),
 * nginx-prometheus-exporter 1.4.2 stub_status (components/chaos/hypotheses.ts), Jenkins' prometheus
 * plugin executor gauges (PROMETHEUS_PLUGIN, components/jenkins/metrics.ts).
 */
export const METRIC_CATALOG: Readonly<Record<string, MetricSource>> = Object.freeze({
  [MESH_METRICS.requests.name]: "mesh-waypoint",
  ...Object.fromEntries(histogram(MESH_METRICS.requestDuration.name).map((n) => [n, "mesh-waypoint"])),
  [MESH_METRICS.tcpOpened.name]: "mesh-ztunnel",
  [MESH_METRICS.tcpClosed.name]: "mesh-ztunnel",
  kube_pod_container_resource_limits: "kube-state-metrics",
  kube_pod_container_resource_requests: "kube-state-metrics",
  kube_node_status_condition: "kube-state-metrics",
  kube_horizontalpodautoscaler_status_current_replicas: "kube-state-metrics",
  kube_horizontalpodautoscaler_spec_max_replicas: "kube-state-metrics",
  node_cpu_seconds_total: "node-exporter",
  node_memory_MemAvailable_bytes: "node-exporter",
  node_memory_MemTotal_bytes: "node-exporter",
  container_cpu_usage_seconds_total: "kubelet-cadvisor",
  keda_scaler_detail_errors_total: "keda-operator",
  karpenter_cloudprovider_errors_total: "karpenter",
  ALERTS: "prometheus",
  // Prometheus writes `up` per target; the KEDA triggers read the waypoint PodMonitor's (job monitoring/waypoint).
  up: "mesh-waypoint",
  k6_http_reqs_total: "k6",
  k6_http_req_failed_rate: "k6",
  k6_http_req_duration_p95: "k6",
  nginx_http_requests_total: "nginx-gateway-exporter",
  nginx_connections_accepted: "nginx-gateway-exporter",
  nginx_connections_handled: "nginx-gateway-exporter",
  [PROMETHEUS_PLUGIN.executorsAvailable]: "jenkins-prometheus-plugin",
  [PROMETHEUS_PLUGIN.executorsOnline]: "jenkins-prometheus-plugin",
  [PROMETHEUS_PLUGIN.queueLength]: "jenkins-prometheus-plugin",
} satisfies Record<string, MetricSource>);
