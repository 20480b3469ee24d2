import type { PlanResource } from "../../policies/lib/offline";
import { podEndpoint, type PlanView, type RegionView } from "./endpoints";
import type { FlowRequirement } from "./required";
import type { Side } from "./roles";

/**
 * KEDA's three pods (components/addons/keda.ts), resolved only where the plan installs the keda
 * chart. Labels and ports are the chart's at kedacore/charts v2.20.2 (keda/templates/*\/deployment.yaml,
 * keda/values.yaml): each of them is what a rule of the keda namespace's NetworkPolicies is for.
 * All three run on the system nodes (the chart values' nodeSelector).
 */
type Labels = Record<string, string>;
const release = (rv: RegionView): PlanResource | undefined =>
  rv.k8s.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === "keda");
/** EKS Pod Identity agent, link-local on every node (EKS User Guide, pod-id-agent-setup.html, read 2026-12-07). */
const POD_IDENTITY_AGENT = "169.254.170.23/32";
/** The operator's ServiceAccount (components/addons/keda.ts KEDA_OPERATOR_SA). */
const OPERATOR_SA = "keda-operator";

function pod(rv: RegionView, name: string, port?: number): Side[] {
  const r = release(rv);
  if (!r) return [];
  const labels: Labels = { "app.kubernetes.io/name": name };
  const ep = podEndpoint(rv, `${rv.region} ${name}`, String(r.inputs.namespace), labels, true, r.urn);
  return [{ endpoint: ep, ...(port === undefined ? {} : { port }) }];
}

/** The operator has an AWS role when the plan associates one with its ServiceAccount. */
function hasIdentity(view: PlanView, rv: RegionView): boolean {
  const r = release(rv);
  return (
    !!r &&
    view
      .of("aws:eks/podIdentityAssociation:PodIdentityAssociation", rv.region)
      .some((a) => a.inputs.serviceAccount === OPERATOR_SA && a.inputs.namespace === r.inputs.namespace)
  );
}

/**
 * Container ports behind a chart Service's named metrics port, so a scrape meets NetworkPolicies
 * by number: keda-operator "metrics" is prometheus.operator.port, 8080 in keda/values.yaml.
 */
export const CHART_METRIC_PORTS: Record<string, number> = {
  "keda-operator/metrics": 8080,
  // Karpenter's "http-metrics": controller.metrics.port, 8080 in charts/karpenter/values.yaml (aws/karpenter-provider-aws v1.14.1).
  "karpenter/http-metrics": 8080,
};

export const KEDA_ROLES: Record<string, (view: PlanView, rv: RegionView) => Side[]> = {
  "keda-pods": (_v, rv) => [
    ...pod(rv, "keda-operator"),
    ...pod(rv, "keda-operator-metrics-apiserver"),
    ...pod(rv, "keda-admission-webhooks"),
  ],
  "keda-operator-grpc": (_v, rv) => pod(rv, "keda-operator", 9666),
  "keda-metrics-apiserver": (_v, rv) => pod(rv, "keda-operator-metrics-apiserver"),
  "keda-metrics-api": (_v, rv) => pod(rv, "keda-operator-metrics-apiserver", 6443),
  "keda-admission-webhook": (_v, rv) => pod(rv, "keda-admission-webhooks", 9443),
  "keda-kube-dns": (_v, rv) =>
    release(rv)
      ? [{ endpoint: podEndpoint(rv, `${rv.region} kube-dns`, "kube-system", { "k8s-app": "kube-dns" }, true) }]
      : [],
  "keda-https-out": (_v, rv) =>
    release(rv)
      ? [{ endpoint: { label: "HTTPS: the Kubernetes API (kubernetes Service), AWS APIs", cidrs: ["0.0.0.0/0"] } }]
      : [],
  "keda-operator:aws": (v, rv) => (hasIdentity(v, rv) ? pod(rv, "keda-operator") : []),
  "keda-pod-identity-agent": (v, rv) =>
    hasIdentity(v, rv)
      ? [{ endpoint: { label: "EKS Pod Identity agent (node-local)", cidrs: [POD_IDENTITY_AGENT], hostLocal: true } }]
      : [],
};

/**
 * The network paths KEDA needs besides its Prometheus queries, Kafka lag reads and the operator's
 * scrape (required.ts: keda-prometheus, keda-kafka, prometheus-scrape).
 */
export const KEDA_FLOWS: readonly FlowRequirement[] = [
  {
    id: "keda-kubernetes-api",
    from: "keda-pods",
    to: "keda-https-out",
    port: 443,
    why: "the operator, metrics server and webhook watch and update KEDA's objects and scale targets through the API",
  },
  { id: "keda-dns", from: "keda-pods", to: "keda-kube-dns", port: 53, protocol: "udp", why: "name resolution" },
  { id: "keda-dns-tcp", from: "keda-pods", to: "keda-kube-dns", port: 53, why: "DNS answers too large for UDP" },
  {
    id: "keda-metrics-server-operator",
    from: "keda-metrics-apiserver",
    to: "keda-operator-grpc",
    port: "target",
    why: "the metrics server asks the operator for each ScaledObject's metric over gRPC (--metrics-service-address :9666)",
  },
  {
    id: "apiserver-keda-metrics-api",
    from: "kube-apiserver",
    to: "keda-metrics-api",
    port: "target",
    why: "the HPA controller reads external.metrics.k8s.io through the API server, which calls KEDA's APIService",
  },
  {
    id: "apiserver-keda-webhook",
    from: "kube-apiserver",
    to: "keda-admission-webhook",
    port: "target",
    why: "KEDA's validating webhook admits every ScaledObject and TriggerAuthentication",
  },
  {
    id: "keda-aws-apis",
    from: "keda-operator:aws",
    to: "aws-public-apis",
    port: 443,
    why: "the aws-sqs-queue scaler reads queue depth from SQS through NAT",
  },
  {
    id: "keda-pod-identity",
    from: "keda-operator:aws",
    to: "keda-pod-identity-agent",
    port: 80,
    why: "the operator's AWS role (SQS, MSK) comes from the node's Pod Identity agent",
  },
];
