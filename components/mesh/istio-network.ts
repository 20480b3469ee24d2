/**
 * NetworkPolicies of istio-system: default deny both ways, then only what istiod, ztunnel and the
 * CNI node agent need from their own pods. Sources, all read 2026-12-07 at istio/istio 1.30.3:
 * - istiod (istio-discovery chart, pod label app=istiod): xDS and certificates on 15012, webhooks
 *   on 15017 (the Service's 443 targets it), metrics on 15014 (ports-used-by-istio). The chart's own
 *   opt-in policy (templates/networkpolicy.yaml) admits 15017 from kube-system pods, which on EKS is
 *   not where the API server calls from, and xDS from every namespace; here only ztunnel and the
 *   waypoints fetch xDS (ambient pods run no proxy).
 * - ztunnel (ztunnel chart, pod label app=ztunnel): its proxy listeners (15001, 15006, 15008) live
 *   inside each meshed pod's network namespace, created there by ztunnel through the descriptor
 *   istio-cni hands it (istio.io "Ztunnel traffic redirection"), so meshed traffic meets the meshed
 *   pods' policies, never ztunnel's. Its own pod only fetches xDS and certificates from istiod
 *   (15012, resolved by name) and serves metrics on 15020. The chart's opt-in policy admits 15006
 *   and 15008 and all egress, written for every redirection mode; in-pod mode uses neither here.
 * - istio-cni node agent (cni chart, pod label k8s-app=istio-cni-node): not hostNetwork at this
 *   version (ambient.shareHostNetworkNamespace false in values.yaml); it switches into the host's
 *   namespace for node work (ALLOW_SWITCH_TO_HOST_NS), where no NetworkPolicy applies, and from its
 *   pod it only watches the API server. It talks to ztunnel over a Unix socket on the host.
 * Readiness probes (ztunnel 15021, istio-cni 8000, istiod 8080) come from the node's IP, which the
 * VPC CNI's policy agent always admits (aws/aws-network-policy-agent pull 65).
 */
import { NAMESPACES } from "../k8s-names";
import { KUBE_DNS_EGRESS, namespaceSelector, networkPolicy } from "../network-policy";
import { MESH_PORTS } from "./network-policies";
import { ISTIO_NAMESPACE, WAYPOINT_POD_LABEL } from "./values";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Manifest = Record<string, any>;

export const ISTIO_POD_LABELS = {
  istiod: { app: "istiod" },
  ztunnel: { app: "ztunnel" },
  cni: { "k8s-app": "istio-cni-node" },
} as const;

const tcp = (port: number) => ({ protocol: "TCP", port });
const own = (labels: Record<string, string>) => ({ podSelector: { matchLabels: { ...labels } } });
/** kube-prometheus-stack's Prometheus pods (prometheus-operator: app.kubernetes.io/name=prometheus). */
const prometheus = {
  namespaceSelector: namespaceSelector(NAMESPACES.monitoring),
  podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } },
};
/** Every waypoint istiod renders, in any namespace (files/waypoint.yaml labels its pods with the Gateway's name). */
const waypoints = {
  namespaceSelector: {},
  podSelector: { matchExpressions: [{ key: WAYPOINT_POD_LABEL, operator: "Exists" }] },
};
/** 443 to any address: the API server at the kubernetes Service's ClusterIP, which a policy may see untranslated. */
const HTTPS_OUT = { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [tcp(443)] };

const policy = (name: string, podSelector: Manifest, spec: Manifest): Manifest =>
  networkPolicy(name, ISTIO_NAMESPACE, { podSelector, ...spec });

/** `vpcCidr`: the control plane calls istiod's webhooks from its ENIs in the cluster's subnets. */
export function istioNetworkPolicies(vpcCidr: string): Manifest[] {
  return [
    policy("default-deny", {}, { policyTypes: ["Ingress", "Egress"] }),
    policy(
      "istiod",
      { matchLabels: { ...ISTIO_POD_LABELS.istiod } },
      {
        policyTypes: ["Ingress", "Egress"],
        ingress: [
          { from: [own(ISTIO_POD_LABELS.ztunnel)], ports: [tcp(MESH_PORTS.istiodXds)] },
          { from: [waypoints], ports: [tcp(MESH_PORTS.istiodXds)] },
          { from: [{ ipBlock: { cidr: vpcCidr } }], ports: [tcp(MESH_PORTS.istiodWebhook)] },
          { from: [prometheus], ports: [tcp(MESH_PORTS.istiodMonitoring)] },
        ],
        egress: [KUBE_DNS_EGRESS, HTTPS_OUT],
      },
    ),
    policy(
      "ztunnel",
      { matchLabels: { ...ISTIO_POD_LABELS.ztunnel } },
      {
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: [prometheus], ports: [tcp(MESH_PORTS.stats)] }],
        egress: [KUBE_DNS_EGRESS, { to: [own(ISTIO_POD_LABELS.istiod)], ports: [tcp(MESH_PORTS.istiodXds)] }],
      },
    ),
    policy(
      "istio-cni",
      { matchLabels: { ...ISTIO_POD_LABELS.cni } },
      { policyTypes: ["Egress"], egress: [KUBE_DNS_EGRESS, HTTPS_OUT] },
    ),
  ];
}
