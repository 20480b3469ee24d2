import type { PlanResource } from "../../policies/lib/offline";
import { podEndpoint, podTemplate, type PlanView, type RegionView } from "./endpoints";
import type { Side } from "./roles";

/**
 * What every pod of the apps namespace needs outside the mesh: DNS, AWS APIs and the Pod Identity
 * agent for AWS callers, and the kubelet's probes coming in. Pods are the planned Deployments'.
 */
type Labels = Record<string, string>;
const APPS = "apps";
/** Pods that call AWS APIs carry this label (components/workloads/manifests/common.ts ACCESS_LABELS.aws). */
const AWS_CALLER = "workloads.platform.io/aws-api";
/** EKS Pod Identity agent: link-local on every node (docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html). */
const POD_IDENTITY_AGENT = "169.254.170.23/32";
/**
 * Source of kubelet probes to ambient pods: istio-cni SNATs them to this link-local address
 * (istio.io "Ambient and Kubernetes NetworkPolicy", read 2026-12-07).
 */
const KUBELET_PROBE_SNAT = "169.254.7.127/32";

/** The apps namespace is in the ambient mesh when a waypoint is planned (components/mesh). */
const meshed = (rv: RegionView) =>
  rv.k8s.some(
    (r) =>
      r.type === "kubernetes:gateway.networking.k8s.io/v1:Gateway" &&
      (r.inputs.spec as { gatewayClassName?: string } | undefined)?.gatewayClassName === "istio-waypoint",
  );
const meta = (r: PlanResource) => (r.inputs.metadata ?? {}) as { name?: string; namespace?: string };
const appsDeployments = (rv: RegionView) =>
  rv.k8s.filter((r) => r.type === "kubernetes:apps/v1:Deployment" && meta(r).namespace === APPS);

function pods(rv: RegionView, want: (labels: Labels) => boolean): Side[] {
  return appsDeployments(rv)
    .filter((d) => want(podTemplate(d).labels))
    .map((d) => {
      const t = podTemplate(d);
      return { endpoint: podEndpoint(rv, `${rv.region} ${meta(d).name} pods`, APPS, t.labels, t.system, d.urn) };
    });
}

interface Probe {
  httpGet?: { port?: number | string };
  tcpSocket?: { port?: number | string };
}
type Container = { ports?: { name?: string; containerPort: number }[] } & Record<string, Probe | undefined>;

/** Each (pod, probed port) of the apps Deployments: liveness, readiness and startup probes on HTTP or TCP. */
function probedPods(rv: RegionView): Side[] {
  const out: Side[] = [];
  for (const d of appsDeployments(rv)) {
    const t = podTemplate(d);
    const spec = d.inputs.spec as { template?: { spec?: { containers?: Container[] } } };
    const ports = new Set<number>();
    for (const c of spec.template?.spec?.containers ?? [])
      for (const kind of ["livenessProbe", "readinessProbe", "startupProbe"]) {
        const p = c[kind]?.httpGet?.port ?? c[kind]?.tcpSocket?.port;
        const n = typeof p === "string" ? t.ports.get(p) : p;
        if (n !== undefined) ports.add(n);
      }
    for (const port of [...ports].sort((a, b) => a - b))
      out.push({
        endpoint: podEndpoint(rv, `${rv.region} ${meta(d).name} pods`, APPS, t.labels, t.system, d.urn),
        port,
      });
  }
  return out;
}

export const POD_ROLES: Record<string, (view: PlanView, rv: RegionView) => Side[]> = {
  "apps-pods": (_v, rv) => pods(rv, () => true),
  "aws-callers": (_v, rv) => pods(rv, (l) => l[AWS_CALLER] === "true"),
  "kube-dns": (_v, rv) => [
    {
      // CoreDNS (EKS add-on coredns: k8s-app=kube-dns), on the system node group.
      endpoint: podEndpoint(rv, `${rv.region} kube-dns`, "kube-system", { "k8s-app": "kube-dns" }, true),
    },
  ],
  "aws-public-apis": () => [{ endpoint: { label: "AWS public API endpoints", cidrs: ["0.0.0.0/0"] } }],
  "pod-identity-agent": () => [
    { endpoint: { label: "EKS Pod Identity agent (node-local)", cidrs: [POD_IDENTITY_AGENT], hostLocal: true } },
  ],
  // Only the ambient mesh SNATs probes; without it they come from the node and no policy rule names them.
  "kubelet-probes": (_v, rv) =>
    meshed(rv)
      ? [{ endpoint: { label: "kubelet probes (SNATed by istio-cni)", cidrs: [KUBELET_PROBE_SNAT], hostLocal: true } }]
      : [],
  "probed-pods": (_v, rv) => (meshed(rv) ? probedPods(rv) : []),
};
