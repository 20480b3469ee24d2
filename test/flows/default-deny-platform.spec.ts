import { strict as assert } from "assert";
import type { PlanResource } from "../../policies/lib/offline";
import { evaluateFlows } from "../../tools/flows";
import { openNamespaces, unusedRules } from "../../tools/flows/isolation";
import { planFor } from "../helpers/plan";

/**
 * istio-system and monitoring start default-deny, and each allow rule is what the flows named here
 * need: removing it cuts exactly them. Ports are the upstream charts' (istio/istio 1.30.3: istiod
 * xDS 15012, webhook 15017, metrics 15014, ztunnel metrics 15020; kube-prometheus-stack 79.9.0:
 * Prometheus 9090, Alertmanager 9093, kube-state-metrics 8080, operator 10250, Grafana 3000,
 * node-exporter 9100, CoreDNS metrics 9153), DNS 53, HTTPS 443. A rule is named by its policy, its
 * direction and a port it carries, so conditional rules do not shift the names.
 */
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const clone = (rs: readonly PlanResource[]): PlanResource[] => JSON.parse(JSON.stringify(rs));
type Rule = { ports?: { port: number; protocol?: string }[] };

const RULES: [string, "ingress" | "egress", number, string[]][] = [
  ["mesh-netpol-istiod", "ingress", 15017, ["apiserver-istiod-webhook"]],
  ["mesh-netpol-istiod", "ingress", 15014, ["prometheus-scrape"]],
  ["mesh-netpol-istiod", "egress", 53, ["istiod-dns", "istiod-dns-tcp"]],
  ["mesh-netpol-istiod", "egress", 443, ["istiod-kubernetes-api"]],
  ["mesh-netpol-ztunnel", "ingress", 15020, ["mesh-prometheus-ztunnel"]],
  ["mesh-netpol-ztunnel", "egress", 53, ["ztunnel-dns", "ztunnel-dns-tcp"]],
  ["mesh-netpol-ztunnel", "egress", 15012, ["mesh-ztunnel-istiod"]],
  ["mesh-netpol-istio-cni", "egress", 443, ["istio-cni-kubernetes-api"]],
  ["mesh-netpol-istio-cni", "egress", 53, ["istio-cni-dns", "istio-cni-dns-tcp"]],
  ["observability-netpol-monitoring-egress", "egress", 53, ["monitoring-dns", "monitoring-dns-tcp"]],
  ["observability-netpol-monitoring-egress", "egress", 443, ["monitoring-kubernetes-api", "alertmanager-sns"]],
  ["observability-netpol-prometheus", "egress", 9093, ["prometheus-alertmanager", "prometheus-alertmanager-reloader"]],
  ["observability-netpol-prometheus", "egress", 9153, ["prometheus-coredns"]],
  ["observability-netpol-prometheus", "egress", 3000, ["prometheus-grafana"]],
  [
    "observability-netpol-prometheus",
    "egress",
    9100,
    ["prometheus-kubelets", "prometheus-node-exporter", "prometheus-operator-metrics"],
  ],
  ["observability-netpol-prometheus", "egress", 15020, ["mesh-prometheus-ztunnel"]],
  ["observability-netpol-prometheus", "egress", 15014, ["prometheus-scrape"]],
  [
    "observability-netpol-prometheus",
    "egress",
    15008,
    ["prometheus-scrape", "mesh-prometheus-hbone", "mesh-prometheus-waypoint"],
  ],
  [
    "observability-netpol-alertmanager",
    "ingress",
    9093,
    ["prometheus-alertmanager", "prometheus-alertmanager-reloader"],
  ],
  ["observability-netpol-alertmanager", "egress", 80, ["alertmanager-pod-identity"]],
  [
    "observability-netpol-prometheus-operator",
    "ingress",
    10250,
    ["prometheus-operator-metrics", "apiserver-prometheus-operator-webhook"],
  ],
  ["observability-netpol-kube-state-metrics", "ingress", 8080, ["prometheus-kube-state-metrics"]],
  ["observability-netpol-grafana", "ingress", 3000, ["prometheus-grafana"]],
  ["observability-netpol-grafana", "egress", 9090, ["grafana-prometheus"]],
  ["observability-netpol-grafana", "egress", 9093, ["grafana-alertmanager"]],
];

describe("default-deny namespaces: istio-system and monitoring", function () {
  this.timeout(180_000);
  let resources: PlanResource[];
  before(async () => {
    resources = clone((await planFor("prod")).plan.resources as never);
  });

  it("prod: no namespace is open, no rule is inert, and every flow holds", () => {
    assert.deepEqual(openNamespaces(resources), []);
    const flows = evaluateFlows(resources);
    assert.deepEqual(unusedRules(resources, flows), []);
    assert.deepEqual(
      flows.filter((f) => !f.ok).map((f) => f.requirement),
      [],
    );
  });

  for (const [name, field, port, flows] of RULES)
    it(`without us-east-1-${name} ${field} on ${port}, ${flows.join(" and ")} stop holding in us-east-1`, () => {
      const rs = clone(resources);
      const np = rs.find((r) => r.type === NETPOL && r.name === `us-east-1-${name}`)!;
      const rules = (np.inputs.spec as Record<string, Rule[]>)[field];
      const i = rules.findIndex((r) => (r.ports ?? []).some((p) => p.port === port));
      assert.ok(i >= 0, `${name} has a ${field} rule on ${port}`);
      rules.splice(i, 1);
      const broken = evaluateFlows(rs).filter((f) => !f.ok);
      assert.deepEqual([...new Set(broken.map((f) => f.requirement))].sort(), [...flows].sort());
      assert.ok(broken.every((f) => f.from.startsWith("us-east-1") || f.to.startsWith("us-east-1")));
    });

  it("the query rule into Prometheus carries KEDA's and Grafana's queries (and the chaos and k6 ones where planned)", () => {
    const rs = clone(resources);
    const np = rs.find((r) => r.type === NETPOL && r.name === "us-east-1-observability-netpol-prometheus")!;
    const rules = (np.inputs.spec as Record<string, Rule[]>).ingress;
    rules.splice(
      rules.findIndex((r) => (r.ports ?? []).some((p) => p.port === 9090 && rules.indexOf(r) === 0)),
      1,
    );
    const broken = new Set(
      evaluateFlows(rs)
        .filter((f) => !f.ok)
        .map((f) => f.requirement),
    );
    assert.ok(broken.has("keda-prometheus") && broken.has("grafana-prometheus"), [...broken].join());
    for (const id of broken)
      assert.ok(
        ["keda-prometheus", "grafana-prometheus", "chaos-abort-prometheus", "loadtest-prometheus"].includes(id),
        id,
      );
  });

  for (const name of ["eu-west-1-mesh-netpol-default-deny", "us-west-2-observability-netpol-default-deny"])
    it(`without ${name} its namespace is open again (advisory)`, () => {
      const ns = name.includes("mesh") ? "istio-system" : "monitoring";
      const region = name.split("-").slice(0, 3).join("-");
      assert.deepEqual(
        openNamespaces(clone(resources).filter((r) => r.name !== name)).map((v) => v.message),
        [
          `namespace ${ns} (${region}) does not start default-deny for ingress and egress: its pods are open until a policy selects them`,
        ],
      );
    });

  describe("dev: chaos-mesh, one rule removed at a time", () => {
    let dev: PlanResource[];
    before(async () => {
      dev = clone((await planFor("dev")).plan.resources as never);
    });
    // chaos-mesh v2.8.3: webhooks on 10250, the daemon's gRPC on 31767.
    const CHAOS: [string, "ingress" | "egress", number, string[]][] = [
      ["chaos-netpol-chaos-api-clients", "egress", 53, ["chaos-dns", "chaos-dns-tcp"]],
      ["chaos-netpol-chaos-api-clients", "egress", 443, ["chaos-kubernetes-api"]],
      ["chaos-netpol-chaos-controller-manager", "ingress", 10250, ["apiserver-chaos-webhook"]],
      ["chaos-netpol-chaos-controller-manager", "egress", 31767, ["chaos-controller-daemon"]],
      ["chaos-netpol-chaos-daemon", "ingress", 31767, ["chaos-controller-daemon"]],
    ];
    it("no namespace is open and no rule is inert", () => {
      assert.deepEqual(openNamespaces(dev), []);
      assert.deepEqual(unusedRules(dev, evaluateFlows(dev)), []);
    });
    for (const [name, field, port, flows] of CHAOS)
      it(`without us-east-1-${name} ${field} on ${port}, ${flows.join(" and ")} stop holding`, () => {
        const rs = clone(dev);
        const np = rs.find((r) => r.type === NETPOL && r.name === `us-east-1-${name}`)!;
        const rules = (np.inputs.spec as Record<string, Rule[]>)[field];
        rules.splice(
          rules.findIndex((r) => (r.ports ?? []).some((p) => p.port === port)),
          1,
        );
        const broken = evaluateFlows(rs).filter((f) => !f.ok);
        assert.deepEqual([...new Set(broken.map((f) => f.requirement))].sort(), [...flows].sort());
      });
  });
});
