import { SYSTEM_NODE_LABEL, SYSTEM_TOLERATIONS } from "../cluster/types";

/** With enableFilterNamespace, Chaos Mesh injects faults only into namespaces annotated so. */
export const CHAOS_INJECT_ANNOTATION = { "chaos-mesh.org/inject": "enabled" } as const;

/** EKS (AL2023/Bottlerocket) nodes run containerd; chaos-daemon talks to it over this socket. */
export const CONTAINERD_SOCKET = "/run/containerd/containerd.sock";

/**
 * Helm values for the upstream Chaos Mesh chart on EKS.
 * - chaos-daemon: containerd runtime and socket (the chart defaults to docker). It stays on the
 *   workload nodes (no system toleration): that is where the experiments' target pods run.
 * - controller-manager and dashboard: on the tainted system nodes, so the controller that
 *   lifts a fault is never itself evicted by Karpenter consolidation or by an experiment.
 * - dashboard.securityMode: the dashboard acts with the caller's own RBAC token, never its own.
 * - The chart's DNS server (DNSChaos) is not installed: we run no DNS experiments.
 * - Hardening (keys from helm/chaos-mesh README/values.yaml at v2.8.3): dashboard
 *   Service ClusterIP (chart default NodePort opens a port on every node; reach it with
 *   kubectl port-forward), enableProfiling off (pprof is an unauthenticated endpoint in the
 *   controller and the daemon), controllerManager.enableFilterNamespace on: only namespaces
 *   annotated CHAOS_INJECT_ANNOTATION can be targeted. The chart at v2.8.3 has no control
 *   server (chaosctl) to turn off.
 */
export function chaosMeshValues(opts: { controllerReplicas: number }): Record<string, unknown> {
  const system = () => ({
    nodeSelector: { ...SYSTEM_NODE_LABEL },
    tolerations: SYSTEM_TOLERATIONS.map((t) => ({ ...t })),
  });
  return {
    chaosDaemon: { runtime: "containerd", socketPath: CONTAINERD_SOCKET },
    controllerManager: { replicaCount: opts.controllerReplicas, enableFilterNamespace: true, ...system() },
    dashboard: { create: true, securityMode: true, service: { type: "ClusterIP" }, ...system() },
    dnsServer: { create: false },
    enableProfiling: false,
  };
}

/**
 * Pod Security for the chaos-mesh namespace: chaos-daemon is privileged with hostPID (it enters
 * target pods' network and PID namespaces), which only "privileged" admits.
 */
export function chaosNamespaceLabels(): Record<string, string> {
  return {
    "pod-security.kubernetes.io/enforce": "privileged",
    "pod-security.kubernetes.io/audit": "privileged",
    "pod-security.kubernetes.io/warn": "privileged",
    "app.kubernetes.io/managed-by": "pulumi",
  };
}
