/**
 * NetworkPolicies of the keda namespace: default deny both ways, then only what KEDA's three pods
 * need. Pod labels, container ports and the metrics server's operator address are the chart's at
 * kedacore/charts v2.20.2 (keda/templates/{manager,metrics-server,webhooks}/deployment.yaml and
 * keda/values.yaml, read 2026-12-07):
 * - keda-operator (app.kubernetes.io/name: keda-operator): metrics 8080 (prometheus.operator.port),
 *   gRPC 9666 for the metrics server (`--metrics-service-address=keda-operator.<ns>.svc:9666`);
 * - keda-operator-metrics-apiserver: the external metrics API on 6443 (service.portHttpsTarget);
 * - keda-admission-webhooks: the validating webhook on 9443 (webhooks.port, default 9443).
 * Ports are numbers: the VPC CNI's policy controller does not resolve named ports on ingress
 * (aws/amazon-network-policy-controller-k8s issue 81). Kubelet probes (8081, 6443) come from the
 * node's IP, which the policy agent always admits (aws/aws-network-policy-agent pull 65).
 */
import { NAMESPACES } from "../k8s-names";
import { KUBE_DNS_EGRESS, POD_IDENTITY_EGRESS, namespaceSelector, networkPolicy } from "../network-policy";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Manifest = Record<string, any>;

export const KEDA_POD_LABELS = {
  operator: { "app.kubernetes.io/name": "keda-operator" },
  metricsApiserver: { "app.kubernetes.io/name": "keda-operator-metrics-apiserver" },
  webhooks: { "app.kubernetes.io/name": "keda-admission-webhooks" },
} as const;

export const KEDA_PORTS = { operatorMetrics: 8080, operatorGrpc: 9666, metricsApi: 6443, webhook: 9443 } as const;

/** What the namespace's rules depend on in one region. */
export interface KedaNetworkArgs {
  /** The VPC's range: the control plane's ENIs (webhook and metrics API callers) and MSK's brokers sit in it. */
  vpcCidr: string;
  /** The operator reads Kafka consumer lag from the region's MSK brokers (9098). */
  kafkaLag: boolean;
  /** The operator has an AWS role (Pod Identity): credentials from the node-local agent. */
  awsIdentity: boolean;
}

const tcp = (port: number) => ({ protocol: "TCP", port });
const own = (labels: Record<string, string>) => ({ podSelector: { matchLabels: { ...labels } } });
/** kube-prometheus-stack's Prometheus pods (prometheus-operator: app.kubernetes.io/name=prometheus). */
const prometheus = {
  namespaceSelector: namespaceSelector(NAMESPACES.monitoring),
  podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } },
};

const policy = (name: string, podSelector: Manifest, spec: Manifest): Manifest =>
  networkPolicy(name, NAMESPACES.keda, { podSelector, ...spec });

export function kedaNetworkPolicies(a: KedaNetworkArgs): Manifest[] {
  const apiServer = [{ ipBlock: { cidr: a.vpcCidr } }];
  return [
    policy("default-deny", {}, { policyTypes: ["Ingress", "Egress"] }),
    // Every KEDA pod watches the Kubernetes API and resolves names. 443 to any address: the API is
    // reached at the kubernetes Service's ClusterIP (its EKS endpoints listen on 443), and the
    // operator's scalers call AWS APIs (SQS) through NAT.
    policy(
      "keda-egress",
      {},
      {
        policyTypes: ["Egress"],
        egress: [KUBE_DNS_EGRESS, { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [tcp(443)] }],
      },
    ),
    policy(
      "keda-operator",
      { matchLabels: { ...KEDA_POD_LABELS.operator } },
      {
        policyTypes: ["Ingress", "Egress"],
        ingress: [
          { from: [own(KEDA_POD_LABELS.metricsApiserver)], ports: [tcp(KEDA_PORTS.operatorGrpc)] },
          { from: [prometheus], ports: [tcp(KEDA_PORTS.operatorMetrics)] },
        ],
        egress: [
          { to: [prometheus], ports: [tcp(9090)] },
          ...(a.kafkaLag ? [{ to: [{ ipBlock: { cidr: a.vpcCidr } }], ports: [tcp(9098)] }] : []),
          ...(a.awsIdentity ? [POD_IDENTITY_EGRESS] : []),
        ],
      },
    ),
    policy(
      "keda-metrics-apiserver",
      { matchLabels: { ...KEDA_POD_LABELS.metricsApiserver } },
      {
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: apiServer, ports: [tcp(KEDA_PORTS.metricsApi)] }],
        egress: [{ to: [own(KEDA_POD_LABELS.operator)], ports: [tcp(KEDA_PORTS.operatorGrpc)] }],
      },
    ),
    policy(
      "keda-admission-webhooks",
      { matchLabels: { ...KEDA_POD_LABELS.webhooks } },
      { policyTypes: ["Ingress"], ingress: [{ from: apiServer, ports: [tcp(KEDA_PORTS.webhook)] }] },
    ),
  ];
}
