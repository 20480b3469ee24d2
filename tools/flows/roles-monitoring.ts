import type { PlanResource } from "../../policies/lib/offline";
import { podEndpoint, type PlanView, type RegionView } from "./endpoints";
import type { FlowRequirement } from "./required";
import { ROLES, type Side } from "./roles";

/**
 * The monitoring namespace's pods (components/observability/monitoring-network.ts), resolved only
 * where the plan installs kube-prometheus-stack. Labels and ports are the chart's at
 * kube-prometheus-stack-79.9.0 (read 2026-12-07); all of them run on the system nodes (values.ts).
 */
const release = (rv: RegionView): PlanResource | undefined =>
  rv.k8s.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === "kube-prometheus-stack");

function pod(rv: RegionView, name: string, labels: Record<string, string>, port?: number): Side[] {
  const r = release(rv);
  if (!r) return [];
  const ep = podEndpoint(rv, `${rv.region} ${name}`, String(r.inputs.namespace), labels, true, r.urn);
  return [{ endpoint: ep, ...(port === undefined ? {} : { port }) }];
}

const prometheus = (v: PlanView, rv: RegionView) => (release(rv) ? ROLES.prometheus(v, rv) : []);
const hasIdentity = (v: PlanView, rv: RegionView, sa: string) =>
  v.of("aws:eks/podIdentityAssociation:PodIdentityAssociation", rv.region).some((a) => a.inputs.serviceAccount === sa);

export const MONITORING_ROLES: Record<string, (view: PlanView, rv: RegionView) => Side[]> = {
  "monitoring-pods": (v, rv) => [
    ...prometheus(v, rv),
    ...pod(rv, "Alertmanager", { "app.kubernetes.io/name": "alertmanager" }),
    ...pod(rv, "prometheus-operator", { app: "kube-prometheus-stack-operator" }),
    ...pod(rv, "kube-state-metrics", { "app.kubernetes.io/name": "kube-state-metrics" }),
    ...pod(rv, "Grafana", { "app.kubernetes.io/name": "grafana" }),
  ],
  "monitoring-https-out": (_v, rv) =>
    release(rv) ? [{ endpoint: { label: "HTTPS: the Kubernetes API, SNS, AMP", cidrs: ["0.0.0.0/0"] } }] : [],
  alertmanager: (_v, rv) => pod(rv, "Alertmanager", { "app.kubernetes.io/name": "alertmanager" }),
  "alertmanager:aws": (v, rv) =>
    hasIdentity(v, rv, "kube-prometheus-stack-alertmanager")
      ? pod(rv, "Alertmanager", { "app.kubernetes.io/name": "alertmanager" })
      : [],
  "prometheus:aws": (v, rv) => (hasIdentity(v, rv, "kube-prometheus-stack-prometheus") ? prometheus(v, rv) : []),
  "alertmanager-reloader": (_v, rv) => pod(rv, "Alertmanager", { "app.kubernetes.io/name": "alertmanager" }, 8080),
  "kube-state-metrics": (_v, rv) => pod(rv, "kube-state-metrics", { "app.kubernetes.io/name": "kube-state-metrics" }),
  "prometheus-operator": (_v, rv) => pod(rv, "prometheus-operator", { app: "kube-prometheus-stack-operator" }),
  grafana: (_v, rv) => pod(rv, "Grafana", { "app.kubernetes.io/name": "grafana" }),
  /** Kubelets and node-exporter (hostNetwork) at node addresses: the system node group and Karpenter's nodes. */
  "node-addresses": (_v, rv) =>
    release(rv)
      ? [
          { endpoint: { label: `${rv.region} system nodes`, vpc: rv.vpc, ...rv.systemNodes } },
          { endpoint: { label: `${rv.region} Karpenter nodes`, vpc: rv.vpc, ...rv.karpenterNodes } },
        ]
      : [],
  /** Prometheus' web port, probed by the kubelet (SNATed by istio-cni while Prometheus is in the ambient mesh). */
  "prometheus-probed": (v, rv) =>
    prometheus(v, rv)
      .filter((s) => s.endpoint.pod?.labels["istio.io/dataplane-mode"] === "ambient")
      .map((s) => ({ ...s, port: 9090 })),
};

/** What kube-prometheus-stack's pods need besides the scrapes ServiceMonitors declare (required.ts prometheus-scrape). */
export const MONITORING_FLOWS: readonly FlowRequirement[] = [
  { id: "monitoring-dns", from: "monitoring-pods", to: "kube-dns", port: 53, protocol: "udp", why: "name resolution" },
  { id: "monitoring-dns-tcp", from: "monitoring-pods", to: "kube-dns", port: 53, why: "DNS answers too large for UDP" },
  {
    id: "monitoring-kubernetes-api",
    from: "monitoring-pods",
    to: "monitoring-https-out",
    port: 443,
    why: "service discovery, the operator's reconciliation, kube-state-metrics' watches, Grafana's sidecars",
  },
  {
    id: "alertmanager-sns",
    from: "alertmanager:aws",
    to: "aws-public-apis",
    port: 443,
    why: "alerts go to the region's SNS topic",
  },
  {
    id: "alertmanager-pod-identity",
    from: "alertmanager:aws",
    to: "pod-identity-agent",
    port: 80,
    why: "sns:Publish credentials",
  },
  { id: "prometheus-pod-identity", from: "prometheus:aws", to: "pod-identity-agent", port: 80, why: "AMP credentials" },
  { id: "prometheus-alertmanager", from: "prometheus", to: "alertmanager", port: 9093, why: "firing alerts" },
  {
    id: "prometheus-alertmanager-reloader",
    from: "prometheus",
    to: "alertmanager-reloader",
    port: "target",
    why: "the chart's Alertmanager ServiceMonitor scrapes reloader-web",
  },
  {
    id: "prometheus-kube-state-metrics",
    from: "prometheus",
    to: "kube-state-metrics",
    port: 8080,
    why: "kube_* series (the pod and node alerts)",
  },
  {
    id: "prometheus-operator-metrics",
    from: "prometheus",
    to: "prometheus-operator",
    port: 10250,
    why: "the chart's operator ServiceMonitor (https)",
  },
  {
    id: "prometheus-grafana",
    from: "prometheus",
    to: "grafana",
    port: 3000,
    why: "the chart's Grafana ServiceMonitor",
  },
  {
    id: "apiserver-prometheus-operator-webhook",
    from: "kube-apiserver",
    to: "prometheus-operator",
    port: 10250,
    why: "the operator's admission webhook validates PrometheusRules",
  },
  { id: "prometheus-kubelets", from: "prometheus", to: "node-addresses", port: 10250, why: "kubelet and cAdvisor" },
  { id: "prometheus-node-exporter", from: "prometheus", to: "node-addresses", port: 9100, why: "node series" },
  {
    id: "prometheus-coredns",
    from: "prometheus",
    to: "kube-dns",
    port: 9153,
    why: "the chart's CoreDNS ServiceMonitor",
  },
  { id: "grafana-prometheus", from: "grafana", to: "prometheus", port: 9090, why: "Grafana's Prometheus datasource" },
  {
    id: "grafana-alertmanager",
    from: "grafana",
    to: "alertmanager",
    port: 9093,
    why: "the chart's Alertmanager datasource",
  },
  {
    id: "prometheus-kubelet-probes",
    from: "kubelet-probes",
    to: "prometheus-probed",
    port: "target",
    why: "Prometheus' readiness and liveness probes, SNATed by istio-cni",
  },
];
