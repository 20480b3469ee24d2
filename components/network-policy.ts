/**
 * The pieces every NetworkPolicy the program renders is built from: the object itself, namespace
 * selection by the label Kubernetes sets on every namespace, and the two node-local destinations
 * nearly every namespace needs (kube-dns and the EKS Pod Identity agent).
 */

/** A networking.k8s.io/v1 NetworkPolicy; `labels` only where the caller's objects carry them. */
export function networkPolicy<S>(name: string, namespace: string, spec: S, labels?: Record<string, string>) {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: labels ? { name, namespace, labels } : { name, namespace },
    spec,
  };
}

/** Selects a namespace by `kubernetes.io/metadata.name`, which the API server sets on every namespace. */
export const namespaceSelector = (name: string) => ({ matchLabels: { "kubernetes.io/metadata.name": name } });

/** EKS Pod Identity agent (link-local, on every node): pods with an AWS role fetch credentials here. */
export const POD_IDENTITY_AGENT = { cidr: "169.254.170.23/32", port: 80 } as const;

/** Egress to the Pod Identity agent. */
export const POD_IDENTITY_EGRESS = {
  to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT.cidr } }],
  ports: [{ protocol: "TCP", port: POD_IDENTITY_AGENT.port }],
};

/** Egress to kube-dns in kube-system (CoreDNS keeps the k8s-app=kube-dns label on EKS), UDP and TCP 53. */
export const KUBE_DNS_EGRESS = {
  to: [
    { namespaceSelector: namespaceSelector("kube-system"), podSelector: { matchLabels: { "k8s-app": "kube-dns" } } },
  ],
  ports: [
    { protocol: "UDP", port: 53 },
    { protocol: "TCP", port: 53 },
  ],
};
