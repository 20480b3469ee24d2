import type { PlanResource } from "../../policies/lib/offline";
import { podEndpoint, type PlanView, type RegionView } from "./endpoints";
import type { FlowRequirement } from "./required";
import type { Side } from "./roles";

/**
 * Chaos Mesh's pods (components/chaos/network.ts), resolved only where the plan installs the
 * chaos-mesh chart. Labels and ports at chaos-mesh/chaos-mesh v2.8.3 (helm/chaos-mesh templates and
 * values.yaml, read 2026-12-07): app.kubernetes.io/name chaos-mesh with component controller-manager
 * (webhooks on 10250), chaos-daemon (gRPC 31767) or chaos-dashboard. The controller and the
 * dashboard run on the system nodes (components/chaos/values.ts); the daemon on every node.
 */
const release = (rv: RegionView): PlanResource | undefined =>
  rv.k8s.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === "chaos-mesh");

function pod(rv: RegionView, component: string, onSystem: boolean): Side[] {
  const r = release(rv);
  if (!r) return [];
  const labels = { "app.kubernetes.io/name": "chaos-mesh", "app.kubernetes.io/component": component };
  return [
    {
      endpoint: podEndpoint(rv, `${rv.region} chaos ${component}`, String(r.inputs.namespace), labels, onSystem, r.urn),
    },
  ];
}

export const CHAOS_ROLES: Record<string, (view: PlanView, rv: RegionView) => Side[]> = {
  "chaos-api-clients": (_v, rv) => [...pod(rv, "controller-manager", true), ...pod(rv, "chaos-dashboard", true)],
  "chaos-controller-manager": (_v, rv) => pod(rv, "controller-manager", true),
  "chaos-daemon": (_v, rv) => pod(rv, "chaos-daemon", false),
  "chaos-https-out": (_v, rv) =>
    release(rv)
      ? [{ endpoint: { label: "HTTPS: the Kubernetes API (kubernetes Service)", cidrs: ["0.0.0.0/0"] } }]
      : [],
};

/** What Chaos Mesh needs besides the guarded experiment's abort query (required.ts chaos-abort-prometheus). */
export const CHAOS_FLOWS: readonly FlowRequirement[] = [
  {
    id: "chaos-kubernetes-api",
    from: "chaos-api-clients",
    to: "chaos-https-out",
    port: 443,
    why: "the controller reconciles experiments and Schedules; the dashboard acts with its user's token",
  },
  { id: "chaos-dns", from: "chaos-api-clients", to: "kube-dns", port: 53, protocol: "udp", why: "name resolution" },
  { id: "chaos-dns-tcp", from: "chaos-api-clients", to: "kube-dns", port: 53, why: "DNS answers too large for UDP" },
  {
    id: "apiserver-chaos-webhook",
    from: "kube-apiserver",
    to: "chaos-controller-manager",
    port: 10250,
    why: "Chaos Mesh's validating and mutating webhooks admit every experiment (WEBHOOK_PORT)",
  },
  {
    id: "chaos-controller-daemon",
    from: "chaos-controller-manager",
    to: "chaos-daemon",
    port: 31767,
    why: "the controller asks the daemon on the target's node to inject and recover each fault (gRPC, mTLS)",
  },
];
