/**
 * NetworkPolicies of the chaos-mesh namespace: default deny both ways, then what Chaos Mesh's pods
 * need. Labels and ports are the chart's at chaos-mesh/chaos-mesh v2.8.3 (helm/chaos-mesh/values.yaml
 * and templates/{controller-manager-deployment,chaos-daemon-daemonset,chaos-dashboard-deployment}.yaml,
 * read 2026-12-07): every pod carries app.kubernetes.io/component (controller-manager, chaos-daemon,
 * chaos-dashboard); the controller serves its webhooks on WEBHOOK_PORT 10250 and dials each
 * chaos-daemon's gRPC on chaosDaemon.grpcPort 31767 (mTLS); the dashboard listens on 2333, reached
 * by `kubectl port-forward`, which the kubelet relays inside the pod and no policy sees. None of
 * them is hostNetwork at this tag (controllerManager/chaosDaemon/dashboard.hostNetwork false), so
 * the policies apply to all three. The daemon injects faults through the node's container runtime
 * socket and the target's namespaces, not over its own pod network: it needs no egress. The DNS
 * server is not deployed (values.ts dnsServer.create false). Probes come from the node's IP.
 */
import { NAMESPACES } from "../k8s-names";
import { KUBE_DNS_EGRESS, namespaceSelector, networkPolicy } from "../network-policy";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Manifest = Record<string, any>;

export const CHAOS_POD_LABELS = {
  controller: { "app.kubernetes.io/name": "chaos-mesh", "app.kubernetes.io/component": "controller-manager" },
  daemon: { "app.kubernetes.io/name": "chaos-mesh", "app.kubernetes.io/component": "chaos-daemon" },
  dashboard: { "app.kubernetes.io/name": "chaos-mesh", "app.kubernetes.io/component": "chaos-dashboard" },
} as const;

export const CHAOS_PORTS = { webhook: 10250, daemonGrpc: 31767 } as const;

const tcp = (port: number) => ({ protocol: "TCP", port });
const own = (labels: Record<string, string>) => ({ podSelector: { matchLabels: { ...labels } } });
const policy = (name: string, podSelector: Manifest, spec: Manifest): Manifest =>
  networkPolicy(name, NAMESPACES.chaos, { podSelector, ...spec });

/**
 * `vpcCidr`: the control plane calls the webhooks from its ENIs in the cluster's subnets.
 * `abortQueries`: a guarded Workflow runs, whose StatusChecks query Prometheus (9090).
 */
export function chaosNetworkPolicies(vpcCidr: string, abortQueries: boolean): Manifest[] {
  const apiClients = {
    matchExpressions: [
      { key: "app.kubernetes.io/component", operator: "In", values: ["chaos-dashboard", "controller-manager"] },
    ],
  };
  return [
    policy("default-deny", {}, { policyTypes: ["Ingress", "Egress"] }),
    // The controller and the dashboard watch and write Chaos Mesh's objects through the API
    // (the kubernetes Service's ClusterIP, which a policy may see untranslated: 443 to any address).
    policy("chaos-api-clients", apiClients, {
      policyTypes: ["Egress"],
      egress: [KUBE_DNS_EGRESS, { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [tcp(443)] }],
    }),
    policy(
      "chaos-controller-manager",
      { matchLabels: { ...CHAOS_POD_LABELS.controller } },
      {
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: [{ ipBlock: { cidr: vpcCidr } }], ports: [tcp(CHAOS_PORTS.webhook)] }],
        egress: [
          { to: [own(CHAOS_POD_LABELS.daemon)], ports: [tcp(CHAOS_PORTS.daemonGrpc)] },
          ...(abortQueries
            ? [
                {
                  to: [
                    {
                      namespaceSelector: namespaceSelector(NAMESPACES.monitoring),
                      podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } },
                    },
                  ],
                  ports: [tcp(9090)],
                },
              ]
            : []),
        ],
      },
    ),
    policy(
      "chaos-daemon",
      { matchLabels: { ...CHAOS_POD_LABELS.daemon } },
      {
        policyTypes: ["Ingress"],
        ingress: [{ from: [own(CHAOS_POD_LABELS.controller)], ports: [tcp(CHAOS_PORTS.daemonGrpc)] }],
      },
    ),
  ];
}
