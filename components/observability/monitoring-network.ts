/**
 * NetworkPolicies of the monitoring namespace: default deny both ways, then what the
 * kube-prometheus-stack 79.9.0 pods need. Labels and ports, kube-prometheus-stack-79.9.0 (read
 * 2026-12-07): Prometheus app.kubernetes.io/name=prometheus, web 9090; Alertmanager
 * app.kubernetes.io/name=alertmanager, web 9093 and config-reloader 8080; the operator
 * app=kube-prometheus-stack-operator, serving metrics and the admission webhook on
 * prometheusOperator.tls.internalPort 10250 (templates/prometheus-operator/networkpolicy.yaml, the
 * chart's own opt-in policy, admits exactly that port); kube-state-metrics
 * app.kubernetes.io/name=kube-state-metrics on 8080; Grafana app.kubernetes.io/name=grafana on 3000
 * (port-forward only: nothing but Prometheus' scrape comes in). node-exporter runs with hostNetwork
 * (prometheus-node-exporter values hostNetwork: true), where no NetworkPolicy applies: Prometheus
 * reaches it, like the kubelets, at node addresses in the VPC range. Probes of non-meshed pods come
 * from the node's IP, which the VPC CNI's policy agent always admits (aws/aws-network-policy-agent
 * pull 65); Prometheus, in the ambient mesh, gets its probes SNATed from 169.254.7.127.
 */
import { NAMESPACES } from "../k8s-names";
import { KUBE_DNS_EGRESS, POD_IDENTITY_EGRESS, namespaceSelector, networkPolicy } from "../network-policy";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Manifest = Record<string, any>;
type Labels = Record<string, string>;

export const MONITORING_POD_LABELS = {
  prometheus: { "app.kubernetes.io/name": "prometheus" },
  alertmanager: { "app.kubernetes.io/name": "alertmanager" },
  operator: { app: "kube-prometheus-stack-operator" },
  kubeStateMetrics: { "app.kubernetes.io/name": "kube-state-metrics" },
  grafana: { "app.kubernetes.io/name": "grafana" },
} as const;

export const MONITORING_PORTS = {
  prometheus: 9090,
  alertmanager: 9093,
  reloader: 8080,
  operator: 10250,
  kubeStateMetrics: 8080,
  grafana: 3000,
  kubelet: 10250,
  nodeExporter: 9100,
  coredns: 9153,
  hbone: 15008,
  waypointStats: 15090,
  istiod: 15014,
  ztunnel: 15020,
  chartMetrics: 8080,
} as const;

export interface MonitoringNetworkArgs {
  /** Node addresses (kubelets, node-exporter) and the control plane's ENIs (the operator's webhook). */
  vpcCidr: string;
  /** Prometheus is in the ambient mesh: it scrapes apps as HBONE, takes SNATed probes, istio-system is scraped. */
  meshMember: boolean;
  /** Without the mesh, the apps' scraped container ports. */
  appScrapePorts: readonly number[];
  /** Prometheus scrapes KEDA's operator. */
  scrapeKeda: boolean;
  /** Namespace of the Jenkins controller Prometheus scrapes (jenkins chart 5.9.53: component jenkins-controller, 8080). */
  scrapeJenkins?: string;
  /** Prometheus writes to AMP with a Pod Identity role. */
  prometheusIdentity: boolean;
}

const tcp = (port: number) => ({ protocol: "TCP", port });
const pods = (ns: string, labels: Labels) => ({
  namespaceSelector: namespaceSelector(ns),
  podSelector: { matchLabels: { ...labels } },
});
const own = (labels: Labels) => ({ podSelector: { matchLabels: { ...labels } } });
const policy = (name: string, podSelector: Manifest, spec: Manifest): Manifest =>
  networkPolicy(name, NAMESPACES.monitoring, { podSelector, ...spec });
const KUBELET_PROBE_SNAT = "169.254.7.127/32";

export function monitoringNetworkPolicies(a: MonitoringNetworkArgs): Manifest[] {
  const P = MONITORING_PORTS;
  const queryClients = [
    pods(NAMESPACES.keda, { "app.kubernetes.io/name": "keda-operator" }),
    pods(NAMESPACES.chaos, { "app.kubernetes.io/component": "controller-manager" }),
    pods("loadtest", { app: "k6", runner: "true" }),
    own(MONITORING_POD_LABELS.grafana),
  ];
  return [
    policy("default-deny", {}, { policyTypes: ["Ingress", "Egress"] }),
    // Every pod watches the API (service discovery, the operator, sidecars) and resolves names;
    // Alertmanager publishes to SNS and Prometheus writes to AMP over 443 through NAT.
    policy(
      "monitoring-egress",
      {},
      {
        policyTypes: ["Egress"],
        egress: [KUBE_DNS_EGRESS, { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [tcp(443)] }],
      },
    ),
    policy(
      "prometheus",
      { matchLabels: { ...MONITORING_POD_LABELS.prometheus } },
      {
        policyTypes: ["Ingress", "Egress"],
        ingress: [
          // KEDA's triggers, the chaos abort check, k6 remote writes, Grafana's datasource.
          { from: queryClients, ports: [tcp(P.prometheus), ...(a.meshMember ? [tcp(P.hbone)] : [])] },
          ...(a.meshMember ? [{ from: [{ ipBlock: { cidr: KUBELET_PROBE_SNAT } }], ports: [tcp(P.prometheus)] }] : []),
        ],
        egress: [
          {
            to: [{ namespaceSelector: namespaceSelector(NAMESPACES.apps) }],
            ports: (a.meshMember ? [P.hbone, P.waypointStats] : a.appScrapePorts).map(tcp),
          },
          ...(a.scrapeKeda
            ? [
                {
                  to: [pods(NAMESPACES.keda, { "app.kubernetes.io/name": "keda-operator" })],
                  ports: [tcp(P.chartMetrics)],
                },
              ]
            : []),
          ...(a.scrapeJenkins
            ? [
                {
                  to: [pods(a.scrapeJenkins, { "app.kubernetes.io/component": "jenkins-controller" })],
                  ports: [tcp(P.chartMetrics)],
                },
              ]
            : []),
          { to: [pods("kube-system", { "app.kubernetes.io/name": "karpenter" })], ports: [tcp(P.chartMetrics)] },
          { to: [pods("kube-system", { "k8s-app": "kube-dns" })], ports: [tcp(P.coredns)] },
          ...(a.meshMember
            ? [
                { to: [pods("istio-system", { app: "istiod" })], ports: [tcp(P.istiod)] },
                { to: [pods("istio-system", { app: "ztunnel" })], ports: [tcp(P.ztunnel)] },
              ]
            : []),
          { to: [own(MONITORING_POD_LABELS.alertmanager)], ports: [tcp(P.alertmanager), tcp(P.reloader)] },
          { to: [own(MONITORING_POD_LABELS.kubeStateMetrics)], ports: [tcp(P.kubeStateMetrics)] },
          { to: [own(MONITORING_POD_LABELS.grafana)], ports: [tcp(P.grafana)] },
          // Kubelets and node-exporter at node addresses; the operator's 10250 is in the same range.
          { to: [{ ipBlock: { cidr: a.vpcCidr } }], ports: [tcp(P.kubelet), tcp(P.nodeExporter)] },
          ...(a.prometheusIdentity ? [POD_IDENTITY_EGRESS] : []),
        ],
      },
    ),
    policy(
      "alertmanager",
      { matchLabels: { ...MONITORING_POD_LABELS.alertmanager } },
      {
        policyTypes: ["Ingress", "Egress"],
        ingress: [
          { from: [own(MONITORING_POD_LABELS.prometheus)], ports: [tcp(P.alertmanager), tcp(P.reloader)] },
          { from: [own(MONITORING_POD_LABELS.grafana)], ports: [tcp(P.alertmanager)] },
        ],
        egress: [POD_IDENTITY_EGRESS],
      },
    ),
    // The webhook's callers are the control plane's ENIs; the range also holds Prometheus' scrape.
    policy(
      "prometheus-operator",
      { matchLabels: { ...MONITORING_POD_LABELS.operator } },
      { policyTypes: ["Ingress"], ingress: [{ from: [{ ipBlock: { cidr: a.vpcCidr } }], ports: [tcp(P.operator)] }] },
    ),
    policy(
      "kube-state-metrics",
      { matchLabels: { ...MONITORING_POD_LABELS.kubeStateMetrics } },
      {
        policyTypes: ["Ingress"],
        ingress: [{ from: [own(MONITORING_POD_LABELS.prometheus)], ports: [tcp(P.kubeStateMetrics)] }],
      },
    ),
    policy(
      "grafana",
      { matchLabels: { ...MONITORING_POD_LABELS.grafana } },
      {
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: [own(MONITORING_POD_LABELS.prometheus)], ports: [tcp(P.grafana)] }],
        egress: [
          { to: [own(MONITORING_POD_LABELS.prometheus)], ports: [tcp(P.prometheus)] },
          { to: [own(MONITORING_POD_LABELS.alertmanager)], ports: [tcp(P.alertmanager)] },
        ],
      },
    ),
  ];
}
