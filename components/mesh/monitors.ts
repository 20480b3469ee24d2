/**
 * Scrape configuration for the mesh: istiod (ServiceMonitor), ztunnel and the waypoint
 * (PodMonitors). They live in the monitoring namespace, select their targets by namespace name
 * and carry the label kube-prometheus-stack's Prometheus selects (`release: <release>`).
 */
import { NAMESPACES, PROMETHEUS_RELEASE } from "../k8s-names";
import { ISTIO_NAMESPACE, WAYPOINT_NAME, WAYPOINT_POD_LABEL } from "./values";
import type { Manifest } from "./manifests";

const metadata = (name: string) => ({
  name,
  namespace: NAMESPACES.monitoring,
  labels: {
    release: PROMETHEUS_RELEASE,
    "app.kubernetes.io/part-of": "platform",
    "app.kubernetes.io/component": "mesh",
  },
});

/** Pod, namespace and workload labels Prometheus keeps on every mesh target. */
const relabelings = [
  { sourceLabels: ["__meta_kubernetes_namespace"], targetLabel: "namespace", action: "replace" },
  { sourceLabels: ["__meta_kubernetes_pod_name"], targetLabel: "pod", action: "replace" },
];

/**
 * - istiod: Service `istiod` port `http-monitoring` (15014), labels from the istiod chart's
 *   service.yaml at 1.30.3 (`app: istiod`).
 * - ztunnel: pods `app: ztunnel`, container port `ztunnel-stats` (15020), path /stats/prometheus
 *   (ztunnel daemonset.yaml); L4 metrics (istio_tcp_*).
 * - waypoint: pods `gateway.networking.k8s.io/gateway-name: waypoint` in the apps namespace,
 *   port `http-envoy-prom` (15090, files/waypoint.yaml); L7 metrics (istio_requests_total,
 *   istio_request_duration_milliseconds) with reporter="waypoint".
 */
export function meshMonitors(appsNamespace: string = NAMESPACES.apps): Manifest[] {
  return [
    {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "ServiceMonitor",
      metadata: metadata("istiod"),
      spec: {
        namespaceSelector: { matchNames: [ISTIO_NAMESPACE] },
        selector: { matchLabels: { app: "istiod" } },
        endpoints: [{ port: "http-monitoring", path: "/metrics", scheme: "http", relabelings }],
      },
    },
    {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PodMonitor",
      metadata: metadata("ztunnel"),
      spec: {
        namespaceSelector: { matchNames: [ISTIO_NAMESPACE] },
        selector: { matchLabels: { app: "ztunnel" } },
        podMetricsEndpoints: [{ port: "ztunnel-stats", path: "/stats/prometheus", scheme: "http", relabelings }],
      },
    },
    {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PodMonitor",
      metadata: metadata(WAYPOINT_NAME),
      spec: {
        namespaceSelector: { matchNames: [appsNamespace] },
        selector: { matchLabels: { [WAYPOINT_POD_LABEL]: WAYPOINT_NAME } },
        podMetricsEndpoints: [{ port: "http-envoy-prom", path: "/stats/prometheus", scheme: "http", relabelings }],
      },
    },
  ];
}
