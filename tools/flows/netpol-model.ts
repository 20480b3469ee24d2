import type { PlanResource } from "../../policies/lib/offline";
import { covers } from "./cidr";
import type {
  LabelSelector,
  Network,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyRule,
  PodRef,
  Protocol,
  Verdict,
} from "./types";

const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const NAMESPACE = "kubernetes:core/v1:Namespace";

/** The planned NetworkPolicies and namespace labels, keyed by cluster (= region: one cluster per region). */
export function networkPoliciesOf(
  resources: readonly PlanResource[],
  regionOf: (r: PlanResource) => string | null,
): Pick<Network, "policies" | "namespaceLabels"> {
  const policies: NetworkPolicy[] = [];
  for (const r of resources.filter((x) => x.type === NETPOL)) {
    const m = r.inputs as { metadata?: { name?: string; namespace?: string }; spec?: Record<string, unknown> };
    const spec = m.spec ?? {};
    const rules = (list: unknown, key: "from" | "to"): NetworkPolicyRule[] =>
      ((Array.isArray(list) ? list : []) as Record<string, unknown>[]).map((x) => ({
        peers: x[key] as NetworkPolicyPeer[] | undefined,
        ports: x.ports as NetworkPolicyRule["ports"],
      }));
    const ingress = rules(spec.ingress, "from");
    const egress = rules(spec.egress, "to");
    const declared = spec.policyTypes as string[] | undefined;
    policies.push({
      urn: r.urn,
      name: m.metadata?.name ?? r.name,
      cluster: regionOf(r) ?? "",
      namespace: m.metadata?.namespace ?? "default",
      podSelector: (spec.podSelector ?? {}) as LabelSelector,
      // Kubernetes default: Ingress always, Egress when egress rules are given.
      policyTypes: declared ?? ["Ingress", ...(egress.length > 0 ? ["Egress"] : [])],
      ingress,
      egress,
    });
  }
  const namespaceLabels = new Map<string, Record<string, string>>();
  for (const r of resources.filter((x) => x.type === NAMESPACE)) {
    const meta = (r.inputs.metadata ?? {}) as { name?: string; labels?: Record<string, string> };
    if (meta.name) namespaceLabels.set(`${regionOf(r)}/${meta.name}`, meta.labels ?? {});
  }
  return { policies, namespaceLabels };
}

export function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    const inValues = has && (e.values ?? []).includes(labels[e.key]);
    if (e.operator === "In" && !inValues) return false;
    if (e.operator === "NotIn" && inValues) return false;
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
  }
  return true;
}

/** The other side of a NetworkPolicy check: a pod, or addresses (CIDRs) outside any pod. */
export interface PolicyPeer {
  pod?: PodRef;
  /** The addresses it may use; every one must be admitted. Empty = unknown addresses (a managed prefix list). */
  cidrs: string[];
}

export interface PolicyPort {
  port: number;
  protocol: Protocol;
  /** The container port's name, for rules written with named ports. */
  name?: string;
}

function namespaceLabelsOf(net: Network, pod: PodRef): Record<string, string> {
  return {
    ...(net.namespaceLabels.get(`${pod.cluster}/${pod.namespace}`) ?? {}),
    "kubernetes.io/metadata.name": pod.namespace,
  };
}

function peerMatches(net: Network, policy: NetworkPolicy, peer: NetworkPolicyPeer, other: PolicyPeer): boolean {
  if (peer.ipBlock) {
    if (other.cidrs.length === 0) return peer.ipBlock.cidr === "0.0.0.0/0" && !peer.ipBlock.except?.length;
    return other.cidrs.every(
      (c) => covers(peer.ipBlock!.cidr, c) && !(peer.ipBlock!.except ?? []).some((x) => covers(x, c) || covers(c, x)),
    );
  }
  const pod = other.pod;
  if (!pod || pod.cluster !== policy.cluster) return false;
  const nsOk = peer.namespaceSelector
    ? selects(peer.namespaceSelector, namespaceLabelsOf(net, pod))
    : pod.namespace === policy.namespace;
  return nsOk && selects(peer.podSelector, pod.labels);
}

function portMatches(rule: NetworkPolicyRule, port: PolicyPort): boolean {
  if (!rule.ports || rule.ports.length === 0) return true;
  return rule.ports.some((p) => {
    if ((p.protocol ?? "TCP").toLowerCase() !== port.protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === "string") return p.port === port.name;
    return p.endPort !== undefined ? p.port <= port.port && port.port <= p.endPort : p.port === port.port;
  });
}

/**
 * Kubernetes NetworkPolicy semantics for one direction: a pod selected by no policy of that type
 * is not isolated (allowed); otherwise some rule of a selecting policy must admit the peer and port.
 */
export function policyAllows(
  net: Network,
  direction: "Ingress" | "Egress",
  pod: PodRef,
  other: PolicyPeer,
  port: PolicyPort,
): Verdict {
  const selecting = net.policies.filter(
    (p) =>
      p.cluster === pod.cluster &&
      p.namespace === pod.namespace &&
      p.policyTypes.includes(direction) &&
      selects(p.podSelector, pod.labels),
  );
  if (selecting.length === 0) return { ok: true, via: [] };
  for (const p of selecting) {
    const rules = direction === "Ingress" ? p.ingress : p.egress;
    const rule = rules.find(
      (r) =>
        (!r.peers || r.peers.length === 0 || r.peers.some((x) => peerMatches(net, p, x, other))) &&
        portMatches(r, port),
    );
    if (rule) return { ok: true, via: [p.urn] };
  }
  const names = selecting.map((p) => p.name).join(", ");
  const who = pod.labels["app.kubernetes.io/name"] ?? JSON.stringify(pod.labels);
  const where = direction === "Ingress" ? "into" : "out of";
  return {
    ok: false,
    reason: `no ${direction.toLowerCase()} NetworkPolicy rule admits ${port.port}/${port.protocol} ${where} ${pod.namespace}/${who} pods (selected by ${names})`,
  };
}
