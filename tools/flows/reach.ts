import { covers, prefixLength } from "./cidr";
import { HBONE_PORT, inAmbientMesh, policyAllows, type PolicyPeer } from "./netpol-model";
import type { Endpoint, Layer, Network, Protocol, Route, SecurityGroup, SgRule, Verdict } from "./types";

/**
 * Pure reachability over the network model: does `from` reach `to` on `port`? Layers, each of
 * which must hold: the EKS endpoint settings (for an API destination), routes both ways (VPC
 * local route implied; inter-VPC through an accepted peering), security groups (source egress,
 * destination ingress; stateful, so no return rule), NetworkPolicies where enforced.
 */
export interface FlowQuery {
  from: Endpoint;
  to: Endpoint;
  port: number;
  protocol?: Protocol;
  /** The destination container port's name (NetworkPolicies may name ports). */
  portName?: string;
}

const fail = (reason: string): Verdict => ({ ok: false, reason });
const uniq = (xs: string[]) => [...new Set(xs)];

export function reach(net: Network, q: FlowQuery): Verdict {
  const protocol = q.protocol ?? "tcp";
  const api = q.to.eksApi;
  if (api) {
    if (q.from.vpc && api.privateAccess) {
      const sgs = [...net.securityGroups.values()].filter((s) => s.urn === `${api.urn}#clusterSecurityGroup`);
      const to: Endpoint = { ...q.to, eksApi: undefined, securityGroups: sgs.map((s) => s.id) };
      return chain([{ ok: true, via: [`${api.urn}#endpointPrivateAccess`] }, () => reach(net, { ...q, to })]);
    }
    if (!api.publicAccess)
      return fail(
        `${q.to.label}: the API endpoint is private only and ${q.from.label} is outside its VPC (no in-network deployer)`,
      );
    const sources = q.from.vpc ? natEgress(net, q.from) : { ok: true as const, via: [], cidrs: q.from.cidrs ?? [] };
    if (!sources.ok) return sources;
    const open = sources.cidrs.filter((c) => !api.publicAccessCidrs.some((p) => covers(p, c)));
    if (sources.cidrs.length === 0 || open.length > 0)
      return fail(
        `${q.to.label}: publicAccessCidrs ${JSON.stringify(api.publicAccessCidrs)} do not admit ${q.from.label} (${
          open.join(", ") || "unknown addresses"
        })`,
      );
    return { ok: true, via: [...sources.via, `${api.urn}#publicAccessCidrs`] };
  }
  // Node-local traffic (kubelet probes, the Pod Identity agent) meets only the pod's NetworkPolicies.
  if (q.from.hostLocal || q.to.hostLocal) return layer("network-policies", policies(net, q, protocol));
  // The public internet from inside a VPC: out through NAT, then the source's rules only.
  const internet = !!q.from.vpc && !q.to.vpc && !q.to.eksApi && (q.to.cidrs ?? []).length > 0;
  return chain([
    () => layer("routes", internet ? natEgress(net, q.from) : routes(net, q.from, q.to)),
    () => layer("security-groups", securityGroups(net, "egress", q.from, q.to, q.port, protocol)),
    () => layer("security-groups", securityGroups(net, "ingress", q.to, q.from, q.port, protocol)),
    () => layer("network-policies", policies(net, q, protocol)),
  ]);
}

function layer(name: Layer, v: Verdict): Verdict {
  return v.ok ? v : { ...v, layer: name };
}

/** The NetworkPolicy layer alone: what a forbidden pair needs to show is refused there. */
export function networkPolicyVerdict(net: Network, q: FlowQuery): Verdict {
  return layer("network-policies", policies(net, q, q.protocol ?? "tcp"));
}

function chain(steps: (Verdict | (() => Verdict))[]): Verdict {
  const via: string[] = [];
  for (const step of steps) {
    const v = typeof step === "function" ? step() : step;
    if (!v.ok) return v;
    via.push(...v.via);
  }
  return { ok: true, via: uniq(via) };
}

/** Addresses an endpoint's packets carry: its subnets' ranges, or its declared CIDRs. */
function addresses(net: Network, e: Endpoint): string[] {
  if (e.subnets?.length) return e.subnets.map((s) => net.subnets.get(s)?.cidr).filter((c): c is string => !!c);
  return e.cidrs ?? [];
}

/** Longest-prefix match in a subnet's route table. */
function lookup(net: Network, subnetId: string, destination: string): Route | undefined {
  const subnet = net.subnets.get(subnetId);
  const table = subnet?.routeTable ? net.routeTables.get(subnet.routeTable) : undefined;
  const vpc = subnet ? net.vpcs.get(subnet.vpc) : undefined;
  const routes =
    table?.routes ??
    (vpc ? [{ destination: vpc.cidr, kind: "local", target: "local", via: `${vpc.urn}#local-route` }] : []);
  return routes
    .filter((r) => covers(r.destination, destination))
    .sort((a, b) => prefixLength(b.destination) - prefixLength(a.destination))[0];
}

function natEgress(
  net: Network,
  from: Endpoint,
): { ok: true; via: string[]; cidrs: string[] } | { ok: false; reason: string; layer?: Layer } {
  const via: string[] = [];
  for (const s of from.subnets ?? []) {
    const r = lookup(net, s, "0.0.0.0/0");
    if (!r || (r.kind !== "nat" && r.kind !== "igw"))
      return {
        ok: false,
        reason: `${from.label}: subnet ${net.subnets.get(s)?.urn ?? s} has no route to the internet`,
      };
    via.push(r.via);
  }
  // NAT addresses are Elastic IPs known only after deployment: only a world-open list admits them offline.
  return { ok: true, via, cidrs: ["0.0.0.0/0"] };
}

function routes(net: Network, from: Endpoint, to: Endpoint): Verdict {
  if (!to.vpc) return fail(`${to.label} is outside every VPC: no route model for it`);
  if (!from.vpc) {
    if (!to.internetFacing) return fail(`${to.label} is internal; ${from.label} is outside the VPC`);
    const via: string[] = [];
    for (const s of to.subnets ?? []) {
      const r = lookup(net, s, "0.0.0.0/0");
      if (r?.kind !== "igw")
        return fail(`${to.label}: subnet ${net.subnets.get(s)?.urn ?? s} has no route to an internet gateway`);
      via.push(r.via);
    }
    return { ok: true, via };
  }
  const via: string[] = [];
  for (const [a, b, label] of [
    [from, to, "to"],
    [to, from, "back from"],
  ] as const) {
    for (const s of a.subnets ?? []) {
      for (const d of b.subnets ?? []) {
        const cidr = net.subnets.get(d)?.cidr;
        if (!cidr) return fail(`subnet ${d} of ${b.label} is not in the plan`);
        const r = lookup(net, s, cidr);
        const where = `${net.subnets.get(s)?.urn ?? s}`;
        if (!r) return fail(`no route ${label} ${b.label} (${cidr}) in the route table of ${where}`);
        if (a.vpc === b.vpc) {
          if (r.kind !== "local") return fail(`route to ${cidr} in ${where} leaves the VPC (${r.kind})`);
        } else {
          const link = r.kind === "pcx" ? net.links.get(r.target) : undefined;
          if (!link)
            return fail(`no route ${label} ${b.label} (${cidr}) over a VPC peering in the route table of ${where}`);
          if (!link.vpcs.includes(a.vpc!) || !link.vpcs.includes(b.vpc!))
            return fail(`peering ${link.via[0]} does not join the VPCs of ${a.label} and ${b.label}`);
          if (!link.accepted) return fail(`peering ${link.via[0]} is never accepted (no accepter with autoAccept)`);
          via.push(...link.via);
        }
        via.push(r.via);
      }
    }
  }
  return { ok: true, via: uniq(via) };
}

function ruleAllows(rule: SgRule, port: number, protocol: Protocol): boolean {
  if (rule.protocol === "-1" || rule.protocol === "all") return true;
  const p = rule.protocol === "6" ? "tcp" : rule.protocol === "17" ? "udp" : rule.protocol;
  return p === protocol && rule.fromPort <= port && port <= rule.toPort;
}

/** `self` must admit `other` in `direction`: by security group (same VPC), prefix list or every address. */
function securityGroups(
  net: Network,
  direction: "ingress" | "egress",
  self: Endpoint,
  other: Endpoint,
  port: number,
  protocol: Protocol,
): Verdict {
  if (!self.vpc) return { ok: true, via: [] };
  const groups = (self.securityGroups ?? []).map((id) => net.securityGroups.get(id));
  const missing = (self.securityGroups ?? []).filter((_, i) => !groups[i]);
  if (missing.length) return fail(`${self.label}: security group ${missing.join(", ")} is not in the plan`);
  const sgs = groups as SecurityGroup[];
  const rules = sgs
    .flatMap((g) => g[direction].map((r) => ({ g, r })))
    .filter(({ r }) => ruleAllows(r, port, protocol));
  const sameVpc = other.vpc === self.vpc;
  const byGroup = rules.find(
    ({ g, r }) => sameVpc && (other.securityGroups ?? []).some((o) => r.groups.includes(o) || (r.self && o === g.id)),
  );
  if (byGroup) return { ok: true, via: [byGroup.r.via] };
  const byList = rules.find(({ r }) => r.prefixLists.some((p) => (other.prefixLists ?? []).includes(p)));
  if (byList) return { ok: true, via: [byList.r.via] };
  const cidrs = addresses(net, other);
  const via: string[] = [];
  for (const c of cidrs) {
    const hit = rules.find(({ r }) => r.cidrs.some((x) => covers(x, c)));
    if (!hit) break;
    via.push(hit.r.via);
  }
  if (cidrs.length > 0 && via.length === cidrs.length) return { ok: true, via: uniq(via) };
  const names = sgs.map((g) => g.urn.split("::").pop()).join(", ") || "(none)";
  const what = direction === "ingress" ? `ingress from ${other.label}` : `egress to ${other.label}`;
  return fail(`no security group rule allows ${what} on ${port}/${protocol} (groups of ${self.label}: ${names})`);
}

/**
 * NetworkPolicies see the packets on the wire. Between two pods in the ambient mesh that is HBONE:
 * the source's ztunnel opens 15008 on the destination pod, whatever the app port (istio.io,
 * "Ambient and Kubernetes NetworkPolicy"); a pod outside the mesh (the ALB, kubelet, a chart's
 * pod) meets the app port.
 */
function policies(net: Network, q: FlowQuery, protocol: Protocol): Verdict {
  const hbone = !!q.from.pod && !!q.to.pod && inAmbientMesh(net, q.from.pod) && inAmbientMesh(net, q.to.pod);
  const port = hbone ? { port: HBONE_PORT, protocol } : { port: q.port, protocol, name: q.portName };
  const peer = (e: Endpoint): PolicyPeer => ({ pod: e.pod, cidrs: e.prefixLists?.length ? [] : addresses(net, e) });
  const via: string[] = hbone ? [`ambient mesh: HBONE ${HBONE_PORT} carries ${q.port}/${protocol}`] : [];
  const src = q.from.pod;
  if (src && net.enforcement.has(src.cluster)) {
    const v = policyAllows(net, "Egress", src, peer(q.to), port);
    if (!v.ok) return fail(`${q.from.label} -> ${q.to.label}: ${v.reason}`);
    via.push(...v.via);
  }
  const dst = q.to.pod;
  if (dst && net.enforcement.has(dst.cluster)) {
    const v = policyAllows(net, "Ingress", dst, peer(q.from), port);
    if (!v.ok) return fail(`${q.from.label} -> ${q.to.label}: ${v.reason}`);
    via.push(...v.via);
  }
  return { ok: true, via };
}
