import { strict as assert } from "assert";
import type { PlanResource } from "../../policies/lib/offline";
import { evaluateFlows } from "../../tools/flows";
import {
  evaluateForbidden,
  FORBIDDEN_FLOWS,
  isolationAnalysis,
  openNamespaces,
  unusedRules,
} from "../../tools/flows/isolation";
import { planFor } from "../helpers/plan";

/**
 * The deny side of the network model on the prod plan: every forbidden pair is refused by the
 * NetworkPolicies, every rule of the apps namespace admits some required flow, and planting an
 * inert rule or an opening makes the check fail. Under ambient, pod-to-pod traffic meets the
 * policies as HBONE on 15008 (istio.io "Ambient and Kubernetes NetworkPolicy", read 2026-12-07),
 * so a rule on an app port between two meshed pods is inert.
 */
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const clone = (rs: readonly PlanResource[]): PlanResource[] => JSON.parse(JSON.stringify(rs));
const named = (rs: PlanResource[], name: string) => rs.find((r) => r.type === NETPOL && r.name === name)!;
const appsOnly = (messages: string[]) => messages.filter((m) => m.includes("NetworkPolicy apps/"));

describe("network isolation: denied pairs and rules with no effect", function () {
  this.timeout(180_000);
  let resources: PlanResource[];
  before(async () => {
    resources = clone((await planFor("prod")).plan.resources);
  });

  it("prod: every forbidden pair is refused by a NetworkPolicy in every region", () => {
    const entries = evaluateForbidden(resources);
    for (const f of FORBIDDEN_FLOWS)
      assert.ok(
        entries.some((e) => e.requirement === f.id),
        `${f.id} has no pair`,
      );
    assert.deepEqual(
      entries.filter((e) => !e.ok).map((e) => `${e.requirement}: ${e.from} -> ${e.to}: ${e.reason}`),
      [],
    );
    const bypass = entries.find((e) => e.requirement === "no-gateway-bypassing-waypoint")!;
    assert.match(bypass.reason, /no egress NetworkPolicy rule admits 15008\/tcp out of apps\/nginx-gateway pods/);
  });

  it("prod: every rule of the apps namespace admits a required flow", () => {
    const found = unusedRules(resources, evaluateFlows(resources)).map((v) => v.message);
    assert.deepEqual(appsOnly(found), []);
  });

  it("an app-port rule between meshed pods (the gateway to a service on 8000) is reported as admitting nothing", () => {
    const rs = clone(resources);
    const np = named(rs, "us-east-1-workloads-netpol-allow-dns");
    (np.inputs as any).spec.egress.push({
      to: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "frontend" } } }],
      ports: [{ protocol: "TCP", port: 8000 }],
    });
    const found = appsOnly(unusedRules(rs, evaluateFlows(rs)).map((v) => v.message));
    assert.equal(found.length, 1);
    assert.match(found[0], /^NetworkPolicy apps\/allow-dns egress\[1\] .*"port":8000.* admits no required flow/);
  });

  it("a Prometheus scrape rule on the app port is inert too: the scrape arrives as HBONE", () => {
    const rs = clone(resources);
    const np = named(rs, "us-west-2-mesh-networkpolicy-mesh-hbone-ingress");
    (np.inputs as any).spec.ingress.push({
      from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }],
      ports: [{ protocol: "TCP", port: 8000 }],
    });
    const { violations } = isolationAnalysis(rs);
    const inert = violations.filter((v) => v.message.includes("mesh-hbone-ingress ingress[1]"));
    assert.equal(inert.length, 1);
    assert.equal(inert[0].enforcementLevel, "mandatory");
    assert.equal(inert[0].urn, np.urn);
  });

  it("opening the gateway's port to the VPC admits the cluster's pods: the forbidden pair fails", () => {
    // Grafana's namespace opened too (its policies removed): only the apps side can refuse it now.
    const rs = clone(resources).filter((r) => !r.name.startsWith("eu-west-1-observability-netpol-"));
    const np = named(rs, "eu-west-1-workloads-netpol-allow-gateway-ingress");
    (np.inputs as any).spec.ingress[0].from.push({ ipBlock: { cidr: "10.0.0.0/8" } });
    const { violations } = isolationAnalysis(rs);
    const open = violations.filter((v) => v.message.startsWith("no-gateway-from-cluster-pods: eu-west-1"));
    // The keda namespace's own default-deny egress still refuses its operator.
    assert.deepEqual(
      open.map((v) => v.message.split(" must be refused")[0]),
      ["no-gateway-from-cluster-pods: eu-west-1 Grafana -> eu-west-1 gateway pods on port 8080"],
    );
    const keda = evaluateForbidden(rs).find(
      (e) => e.requirement === "no-gateway-from-cluster-pods" && e.from === "eu-west-1 keda-operator",
    )!;
    assert.equal(keda.ok, true);
    assert.match(keda.reason, /no egress NetworkPolicy rule admits 8080\/tcp out of keda\//);
  });

  it("without the callers' egress to the waypoint, the gateway's meshed calls are cut (the allowed side)", () => {
    const rs = clone(resources).filter((r) => r.name !== "us-east-1-mesh-networkpolicy-mesh-hbone-to-waypoint");
    const cut = evaluateFlows(rs).filter((f) => !f.ok && f.requirement === "mesh-gateway-waypoint");
    assert.equal(cut.length, 1);
    assert.match(cut[0].reason!, /no egress NetworkPolicy rule admits 15008\/tcp out of apps\/nginx-gateway pods/);
  });

  it("namespaces that do not start default-deny are advisories; apps starts default-deny, and without it is listed", () => {
    const open = openNamespaces(resources);
    assert.ok(open.every((v) => v.enforcementLevel === "advisory"));
    assert.equal(open.filter((v) => v.message.startsWith("namespace apps ")).length, 0);
    const rs = clone(resources).filter((r) => r.name !== "us-west-2-workloads-netpol-default-deny-all");
    const now = openNamespaces(rs).filter((v) => v.message.startsWith("namespace apps "));
    assert.deepEqual(
      now.map((v) => v.message),
      [
        "namespace apps (us-west-2) does not start default-deny for ingress and egress: its pods are open until a policy selects them",
      ],
    );
  });
});
