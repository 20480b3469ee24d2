import { strict as assert } from "assert";
import { isCustomResource, providedKinds } from "../../tools/order";
import { kubernetesFindings } from "../../tools/order/kubernetes";
import { PlanGraph } from "../../tools/order/graph";
import type { PlanResource } from "../../policies/lib/offline";
import { res, obj, T } from "./units";

/**
 * CRDs, namespaces and admission webhooks before what they admit, on hand-built graphs. Chart
 * names, pinned versions and CRD kinds are written out from tools/order/rules.json's readings of
 * the charts at their pins (keda 2.20.2, kube-prometheus-stack 79.9.0, opentelemetry-collector
 * 0.170.0, the Gateway API v1.5.1 standard-install.yaml).
 */
const GATEWAY_FILE = "https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.5.1/standard-install.yaml";
const k8s = (...rs: PlanResource[]) => kubernetesFindings(new PlanGraph(rs)).map((v) => v.message);
const keda = (o: Parameters<typeof res>[3] = {}, inputs: Record<string, unknown> = {}) =>
  res(T.release, "keda", { chart: "keda", version: "2.20.2", namespace: "keda", ...inputs }, o);
const has = (messages: string[], part: string) => messages.filter((m) => m.includes(part)).length;

describe("order model units: custom resources and their CRDs", () => {
  it("a custom resource is a Kubernetes kind outside the built-in groups and Pulumi's own kinds", () => {
    assert.equal(isCustomResource(res(T.scaledObject, "so")), true);
    assert.equal(isCustomResource(res(T.gateway, "gw")), true);
    assert.equal(isCustomResource(res(T.namespace, "ns")), false);
    assert.equal(isCustomResource(res(T.deployment, "d")), false);
    assert.equal(isCustomResource(res("kubernetes:networking.k8s.io/v1:NetworkPolicy", "np")), false);
    assert.equal(isCustomResource(res(T.release, "r")), false);
    assert.equal(isCustomResource(res(T.configFile, "f")), false);
    assert.equal(isCustomResource(res("aws:lb/listener:Listener", "l")), false);
  });

  it("what a release or manifest installs: the chart's CRDs at its pin, the Gateway API's from its file", () => {
    const p = providedKinds(keda());
    assert.ok(p!.kinds.includes("keda.sh/ScaledObject") && p!.kinds.includes("keda.sh/TriggerAuthentication"));
    assert.ok(p!.source.includes("kedacore/charts"), p!.source);
    const f = providedKinds(res(T.configFile, "gw-crds", { file: GATEWAY_FILE }));
    assert.ok(f!.kinds.includes("gateway.networking.k8s.io/Gateway"));
    assert.ok(f!.source.includes("kubernetes-sigs/gateway-api"));
    assert.equal(providedKinds(res(T.configFile, "x", { file: "other.yaml" })), undefined);
    assert.equal(providedKinds(res(T.release, "x", { chart: "no-such-chart" })), undefined);
    assert.equal(providedKinds(res(T.deployment, "d", { chart: "keda" })), undefined);
  });

  it("a release's chart needs a rule read at its pinned version", () => {
    assert.deepEqual(k8s(keda()), []);
    assert.deepEqual(k8s(res(T.release, "x", { chart: "no-such-chart", version: "1.0.0" })), [
      "x (kubernetes:helm.sh/v3:Release): chart no-such-chart has no order rule (tools/order/rules.json): add its CRDs and rendered objects read at its pinned version",
    ]);
    assert.deepEqual(k8s(keda({}, { version: "2.20.1" })), [
      "keda (kubernetes:helm.sh/v3:Release): chart keda 2.20.1 but its order rule was read at 2.20.2; re-read the chart at the new pin",
    ]);
  });

  it("a custom resource waits for the one installer of its CRD on its cluster", () => {
    const so = (o = {}) => res(T.triggerAuth, "ta", obj("ta", "keda"), o);
    assert.deepEqual(k8s(so()), [
      "ta (kubernetes:keda.sh/v1alpha1:TriggerAuthentication): no release or manifest in the plan installs the CRD of keda.sh/TriggerAuthentication on its cluster (tools/order/rules.json lists none)",
    ]);
    const other = keda({ provider: "k8s-b" });
    assert.equal(has(k8s(other, so()), "no release or manifest in the plan installs"), 1);
    const rel = keda();
    const [m] = k8s(rel, so());
    assert.ok(
      m.startsWith(
        "ta (kubernetes:keda.sh/v1alpha1:TriggerAuthentication) must depend on keda (kubernetes:helm.sh/v3:Release), which installs the CRD of keda.sh/TriggerAuthentication; created first, the API server refuses the object (no such kind). Source: kedacore/charts",
      ),
      m,
    );
    assert.deepEqual(k8s(rel, so({ deps: [rel] })), []);
    const twin = res(T.release, "keda2", { chart: "keda", version: "2.20.2" });
    assert.deepEqual(k8s(rel, twin, so({ deps: [rel] })), [
      "ta (kubernetes:keda.sh/v1alpha1:TriggerAuthentication): the CRD of keda.sh/TriggerAuthentication has 2 installers on one cluster (keda, keda2); the second one fails to adopt it",
    ]);
    assert.equal(has(k8s(rel, twin, so()), "must depend on keda (kubernetes:helm.sh/v3:Release)"), 1);
  });

  it("a Gateway waits for the Gateway API manifest", () => {
    const file = res(T.configFile, "gw-crds", { file: GATEWAY_FILE });
    assert.equal(has(k8s(file, res(T.gateway, "gw", obj("gw", "gw"))), "must depend on gw-crds"), 1);
    assert.deepEqual(k8s(file, res(T.gateway, "gw", obj("gw", "gw"), { deps: [file] })), []);
  });
});

describe("order model units: custom resources a chart renders", () => {
  const otel = (values: unknown, o = {}) =>
    res(T.release, "otel", { chart: "opentelemetry-collector", version: "0.170.0", values }, o);
  const kps = (o = {}) => res(T.release, "kps", { chart: "kube-prometheus-stack", version: "79.9.0" }, o);

  it("an enabled ServiceMonitor needs kube-prometheus-stack first; disabled or unknown values need nothing", () => {
    const on = { serviceMonitor: { enabled: true } };
    const [alone] = k8s(otel(on));
    assert.ok(
      alone.startsWith(
        "otel (kubernetes:helm.sh/v3:Release) renders monitoring.coreos.com/ServiceMonitor, whose CRD nothing in the plan installs on its cluster (serviceMonitor.enabled: true). Source: open-telemetry/opentelemetry-helm-charts",
      ),
      alone,
    );
    const stack = kps();
    const [m] = k8s(stack, otel(on));
    assert.ok(
      m.startsWith(
        "otel (kubernetes:helm.sh/v3:Release) must depend on kps (kubernetes:helm.sh/v3:Release), which installs the CRD of monitoring.coreos.com/ServiceMonitor (serviceMonitor.enabled: true). Source: ",
      ),
      m,
    );
    assert.deepEqual(k8s(stack, otel(on, { deps: [stack] })), []);
    assert.equal(has(k8s(kps({ provider: "k8s-b" }), otel(on)), "whose CRD nothing in the plan installs"), 1);
    assert.deepEqual(k8s(otel({ serviceMonitor: { enabled: false } })), []);
    assert.deepEqual(k8s(otel({ serviceMonitor: { enabled: "true" } })), []);
    assert.deepEqual(k8s(otel("[unknown]")), []);
    assert.deepEqual(k8s(keda({}, { values: on })), []);
  });

  it("each enabled kind is its own finding", () => {
    const all = { serviceMonitor: { enabled: true }, podMonitor: { enabled: true }, prometheusRule: { enabled: true } };
    const ms = k8s(otel(all));
    assert.equal(ms.length, 3);
    assert.ok(
      ms[1].includes("renders monitoring.coreos.com/PodMonitor,") && ms[1].includes("(podMonitor.enabled: true)"),
    );
  });
});

describe("order model units: namespaces first", () => {
  const ns = (name: string, o = {}) => res(T.namespace, `ns-${name}`, obj(name), o);
  const why = "namespaced objects are refused until their namespace exists";

  it("a namespaced object or a release into a planned namespace depends on it", () => {
    const apps = ns("apps");
    const svc = (o = {}) => res(T.service, "svc", obj("web", "apps"), o);
    assert.deepEqual(k8s(apps, svc()), [
      `svc (kubernetes:core/v1:Service) must depend on ns-apps (kubernetes:core/v1:Namespace): ${why}. Source: kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/ (read 2026-12-07)`,
    ]);
    assert.deepEqual(k8s(apps, svc({ deps: [apps] })), []);
    assert.deepEqual(k8s(ns("apps", { provider: "k8s-b" }), svc()), []);
    assert.deepEqual(k8s(ns("other"), svc()), []);
    assert.deepEqual(k8s(svc()), []);
    const kedaNs = ns("keda");
    assert.equal(has(k8s(kedaNs, keda()), "keda (kubernetes:helm.sh/v3:Release) must depend on ns-keda"), 1);
    assert.deepEqual(k8s(kedaNs, keda({ deps: [kedaNs] })), []);
    // A release's metadata is not where its namespace is read; AWS resources have no namespace.
    assert.deepEqual(
      k8s(apps, res(T.release, "r", { chart: "keda", version: "2.20.2", metadata: { namespace: "apps" } })),
      [],
    );
    assert.deepEqual(k8s(apps, res("aws:s3/bucket:Bucket", "b", obj("b", "apps"))), []);
  });
});
