import { strict as assert } from "assert";
import type { PlanResource } from "../../policies/lib/offline";
import { inAmbientMesh, networkPoliciesOf, policyAllows, selects } from "../../tools/flows/netpol-model";
import { networkPolicyVerdict, reach } from "../../tools/flows/reach";
import type { Endpoint, Network, NetworkPolicy, PodRef } from "../../tools/flows/types";

/**
 * NetworkPolicy semantics and the EKS API endpoint layer, written out from their sources
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/, read 2026-12-07):
 * policies are additive; a pod no policy of a direction selects is not isolated in that direction;
 * policyTypes defaults to Ingress, plus Egress when egress rules are given; a peer's namespaceSelector
 * and podSelector together select pods matching both; a podSelector alone selects in the policy's
 * namespace; ipBlock admits its CIDR except the `except` ranges; label selectors' In/NotIn/Exists/
 * DoesNotExist. The EKS endpoint (EKS user guide, "Cluster API server endpoint"): public access only
 * from publicAccessCidrs; private access from the VPC through the cluster security group.
 */
const C = "us-east-1";
const pod = (namespace: string, labels: Record<string, string>): PodRef => ({ cluster: C, namespace, labels });
const web = pod("apps", { app: "web" });
const policy = (p: Partial<NetworkPolicy>): NetworkPolicy => ({
  urn: `urn:np::${p.name ?? "np"}`,
  name: "np",
  cluster: C,
  namespace: "apps",
  podSelector: {},
  policyTypes: ["Ingress"],
  ingress: [],
  egress: [],
  ...p,
});
const net = (policies: NetworkPolicy[], over: Partial<Network> = {}): Network => ({
  vpcs: new Map(),
  subnets: new Map(),
  routeTables: new Map(),
  securityGroups: new Map(),
  links: new Map(),
  enforcement: new Map([[C, "urn:addon"]]),
  policies,
  namespaceLabels: new Map([[`${C}/monitoring`, { team: "obs" }]]),
  ...over,
});
const tcp = (port: number) => ({ port, protocol: "tcp" as const });
const into = (n: Network, other: Parameters<typeof policyAllows>[3], port = 8080, target = web) =>
  policyAllows(n, "Ingress", target, other, tcp(port));

describe("flows units: NetworkPolicy semantics", () => {
  it("label selectors: matchLabels and each expression operator", () => {
    const l = { app: "web", tier: "front" };
    assert.equal(selects(undefined, l), true);
    assert.equal(selects({}, l), true);
    assert.equal(selects({ matchLabels: { app: "web" } }, l), true);
    assert.equal(selects({ matchLabels: { app: "api" } }, l), false);
    assert.equal(selects({ matchLabels: { app: "web", zone: "a" } }, l), false);
    const ex = (operator: string, key: string, values?: string[]) =>
      selects({ matchExpressions: [{ key, operator, values }] }, l);
    assert.equal(ex("In", "tier", ["front", "back"]), true);
    assert.equal(ex("In", "tier", ["back"]), false);
    assert.equal(ex("In", "zone", ["a"]), false);
    assert.equal(ex("In", "tier"), false);
    assert.equal(ex("NotIn", "tier", ["back"]), true);
    assert.equal(ex("NotIn", "tier", ["front"]), false);
    assert.equal(ex("NotIn", "zone", ["a"]), true);
    assert.equal(ex("Exists", "tier"), true);
    assert.equal(ex("Exists", "zone"), false);
    assert.equal(ex("DoesNotExist", "zone"), true);
    assert.equal(ex("DoesNotExist", "tier"), false);
  });

  it("a pod no policy selects is not isolated; a selected one needs an admitting rule", () => {
    const other = { pod: pod("apps", { app: "api" }), cidrs: ["10.0.1.0/24"] };
    assert.deepEqual(into(net([]), other), { ok: true, via: [] });
    assert.deepEqual(into(net([policy({ podSelector: { matchLabels: { app: "db" } } })]), other), {
      ok: true,
      via: [],
    });
    assert.deepEqual(into(net([policy({ namespace: "other" })]), other), { ok: true, via: [] });
    assert.deepEqual(into(net([policy({ cluster: "us-west-2" })]), other), { ok: true, via: [] });
    assert.deepEqual(into(net([policy({ policyTypes: ["Egress"] })]), other), { ok: true, via: [] });
    assert.deepEqual(into(net([policy({ name: "deny" })]), other), {
      ok: false,
      reason: 'no ingress NetworkPolicy rule admits 8080/tcp into apps/{"app":"web"} pods (selected by deny)',
    });
    const named = pod("apps", { "app.kubernetes.io/name": "web" });
    const out = policyAllows(
      net([policy({ name: "a", policyTypes: ["Egress"] }), policy({ name: "b", policyTypes: ["Egress", "Ingress"] })]),
      "Egress",
      named,
      other,
      tcp(53),
    );
    assert.deepEqual(out, {
      ok: false,
      reason: "no egress NetworkPolicy rule admits 53/tcp out of apps/web pods (selected by a, b)",
    });
  });

  it("policies are additive: every admitting rule of every selecting policy is evidence", () => {
    const other = { pod: pod("apps", { app: "api" }), cidrs: [] };
    const n = net([
      policy({ name: "deny", urn: "urn:deny" }),
      policy({ name: "a", urn: "urn:a", ingress: [{ peers: [{ podSelector: { matchLabels: { app: "x" } } }] }, {}] }),
      policy({ name: "b", urn: "urn:b", ingress: [{ peers: [] }] }),
    ]);
    assert.deepEqual(into(n, other), { ok: true, via: ["urn:a#ingress[1]", "urn:b#ingress[0]"] });
  });

  it("peers: podSelector alone means the policy's namespace; with namespaceSelector both must match", () => {
    const rule = (peer: object) => net([policy({ ingress: [{ peers: [peer] }] })]);
    const api = { pod: pod("apps", { app: "api" }), cidrs: [] };
    const prom = { pod: pod("monitoring", { app: "prometheus" }), cidrs: [] };
    assert.equal(into(rule({ podSelector: { matchLabels: { app: "api" } } }), api).ok, true);
    assert.equal(into(rule({ podSelector: { matchLabels: { app: "prometheus" } } }), prom).ok, false);
    assert.equal(into(rule({ namespaceSelector: { matchLabels: { team: "obs" } } }), prom).ok, true);
    assert.equal(into(rule({ namespaceSelector: { matchLabels: { team: "obs" } } }), api).ok, false);
    assert.equal(
      into(rule({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }), prom).ok,
      true,
    );
    const both = {
      namespaceSelector: { matchLabels: { team: "obs" } },
      podSelector: { matchLabels: { app: "grafana" } },
    };
    assert.equal(into(rule(both), prom).ok, false);
    assert.equal(into(rule({ ...both, podSelector: { matchLabels: { app: "prometheus" } } }), prom).ok, true);
    assert.equal(
      into(rule({ namespaceSelector: {} }), { pod: { ...api.pod, cluster: "us-west-2" }, cidrs: [] }).ok,
      false,
    );
    // A pod peer never matches addresses, and an ipBlock never matches a pod's labels.
    assert.equal(into(rule({ podSelector: {} }), { cidrs: ["10.0.1.0/24"] }).ok, false);
    assert.equal(into(rule({ ipBlock: { cidr: "10.0.0.0/16" } }), { pod: api.pod, cidrs: [] }).ok, false);
  });

  it("ipBlock: covers every address the other side may use, minus any overlap with except", () => {
    const block = (...blocks: { cidr: string; except?: string[] }[]) =>
      net([policy({ ingress: [{ peers: blocks.map((ipBlock) => ({ ipBlock })) }] })]);
    const alb = { cidrs: ["10.0.0.0/24", "10.0.1.0/24"] };
    assert.equal(into(block({ cidr: "10.0.0.0/16" }), alb).ok, true);
    assert.equal(into(block({ cidr: "10.0.0.0/24" }), alb).ok, false);
    assert.equal(into(block({ cidr: "10.0.0.0/24" }, { cidr: "10.0.1.0/24" }), alb).ok, true);
    assert.equal(into(block({ cidr: "10.0.0.0/16", except: ["10.0.1.0/24"] }), alb).ok, false);
    assert.equal(into(block({ cidr: "10.0.0.0/16", except: ["10.0.1.128/25"] }), alb).ok, false);
    assert.equal(into(block({ cidr: "10.0.0.0/16", except: ["10.0.0.0/8"] }), alb).ok, false);
    assert.equal(into(block({ cidr: "10.0.0.0/16", except: ["10.0.2.0/24"] }), alb).ok, true);
    // Unknown addresses (a managed prefix list): only the whole IPv4 space without exceptions admits them.
    const unknown = { cidrs: [] };
    assert.equal(into(block({ cidr: "0.0.0.0/0" }), unknown).ok, true);
    assert.equal(into(block({ cidr: "0.0.0.0/0", except: ["169.254.169.254/32"] }), unknown).ok, false);
    assert.equal(into(block({ cidr: "0.0.0.0/0", except: [] }), unknown).ok, true);
    assert.equal(into(block({ cidr: "10.0.0.0/8" }), unknown).ok, false);
  });

  it("planned NetworkPolicies: defaults for name, namespace and policyTypes; namespace labels by cluster", () => {
    const np = (name: string, inputs: Record<string, unknown>): PlanResource => ({
      urn: `urn:${name}`,
      type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
      name,
      custom: true,
      parent: null,
      provider: null,
      region: C,
      inputs,
      dependencies: [],
    });
    const ns: PlanResource = {
      ...np("ns", { metadata: { name: "monitoring", labels: { team: "obs" } } }),
      type: "kubernetes:core/v1:Namespace",
    };
    const bare: PlanResource = { ...np("bare", { metadata: {} }), type: "kubernetes:core/v1:Namespace" };
    const got = networkPoliciesOf(
      [
        np("p1", {
          metadata: { name: "allow", namespace: "apps" },
          spec: {
            podSelector: { matchLabels: { a: "b" } },
            egress: [{ to: [{ podSelector: {} }], ports: [{ port: 53 }] }],
            ingress: [{ from: [] }],
          },
        }),
        np("p2", {}),
        np("p3", { spec: { policyTypes: ["Egress"], ingress: "not a list" } }),
        ns,
        bare,
      ],
      (r) => r.region,
    );
    assert.deepEqual(
      got.policies.map((p) => [p.name, p.namespace, p.cluster, p.policyTypes, p.podSelector]),
      [
        ["allow", "apps", C, ["Ingress", "Egress"], { matchLabels: { a: "b" } }],
        ["p2", "default", C, ["Ingress"], {}],
        ["p3", "default", C, ["Egress"], {}],
      ],
    );
    assert.deepEqual(got.policies[0].egress, [{ peers: [{ podSelector: {} }], ports: [{ port: 53 }] }]);
    assert.deepEqual(got.policies[0].ingress, [{ peers: [], ports: undefined }]);
    assert.deepEqual(got.policies[2].ingress, []);
    assert.deepEqual([...got.namespaceLabels], [[`${C}/monitoring`, { team: "obs" }]]);
    assert.equal(networkPoliciesOf([np("x", {})], () => null).policies[0].cluster, "");
  });
});

describe("flows units: the ambient mesh, node-local traffic and the EKS endpoint", () => {
  const labels = new Map([[`${C}/apps`, { "istio.io/dataplane-mode": "ambient" }]]);
  it("ambient membership: the pod's own label wins, else its namespace's", () => {
    const n = { namespaceLabels: labels };
    assert.equal(inAmbientMesh(n, web), true);
    assert.equal(inAmbientMesh(n, pod("apps", { "istio.io/dataplane-mode": "none" })), false);
    assert.equal(inAmbientMesh(n, pod("other", { "istio.io/dataplane-mode": "ambient" })), true);
    assert.equal(inAmbientMesh(n, pod("other", {})), false);
    assert.equal(
      inAmbientMesh({ namespaceLabels: new Map([[`${C}/apps`, { "istio.io/dataplane-mode": "sidecar" }]]) }, web),
      false,
    );
  });

  it("between two meshed pods NetworkPolicies meet HBONE 15008, not the app port", () => {
    const only15008 = policy({ name: "hbone", urn: "urn:hbone", ingress: [{ ports: [{ port: 15008 }] }] });
    const from: Endpoint = { label: "api", pod: pod("apps", { app: "api" }) };
    const to: Endpoint = { label: "web", pod: web };
    assert.deepEqual(networkPolicyVerdict(net([only15008], { namespaceLabels: labels }), { from, to, port: 8080 }), {
      ok: true,
      via: ["ambient mesh: HBONE 15008 carries 8080/tcp", "urn:hbone#ingress[0]"],
    });
    const v = networkPolicyVerdict(net([only15008]), { from, to, port: 8080 });
    assert.equal(v.ok === false && v.layer, "network-policies");
    assert.equal(
      v.ok === false && v.reason,
      'api -> web: no ingress NetworkPolicy rule admits 8080/tcp into apps/{"app":"web"} pods (selected by hbone)',
    );
    const outOfMesh: Endpoint = { label: "waypoint", pod: pod("apps", { "istio.io/dataplane-mode": "none" }) };
    assert.equal(
      networkPolicyVerdict(net([only15008], { namespaceLabels: labels }), { from: outOfMesh, to, port: 8080 }).ok,
      false,
    );
    // Enforcement off in the cluster: NetworkPolicies are inert.
    assert.deepEqual(networkPolicyVerdict(net([only15008], { enforcement: new Map() }), { from, to, port: 8080 }), {
      ok: true,
      via: [],
    });
  });

  it("egress is checked on the source pod and named with both ends", () => {
    const deny = policy({ name: "deny-out", policyTypes: ["Egress"], podSelector: { matchLabels: { app: "api" } } });
    const from: Endpoint = { label: "api", pod: pod("apps", { app: "api" }) };
    const v = networkPolicyVerdict(net([deny]), {
      from,
      to: { label: "x", cidrs: ["192.0.2.0/24"] },
      port: 443,
      protocol: "udp",
    });
    assert.equal(
      v.ok === false && v.reason,
      'api -> x: no egress NetworkPolicy rule admits 443/udp out of apps/{"app":"api"} pods (selected by deny-out)',
    );
  });

  it("node-local traffic meets only the pod's NetworkPolicies", () => {
    const agent: Endpoint = { label: "agent", hostLocal: true, cidrs: ["169.254.170.23/32"] };
    const from: Endpoint = { label: "api", vpc: "vpc-gone", subnets: ["s-gone"], pod: pod("apps", { app: "api" }) };
    assert.deepEqual(reach(net([]), { from, to: agent, port: 80 }), { ok: true, via: [] });
    const deny = policy({ policyTypes: ["Egress"], podSelector: {} });
    const v = reach(net([deny]), { from, to: agent, port: 80 });
    assert.equal(v.ok === false && v.layer, "network-policies");
  });

  const api = (o: Partial<NonNullable<Endpoint["eksApi"]>>): Endpoint => ({
    label: "api",
    eksApi: {
      cluster: C,
      urn: "urn:eks",
      publicAccess: true,
      privateAccess: false,
      publicAccessCidrs: ["0.0.0.0/0"],
      ...o,
    },
  });
  it("the EKS endpoint: public CIDRs for outside callers, private access for the VPC", () => {
    const runner: Endpoint = { label: "runner", cidrs: ["203.0.113.0/24"] };
    assert.deepEqual(reach(net([]), { from: runner, to: api({}), port: 443 }), {
      ok: true,
      via: ["urn:eks#publicAccessCidrs"],
    });
    assert.deepEqual(reach(net([]), { from: runner, to: api({ publicAccessCidrs: ["203.0.113.0/25"] }), port: 443 }), {
      ok: false,
      reason: 'api: publicAccessCidrs ["203.0.113.0/25"] do not admit runner (203.0.113.0/24)',
    });
    const nobody = reach(net([]), { from: { label: "who" }, to: api({}), port: 443 });
    assert.equal(
      nobody.ok === false && nobody.reason,
      'api: publicAccessCidrs ["0.0.0.0/0"] do not admit who (unknown addresses)',
    );
    const priv = reach(net([]), { from: runner, to: api({ publicAccess: false, privateAccess: true }), port: 443 });
    assert.equal(
      priv.ok === false && priv.reason,
      "api: the API endpoint is private only and runner is outside its VPC (no in-network deployer)",
    );
  });
});
