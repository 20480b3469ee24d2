import { strict as assert } from "assert";
import type { PlanResource } from "../../policies/lib/offline";
import { buildNetwork } from "../../tools/flows/network";
import { policyAllows } from "../../tools/flows/netpol-model";
import type { PodRef } from "../../tools/flows/types";

/**
 * Port matching of the NetworkPolicy model, allow and deny side, against the Kubernetes
 * semantics (https://kubernetes.io/docs/concepts/services-networking/network-policies/, read
 * 2026-12-07): a rule with no `ports` admits every port; otherwise one entry must match the
 * protocol (TCP when omitted), and the port number, the container port's name, or the range
 * `port`..`endPort`. Expected verdicts are written out here, not computed by the model.
 */
const URN = (name: string) => `urn:pulumi:prod::p::kubernetes:networking.k8s.io/v1:NetworkPolicy::${name}`;
const netpol = (name: string, ingress: unknown[]): PlanResource => ({
  urn: URN(name),
  type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  name,
  custom: true,
  parent: null,
  provider: null,
  region: "us-west-2",
  inputs: {
    metadata: { name, namespace: "apps" },
    spec: { podSelector: { matchLabels: { "app.kubernetes.io/name": "api" } }, policyTypes: ["Ingress"], ingress },
  },
  dependencies: [],
});
const api: PodRef = { cluster: "us-west-2", namespace: "apps", labels: { "app.kubernetes.io/name": "api" } };
const vpc = { cidrs: ["10.1.4.0/24"] };
const from = [{ ipBlock: { cidr: "10.1.0.0/16" } }];

function verdict(ingress: unknown[], port: number, protocol: "tcp" | "udp" = "tcp", name?: string) {
  const net = buildNetwork([netpol("only-these", ingress)]);
  return policyAllows(net, "Ingress", api, vpc, { port, protocol, name });
}
/** Evidence names the admitting rule: the policy's URN and the rule's index. */
const admitted = { ok: true, via: [`${URN("only-these")}#ingress[0]`] };
const refused = (what: string) => ({
  ok: false,
  reason: `no ingress NetworkPolicy rule admits ${what} into apps/api pods (selected by only-these)`,
});

describe("NetworkPolicy model: which ports a rule admits", () => {
  it("a numbered TCP port admits that port only", () => {
    const rule = [{ from, ports: [{ port: 8000, protocol: "TCP" }] }];
    assert.deepEqual(verdict(rule, 8000), admitted);
    assert.deepEqual(verdict(rule, 5432), refused("5432/tcp"));
    assert.deepEqual(verdict(rule, 8001), refused("8001/tcp"));
  });

  it("the protocol must match, and an omitted protocol means TCP", () => {
    assert.deepEqual(verdict([{ from, ports: [{ port: 53, protocol: "UDP" }] }], 53, "tcp"), refused("53/tcp"));
    assert.deepEqual(verdict([{ from, ports: [{ port: 53, protocol: "UDP" }] }], 53, "udp"), admitted);
    assert.deepEqual(verdict([{ from, ports: [{ port: 53 }] }], 53, "tcp"), admitted);
    assert.deepEqual(verdict([{ from, ports: [{ port: 53 }] }], 53, "udp"), refused("53/udp"));
  });

  it("a named port matches the container port of that name, not its number or another name", () => {
    const rule = [{ from, ports: [{ port: "metrics" }] }];
    assert.deepEqual(verdict(rule, 9113, "tcp", "metrics"), admitted);
    assert.deepEqual(verdict(rule, 9113, "tcp", "http"), refused("9113/tcp"));
    assert.deepEqual(verdict(rule, 9113, "tcp"), refused("9113/tcp"));
  });

  it("port..endPort admits the range, both ends included, and nothing outside it", () => {
    const rule = [{ from, ports: [{ port: 15000, endPort: 15010, protocol: "TCP" }] }];
    for (const p of [15000, 15008, 15010]) assert.deepEqual(verdict(rule, p), admitted, String(p));
    for (const p of [14999, 15011, 15020]) assert.deepEqual(verdict(rule, p), refused(`${p}/tcp`), String(p));
  });

  it("a rule without ports admits every port; a rule with a protocol but no port admits that protocol", () => {
    assert.deepEqual(verdict([{ from }], 5432), admitted);
    assert.deepEqual(verdict([{ from, ports: [{ protocol: "UDP" }] }], 5432, "udp"), admitted);
    assert.deepEqual(verdict([{ from, ports: [{ protocol: "UDP" }] }], 5432, "tcp"), refused("5432/tcp"));
  });

  it("the right port from the wrong peer is refused", () => {
    const rule = [{ from: [{ ipBlock: { cidr: "10.2.0.0/16" } }], ports: [{ port: 8000 }] }];
    assert.deepEqual(verdict(rule, 8000), refused("8000/tcp"));
  });
});
