/**
 * NetworkPolicies the ambient mesh adds to the apps namespace. They only widen what
 * workloads/manifests/network-policies.ts allows (policies are additive), by the ports the mesh
 * really uses on the wire: with the VPC CNI enforcing policies at the pod's interface, a meshed
 * call leaves the caller as HBONE to the waypoint's pod on 15008 and reaches the callee as HBONE
 * from the waypoint on 15008, not on the service port.
 */
import type { ServiceConfig } from "../config/types";
import { NAMESPACES } from "../k8s-names";
import { WAYPOINT_NAME, WAYPOINT_POD_LABEL } from "./values";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Manifest = Record<string, any>;

/** Ports of the mesh (Istio 1.30 ports-used-by-istio and files/waypoint.yaml at the tag). */
export const MESH_PORTS = {
  /** HBONE: mTLS tunnel between ztunnels and waypoints. */
  hbone: 15008,
  /** istiod xDS and certificate signing (mTLS). */
  istiodXds: 15012,
  /** istiod webhooks (the API server calls them). */
  istiodWebhook: 15017,
  /** istiod's own metrics. */
  istiodMonitoring: 15014,
  /** Merged Prometheus metrics of ztunnel / the waypoint's agent. */
  stats: 15020,
  /** Waypoint readiness (status-port). */
  status: 15021,
  /** Envoy's Prometheus endpoint on the waypoint (istio_requests_total). */
  envoyStats: 15090,
} as const;

/**
 * Source address of kubelet probes to ambient pods: istio-cni SNATs them to this link-local
 * address so ztunnel can tell them apart (istio.io, ambient platform prerequisites; Istio
 * issue 49277). A default-deny ingress policy would otherwise fail every readiness probe.
 */
export const KUBELET_PROBE_SNAT = "169.254.7.127/32";

const waypointPods = { matchLabels: { [WAYPOINT_POD_LABEL]: WAYPOINT_NAME } };
const ns = (name: string) => ({ matchLabels: { "kubernetes.io/metadata.name": name } });
const tcp = (port: number) => ({ protocol: "TCP", port });
const selectorOf = (name: string) => ({ "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "platform" });
const workloads = (names: readonly string[]) => ({
  matchExpressions: [{ key: "app.kubernetes.io/name", operator: "In", values: [...names].sort() }],
});
/** kube-prometheus-stack's Prometheus pods (prometheus-operator: app.kubernetes.io/name=prometheus). */
const prometheusPods = {
  namespaceSelector: ns(NAMESPACES.monitoring),
  podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } },
};
/** istiod's pods (istio-discovery chart at 1.30.3: app=istiod). */
const istiodPods = { namespaceSelector: ns("istio-system"), podSelector: { matchLabels: { app: "istiod" } } };

function policy(name: string, podSelector: Manifest, spec: Manifest): Manifest {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: {
      name,
      namespace: NAMESPACES.apps,
      labels: {
        "app.kubernetes.io/name": name,
        "app.kubernetes.io/part-of": "platform",
        "app.kubernetes.io/component": "mesh",
        "app.kubernetes.io/managed-by": "pulumi",
      },
    },
    spec: { podSelector, ...spec },
  };
}

export interface MeshNetworkPolicyInput {
  services: readonly ServiceConfig[];
  /** Workloads that call web services (through the waypoint): the gateway and `mesh.calls` callers. */
  callers: readonly string[];
  /** The gateway's workload name and its probed ports (nginx listen port, exporter). */
  gateway: { name: string; ports: readonly number[] };
}

/**
 * Per workload, what reaches it on the wire under ambient. Callers send HBONE (15008) to the
 * waypoint only; the waypoint sends HBONE to the web pods only; a web pod takes HBONE from the
 * waypoint and from Prometheus (its scrape, with Prometheus' identity); the gateway takes HBONE
 * only from Prometheus (the exporter scrape: nothing in the mesh calls nginx). Kubelet probes
 * arrive SNATed on the probe ports. The ALB's plaintext is the workloads' allow-gateway-ingress.
 */
export function meshNetworkPolicies(input: MeshNetworkPolicyInput): Manifest[] {
  const web = input.services.filter((s) => s.kind === "web").map((s) => s.name);
  const probePorts = [...new Set([...input.services.map((s) => s.port), ...input.gateway.ports])].sort((a, b) => a - b);
  return [
    policy("mesh-hbone-to-waypoint", workloads(input.callers), {
      policyTypes: ["Egress"],
      egress: [{ to: [{ podSelector: waypointPods }], ports: [tcp(MESH_PORTS.hbone)] }],
    }),
    policy("mesh-hbone-ingress", workloads(web), {
      policyTypes: ["Ingress"],
      ingress: [{ from: [{ podSelector: waypointPods }, prometheusPods], ports: [tcp(MESH_PORTS.hbone)] }],
    }),
    policy(
      "mesh-hbone-into-gateway",
      { matchLabels: selectorOf(input.gateway.name) },
      {
        policyTypes: ["Ingress"],
        ingress: [{ from: [prometheusPods], ports: [tcp(MESH_PORTS.hbone)] }],
      },
    ),
    policy("mesh-waypoint", waypointPods, {
      policyTypes: ["Ingress", "Egress"],
      ingress: [
        { from: [{ podSelector: workloads(input.callers) }], ports: [tcp(MESH_PORTS.hbone)] },
        { from: [prometheusPods], ports: [tcp(MESH_PORTS.envoyStats)] },
      ],
      egress: [
        { to: [{ podSelector: workloads(web) }], ports: [tcp(MESH_PORTS.hbone)] },
        { to: [istiodPods], ports: [tcp(MESH_PORTS.istiodXds)] },
      ],
    }),
    policy(
      "mesh-kubelet-probes",
      {},
      {
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ ipBlock: { cidr: KUBELET_PROBE_SNAT } }], ports: probePorts.map(tcp) }],
      },
    ),
  ];
}
