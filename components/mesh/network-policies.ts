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

/** `gatewayPorts`: the gateway's probed ports (nginx listen port, exporter). */
export function meshNetworkPolicies(input: {
  services: readonly ServiceConfig[];
  gatewayPorts: readonly number[];
}): Manifest[] {
  const probePorts = [...new Set([...input.services.map((s) => s.port), ...input.gatewayPorts])].sort((a, b) => a - b);
  return [
    // Every pod sends its meshed calls to the waypoint as HBONE.
    policy(
      "mesh-hbone-to-waypoint",
      {},
      {
        policyTypes: ["Egress"],
        egress: [{ to: [{ podSelector: waypointPods }], ports: [tcp(MESH_PORTS.hbone)] }],
      },
    ),
    // Pods accept HBONE from the waypoint (forwarded calls) and from Prometheus (in the mesh).
    policy(
      "mesh-hbone-ingress",
      {},
      {
        policyTypes: ["Ingress"],
        ingress: [
          {
            from: [{ podSelector: waypointPods }, { namespaceSelector: ns(NAMESPACES.monitoring) }],
            ports: [tcp(MESH_PORTS.hbone)],
          },
        ],
      },
    ),
    policy("mesh-waypoint", waypointPods, {
      policyTypes: ["Ingress", "Egress"],
      ingress: [
        { from: [{ podSelector: {} }], ports: [tcp(MESH_PORTS.hbone)] },
        {
          from: [{ namespaceSelector: ns(NAMESPACES.monitoring) }],
          ports: [tcp(MESH_PORTS.stats), tcp(MESH_PORTS.envoyStats)],
        },
      ],
      egress: [
        { to: [{ podSelector: {} }], ports: [tcp(MESH_PORTS.hbone)] },
        { to: [{ namespaceSelector: ns("istio-system") }], ports: [tcp(MESH_PORTS.istiodXds)] },
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
