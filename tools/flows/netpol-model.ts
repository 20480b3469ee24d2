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
    // Stryker disable next-line ArrayDeclaration: a placeholder value is no label value the platform sets, so it matches nothing either
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

/** An address range is admitted by an ipBlock that covers it and excepts none of it. */
function blockAdmits(block: NonNullable<NetworkPolicyPeer["ipBlock"]>, cidr: string): boolean {
  // Stryker disable next-line ArrayDeclaration: a placeholder is no CIDR (covers() is false for it), so it excepts nothing either
  return covers(block.cidr, cidr) && !(block.except ?? []).some((x) => covers(x, cidr) || covers(cidr, x));
}

/**
 * A rule's peers are ORed per packet: a pod peer by its labels, addresses when every range the
 * other side may use is admitted by some ipBlock of the rule (an ALB in three subnets, three blocks).
 */
function peersAdmit(
  net: Network,
  policy: NetworkPolicy,
  peers: readonly NetworkPolicyPeer[],
  other: PolicyPeer,
): boolean {
  if (peers.some((x) => !x.ipBlock && peerMatches(net, policy, x, other))) return true;
  const blocks = peers.flatMap((x) => (x.ipBlock ? [x.ipBlock] : []));
  // Stryker disable next-line ConditionalExpression: with no block, both lines below answer false for any addresses as well
  if (blocks.length === 0) return false;
  if (other.cidrs.length === 0) return blocks.some((b) => b.cidr === "0.0.0.0/0" && !b.except?.length);
  return other.cidrs.every((c) => blocks.some((b) => blockAdmits(b, c)));
}

function peerMatches(net: Network, policy: NetworkPolicy, peer: NetworkPolicyPeer, other: PolicyPeer): boolean {
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
  // Every admitting rule is evidence (policies are additive): a rule no flow ever cites admits nothing needed.
  const field = direction === "Ingress" ? "ingress" : "egress";
  const via = selecting.flatMap((p) =>
    p[field]
      .map((r, i) => ({ r, i }))
      .filter(
        ({ r }) => (!r.peers || r.peers.length === 0 || peersAdmit(net, p, r.peers, other)) && portMatches(r, port),
      )
      .map(({ i }) => `${p.urn}#${field}[${i}]`),
  );
  if (via.length > 0) return { ok: true, via };
  const names = selecting.map((p) => p.name).join(", ");
  const who = pod.labels["app.kubernetes.io/name"] ?? JSON.stringify(pod.labels);
  const where = direction === "Ingress" ? "into" : "out of";
  return {
    ok: false,
    reason: `no ${direction.toLowerCase()} NetworkPolicy rule admits ${port.port}/${port.protocol} ${where} ${pod.namespace}/${who} pods (selected by ${names})`,
  };
}

/** Pod label and namespace label that put a pod in the ambient mesh (Istio 1.30 ambient docs); "none" opts a pod out. */
export const DATAPLANE_MODE = "istio.io/dataplane-mode";
/** HBONE: ztunnel and waypoints tunnel every meshed connection to this port of the destination pod. */
export const HBONE_PORT = 15008;

/**
 * Whether ztunnel captures the pod's traffic: the pod says "ambient", or its namespace does and
 * the pod does not opt out ("none", as Istio labels its waypoint pods: files/waypoint.yaml at 1.30.3).
 */
export function inAmbientMesh(net: Pick<Network, "namespaceLabels">, pod: PodRef): boolean {
  const own = pod.labels[DATAPLANE_MODE];
  if (own !== undefined) return own === "ambient";
  return net.namespaceLabels.get(`${pod.cluster}/${pod.namespace}`)?.[DATAPLANE_MODE] === "ambient";
}
