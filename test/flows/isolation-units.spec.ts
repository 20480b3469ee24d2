import { strict as assert } from "assert";
import type { PlanResource } from "../../policies/lib/offline";
import {
  evaluateForbidden,
  FORBIDDEN_FLOWS,
  isolationAnalysis,
  openNamespaces,
  unusedRules,
} from "../../tools/flows/isolation";
import type { PlannedFlow } from "../../tools/flows";
import { plannedResources } from "./planned";
import { planResource } from "./fixture";

/**
 * The deny side: forbidden pairs refused by the NetworkPolicies alone, rules no flow uses, namespaces
 * that do not start default-deny (Kubernetes: a policy selecting every pod with both policyTypes and
 * no rules isolates every pod both ways; https://kubernetes.io/docs/concepts/services-networking/network-policies/,
 * read 2026-12-07). The pairs on dev come from the seed: pods outside the mesh are KEDA's operator and
 * Grafana; the web services (frontend, user-service, activity-service, notification-service) listen on
 * "http" 8000; the apps pods without the database label are frontend and the nginx gateway.
 */
const CORE = [
  "no-gateway-from-cluster-pods",
  "no-web-pods-from-outside-mesh",
  "no-gateway-bypassing-waypoint",
  "no-waypoint-to-gateway",
  "no-database-without-label",
];
const core = FORBIDDEN_FLOWS.filter((f) => CORE.includes(f.id));
const WEB = ["frontend", "user-service", "activity-service", "notification-service"];
let dev: readonly PlanResource[];
const copy = () => structuredClone([...dev]) as PlanResource[];
const NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

describe("flows units: network isolation on dev", function () {
  this.timeout(300_000);
  // Mutation runs select single tests: the hook, not a test, loads dev's resources.
  before(async () => {
    dev = await plannedResources("dev");
  });

  it("each forbidden pair of the seed's pods is refused by the NetworkPolicies", () => {
    const got = evaluateForbidden(dev, core);
    const p = (r: string, from: string, to: string, port: number) =>
      `${r} | us-east-1 ${from} | us-east-1 ${to} | ${port}`;
    assert.deepEqual(
      got.map((e) => `${e.requirement} | ${e.from} | ${e.to} | ${e.port}`),
      [
        ...["keda-operator", "Grafana"].map((f) => p("no-gateway-from-cluster-pods", f, "gateway pods", 8080)),
        ...["keda-operator", "Grafana"].flatMap((f) =>
          WEB.map((w) => p("no-web-pods-from-outside-mesh", f, `${w} pods`, 8000)),
        ),
        ...WEB.map((w) => p("no-gateway-bypassing-waypoint", "gateway pods", `${w} pods`, 8000)),
        p("no-waypoint-to-gateway", "waypoint waypoint pods", "gateway pods", 15008),
        ...["frontend", "nginx-gateway"].map((f) =>
          p("no-database-without-label", `${f} pods`, "Aurora writer (write forwarding on secondaries)", 5432),
        ),
      ],
    );
    assert.deepEqual(
      got.filter((e) => !e.ok),
      [],
    );
    assert.ok(
      got[0].reason.startsWith(
        "us-east-1 keda-operator -> us-east-1 gateway pods: no egress NetworkPolicy rule admits 8080/tcp out of keda/keda-operator pods",
      ),
      got[0].reason,
    );
    assert.ok(got[0].urn!.endsWith("::us-east-1-workloads-deploy-nginx-gateway"), got[0].urn);
  });

  it("without enforcement in the cluster nothing is refused; with no policies everything is admitted", () => {
    const off = copy();
    for (const r of off)
      if (r.type === "aws:eks/addon:Addon" && r.inputs.addonName === "vpc-cni") r.inputs.configurationValues = "{}";
    const e = evaluateForbidden(off, core.slice(3, 4));
    assert.deepEqual(
      e.map((x) => [x.ok, x.reason]),
      [[false, "NetworkPolicies are not enforced in this cluster"]],
    );
    const none = copy().filter((r) => r.type !== NP);
    const n = evaluateForbidden(none, core.slice(3, 4));
    assert.deepEqual(
      n.map((x) => [x.ok, x.reason]),
      [[false, "admitted by no policy selecting either side"]],
    );
    const analysis = isolationAnalysis(none);
    const admitted = analysis.violations.filter(
      (v) => v.enforcementLevel === "mandatory" && v.message.startsWith("no-waypoint-to-gateway: "),
    );
    assert.deepEqual(
      admitted.map((v) => v.message),
      [
        "no-waypoint-to-gateway: us-east-1 waypoint waypoint pods -> us-east-1 gateway pods on port 15008 must be refused by NetworkPolicies: admitted by no policy selecting either side",
      ],
    );
  });
});

const res = (type: string, name: string, inputs: Record<string, unknown>): PlanResource =>
  planResource(type, name, inputs);
const ns = (name: string) => res("kubernetes:core/v1:Namespace", `ns-${name}`, { metadata: { name } });
const np = (name: string, namespace: string, spec: Record<string, unknown>) =>
  res(NP, name, { metadata: { name, namespace }, spec });
const denyAll = (namespace: string, extra: Record<string, unknown> = {}) =>
  np(`deny-${namespace}`, namespace, { podSelector: {}, policyTypes: ["Ingress", "Egress"], ...extra });

describe("flows units: rules with no effect and namespaces left open", () => {
  it("a rule no required flow cites is reported with its namespace, name, field and index", () => {
    const pol = np("allow", "apps", {
      podSelector: {},
      ingress: [{ from: [] }, { ports: [{ port: 9 }] }],
      egress: [{ to: [] }],
    });
    const flows = [{ via: [`${pol.urn}#ingress[0]`, `${pol.urn}#egress[0]`] }] as PlannedFlow[];
    const v = unusedRules([pol, ns("apps")], flows);
    assert.deepEqual(v, [
      {
        policy: "platform-network-isolation",
        enforcementLevel: "mandatory",
        urn: pol.urn,
        message:
          'NetworkPolicy apps/allow ingress[1] {"ports":[{"port":9}]} admits no required flow (tools/flows/required.ts): remove the rule, or add the flow it is for',
      },
    ]);
    assert.equal(unusedRules([pol], [...flows, { via: [`${pol.urn}#ingress[1]`] } as PlannedFlow]).length, 0);
  });

  it("a namespace is open in each direction no rule-less, all-pod policy isolates", () => {
    const msgs = (...rs: PlanResource[]) =>
      openNamespaces(rs).map((v) => [v.enforcementLevel, v.urn.split("::").pop(), v.message]);
    const open = (name: string, dirs: string) => [
      "advisory",
      `ns-${name}`,
      `namespace ${name} (us-east-1) does not start default-deny for ${dirs}: its pods are open until a policy selects them`,
    ];
    assert.deepEqual(msgs(ns("a"), denyAll("a")), []);
    assert.deepEqual(msgs(ns("b")), [open("b", "ingress and egress")]);
    assert.deepEqual(msgs(ns("c"), np("in", "c", { podSelector: {}, policyTypes: ["Ingress"] })), [
      open("c", "egress"),
    ]);
    assert.deepEqual(msgs(ns("d"), denyAll("d", { egress: [{}] })), [open("d", "egress")]);
    assert.deepEqual(msgs(ns("e"), denyAll("e", { ingress: [{}] })), [open("e", "ingress")]);
    assert.deepEqual(msgs(ns("f"), denyAll("f", { podSelector: { matchLabels: { app: "x" } } })), [
      open("f", "ingress and egress"),
    ]);
    assert.deepEqual(
      msgs(ns("g"), denyAll("g", { podSelector: { matchExpressions: [{ key: "app", operator: "Exists" }] } })),
      [open("g", "ingress and egress")],
    );
    // A policy of another namespace isolates nothing here.
    assert.deepEqual(msgs(ns("h"), denyAll("other")), [open("h", "ingress and egress")]);
  });
});
