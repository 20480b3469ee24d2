import type { PlanResource } from "../../policies/lib/offline";
import { podEndpoint, type PlanView, type RegionView } from "./endpoints";
import type { FlowRequirement } from "./required";
import type { Side } from "./roles";

/**
 * istio-system's own pods (components/mesh/istio-network.ts), resolved only where the plan installs
 * their chart. Pod labels are the charts' at istio/istio 1.30.3: istiod app=istiod
 * (istio-discovery templates/deployment.yaml), ztunnel app=ztunnel (ztunnel templates/daemonset.yaml),
 * the CNI node agent k8s-app=istio-cni-node (istio-cni templates/daemonset.yaml), read 2026-12-07.
 * istiod runs on Karpenter nodes; the two DaemonSets run on every node (modelled on Karpenter's).
 */
const release = (rv: RegionView, chart: string): PlanResource | undefined =>
  rv.k8s.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === chart);

function pod(rv: RegionView, chart: string, label: string, labels: Record<string, string>): Side[] {
  const r = release(rv, chart);
  if (!r) return [];
  return [{ endpoint: podEndpoint(rv, `${rv.region} ${label}`, String(r.inputs.namespace), labels, false, r.urn) }];
}

/** Container port behind istiod's Service port "http-monitoring" (ports-used-by-istio: 15014). */
export const ISTIO_METRIC_PORTS: Record<string, number> = { "istiod/http-monitoring": 15014 };

export const ISTIO_ROLES: Record<string, (view: PlanView, rv: RegionView) => Side[]> = {
  "istiod-pods": (_v, rv) => pod(rv, "istiod", "istiod", { app: "istiod" }),
  "ztunnel-pods": (_v, rv) => pod(rv, "ztunnel", "ztunnel", { app: "ztunnel" }),
  "istio-cni-pods": (_v, rv) => pod(rv, "cni", "istio-cni node agent", { "k8s-app": "istio-cni-node" }),
  "istio-https-out": (_v, rv) =>
    release(rv, "istiod")
      ? [{ endpoint: { label: "HTTPS: the Kubernetes API (kubernetes Service)", cidrs: ["0.0.0.0/0"] } }]
      : [],
};

const dns = (id: string, from: string, who: string): FlowRequirement[] => [
  { id: `${id}-dns`, from, to: "kube-dns", port: 53, protocol: "udp", why: `name resolution for ${who}` },
  { id: `${id}-dns-tcp`, from, to: "kube-dns", port: 53, why: "DNS answers too large for UDP" },
];

/** What istio-system's pods need besides the waypoints' xDS (required.ts mesh-waypoint-istiod) and istiod's scrape. */
export const ISTIO_FLOWS: readonly FlowRequirement[] = [
  {
    id: "istiod-kubernetes-api",
    from: "istiod-pods",
    to: "istio-https-out",
    port: 443,
    why: "istiod watches Services, Pods and Istio objects and writes waypoint Deployments through the API",
  },
  ...dns("istiod", "istiod-pods", "istiod"),
  {
    id: "apiserver-istiod-webhook",
    from: "kube-apiserver",
    to: "istiod-pods",
    port: 15017,
    why: "istiod's validating webhooks admit every Istio object (istiod-default-validator, istio-validator)",
  },
  {
    id: "mesh-ztunnel-istiod",
    from: "ztunnel-pods",
    to: "istiod-pods",
    port: 15012,
    why: "ztunnel fetches workloads (xDS) and each meshed pod's certificate from istiod",
  },
  ...dns("ztunnel", "ztunnel-pods", "ztunnel"),
  {
    id: "mesh-prometheus-ztunnel",
    from: "prometheus",
    to: "ztunnel-pods",
    port: 15020,
    why: "the ztunnel PodMonitor (port ztunnel-stats) scrapes its L4 metrics",
  },
  {
    id: "istio-cni-kubernetes-api",
    from: "istio-cni-pods",
    to: "istio-https-out",
    port: 443,
    why: "the node agent watches pods and namespaces for the ambient label",
  },
  ...dns("istio-cni", "istio-cni-pods", "the node agent"),
];
