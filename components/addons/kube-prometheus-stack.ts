import { NAMESPACES, PROMETHEUS_RELEASE } from "../k8s-names";
import type { HelmAddon } from "./addon";

const MONITORING = "monitoring.coreos.com";
const v1 = (kind: string) => ({ group: MONITORING, kind, versions: ["v1"] });
const v1alpha1 = (kind: string) => ({ group: MONITORING, kind, versions: ["v1alpha1"] });

/** kube-prometheus-stack: Prometheus Operator, Prometheus, Alertmanager, Grafana (components/observability). */
export const KUBE_PROMETHEUS_STACK: HelmAddon = {
  id: "kube-prometheus-stack",
  chart: "kubePrometheusStack",
  releaseName: PROMETHEUS_RELEASE,
  namespace: NAMESPACES.monitoring,
  // Prometheus with a fresh gp3 volume can take minutes to become ready.
  release: { timeout: 900, maxHistory: 5 },
  provides: {
    crds: [
      v1("Alertmanager"),
      v1("PodMonitor"),
      v1("Probe"),
      v1("Prometheus"),
      v1("PrometheusRule"),
      v1("ServiceMonitor"),
      v1("ThanosRuler"),
      v1alpha1("AlertmanagerConfig"),
      v1alpha1("PrometheusAgent"),
      v1alpha1("ScrapeConfig"),
    ],
    webhooks: [
      {
        configuration: "kube-prometheus-stack-admission",
        type: "mutating",
        admits: [{ group: MONITORING, kinds: ["PrometheusRule"] }],
      },
      {
        configuration: "kube-prometheus-stack-admission",
        type: "validating",
        admits: [{ group: MONITORING, kinds: ["PrometheusRule", "AlertmanagerConfig"] }],
      },
    ],
    source:
      "prometheus-community/helm-charts kube-prometheus-stack-79.9.0 (994482f): charts/kube-prometheus-stack/charts/crds/crds, templates/prometheus-operator/admission-webhooks; read 2026-12-07",
  },
};
