import type { PlanResource } from "../../policies/lib/offline";
import { placed, podEndpoint, podTemplate, type PlanView, type RegionView } from "./endpoints";
import type { ForbiddenFlow } from "./isolation";
import type { FlowRequirement } from "./required";
import type { Side } from "./roles";

/**
 * Jenkins (components/jenkins), resolved only where the plan installs the jenkins chart. The
 * controller's pod labels are the chart's StatefulSet selector at 5.9.53
 * (templates/jenkins-controller-statefulset.yaml: component jenkins-controller, instance <release>);
 * the agents are the planned pool Deployment in the agents namespace. The home's NFS traffic
 * comes from the node (the EFS CSI node plugin mounts for the pod), so its source is the
 * Karpenter nodes the controller runs on.
 */
type Labels = Record<string, string>;
const meta = (r: PlanResource) => (r.inputs.metadata ?? {}) as { name?: string; namespace?: string };
const release = (rv: RegionView): PlanResource | undefined =>
  rv.k8s.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === "jenkins");
/** EKS Pod Identity agent: link-local on every node (EKS User Guide, pod-id-agent-setup.html, read 2026-12-07). */
const POD_IDENTITY_AGENT = "169.254.170.23/32";

function controller(rv: RegionView): Side[] {
  const r = release(rv);
  if (!r) return [];
  const labels: Labels = {
    "app.kubernetes.io/component": "jenkins-controller",
    "app.kubernetes.io/instance": String(r.inputs.name),
  };
  return [
    { endpoint: podEndpoint(rv, `${rv.region} Jenkins controller`, String(r.inputs.namespace), labels, false, r.urn) },
  ];
}

function agents(rv: RegionView): Side[] {
  if (!release(rv)) return [];
  return rv.k8s
    .filter((r) => r.type === "kubernetes:apps/v1:Deployment" && meta(r).name === "jenkins-agent-pool")
    .map((d) => {
      const t = podTemplate(d);
      return {
        endpoint: podEndpoint(rv, `${rv.region} Jenkins agents`, meta(d).namespace!, t.labels, t.system, d.urn),
      };
    });
}

/** Both Jenkins pods' sides: what their namespaces' egress rules are for. */
const jenkinsPods = (rv: RegionView): Side[] => [...controller(rv), ...agents(rv)];

function efs(view: PlanView, rv: RegionView): Side[] {
  if (!release(rv)) return [];
  return view
    .of("aws:efs/mountTarget:MountTarget", rv.region)
    .filter((m) => m.parent?.includes("platform:jenkins:Jenkins"))
    .map((m) => {
      const groups = (m.inputs.securityGroups as string[] | undefined) ?? [];
      return {
        endpoint: placed(view, `${rv.region} Jenkins home (EFS mount target)`, m, [String(m.inputs.subnetId)], groups),
      };
    });
}

export const JENKINS_ROLES: Record<string, (view: PlanView, rv: RegionView) => Side[]> = {
  "jenkins-controller": (_v, rv) => controller(rv),
  "jenkins-agents": (_v, rv) => agents(rv),
  "jenkins-pods": (_v, rv) => jenkinsPods(rv),
  "jenkins-controller-pod": (_v, rv) => controller(rv),
  "jenkins-efs": (v, rv) => efs(v, rv),
  "jenkins-nodes": (_v, rv) =>
    release(rv)
      ? [
          {
            endpoint: { label: `${rv.region} Karpenter nodes (Jenkins controller)`, vpc: rv.vpc, ...rv.karpenterNodes },
          },
        ]
      : [],
  "jenkins-kube-dns": (_v, rv) =>
    release(rv)
      ? [{ endpoint: podEndpoint(rv, `${rv.region} kube-dns`, "kube-system", { "k8s-app": "kube-dns" }, true) }]
      : [],
  "jenkins-https-out": (_v, rv) =>
    release(rv)
      ? [{ endpoint: { label: "HTTPS: Kubernetes API, update centre, Git hosts, AWS APIs", cidrs: ["0.0.0.0/0"] } }]
      : [],
  "jenkins-pod-identity-agent": (_v, rv) => {
    const agent = { label: "EKS Pod Identity agent (node-local)", cidrs: [POD_IDENTITY_AGENT], hostLocal: true };
    return release(rv) ? [{ endpoint: agent }] : [];
  },
};

/** The network paths Jenkins needs (each NetworkPolicy rule of its namespaces admits one of them). */
export const JENKINS_FLOWS: readonly FlowRequirement[] = [
  {
    id: "jenkins-agents-controller",
    from: "jenkins-agents",
    to: "jenkins-controller",
    port: 8080,
    why: "agents connect over WebSocket on the controller's HTTP port (no TCP agent listener)",
  },
  {
    id: "jenkins-prometheus-scrape",
    from: "prometheus",
    to: "jenkins-controller",
    port: 8080,
    why: "the chart's ServiceMonitor: /prometheus, the metrics the agent pool scales on",
  },
  {
    id: "jenkins-dns",
    from: "jenkins-pods",
    to: "jenkins-kube-dns",
    port: 53,
    protocol: "udp",
    why: "name resolution",
  },
  {
    id: "jenkins-dns-tcp",
    from: "jenkins-pods",
    to: "jenkins-kube-dns",
    port: 53,
    why: "DNS answers too large for UDP",
  },
  {
    id: "jenkins-https-out",
    from: "jenkins-pods",
    to: "jenkins-https-out",
    port: 443,
    why: "the controller starts agent pods through the Kubernetes API and CodeBuild builds; both fetch plugins and sources",
  },
  {
    id: "jenkins-pod-identity",
    from: "jenkins-controller-pod",
    to: "jenkins-pod-identity-agent",
    port: 80,
    why: "the controller's CodeBuild role comes from the node's Pod Identity agent",
  },
  {
    id: "jenkins-home-nfs",
    from: "jenkins-nodes",
    to: "jenkins-efs",
    port: 2049,
    why: "the EFS CSI node plugin mounts the controller's home over NFS (TLS) through the mount targets",
  },
];

/**
 * Paths that must stay refused, each by the NetworkPolicies alone (tools/flows/isolation.ts): no
 * app pod or gateway reaches Jenkins (nothing of it is in the application's path), and no build
 * agent reaches the database.
 */
export const JENKINS_FORBIDDEN: readonly ForbiddenFlow[] = [
  {
    id: "no-apps-to-jenkins",
    from: "apps-pods",
    to: "jenkins-controller",
    port: 8080,
    why: "Jenkins is not part of the application: app pods never call its controller",
  },
  {
    id: "no-gateway-to-jenkins",
    from: "gateway-pods",
    to: "jenkins-controller",
    port: 8080,
    why: "the public path (CloudFront, ALB, gateway) never leads to Jenkins",
  },
  {
    id: "no-jenkins-agents-to-database",
    from: "jenkins-agents",
    to: "database-writer",
    port: 5432,
    why: "builds never touch the data tier",
  },
];
