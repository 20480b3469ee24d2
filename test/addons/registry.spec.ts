import { strict as assert } from "assert";
import { CHARTS } from "../../components/charts";
import { ADDONS, chartPin, crdProvider, webhooksAdmitting } from "../../components/addons";
import { ISTIO } from "../../components/addons/istio";
import { KEDA } from "../../components/addons/keda";
import { LB_CONTROLLER } from "../../components/addons/lb-controller";

describe("Helm add-on registry", () => {
  it("lists every pinned chart exactly once, under a unique id and release name per namespace", () => {
    assert.deepEqual([...ADDONS.map((a) => a.chart)].sort(), Object.keys(CHARTS).sort());
    assert.equal(new Set(ADDONS.map((a) => a.id)).size, ADDONS.length);
    assert.equal(new Set(ADDONS.map((a) => `${a.namespace}/${a.releaseName}`)).size, ADDONS.length);
  });

  it("reads each add-on's chart, version and repository from the pin", () => {
    assert.equal(chartPin(KEDA).version, "2.20.2");
    assert.equal(chartPin(KEDA).repo, "https://kedacore.github.io/charts");
    assert.equal(chartPin(ISTIO.istiod).chart, "istiod");
  });

  it("names where every provides list was read (repository, tag or commit, date)", () => {
    for (const a of ADDONS) assert.match(a.provides.source, /\b20\d\d-\d\d-\d\d\b/, a.id);
  });

  it("answers which add-on installs the CRD of a kind, by served apiVersion", () => {
    assert.equal(crdProvider("keda.sh/v1alpha1", "ScaledObject")?.addon.id, "keda");
    assert.equal(crdProvider("karpenter.sh/v1", "NodePool")?.addon.id, "karpenter");
    assert.equal(crdProvider("karpenter.k8s.aws/v1", "EC2NodeClass")?.addon.id, "karpenter");
    assert.equal(crdProvider("elbv2.k8s.aws/v1beta1", "TargetGroupBinding")?.addon.id, "aws-load-balancer-controller");
    assert.equal(crdProvider("networking.istio.io/v1", "DestinationRule")?.addon.id, "istio-base");
    assert.equal(crdProvider("monitoring.coreos.com/v1", "PrometheusRule")?.addon.id, "kube-prometheus-stack");
    assert.equal(crdProvider("chaos-mesh.org/v1alpha1", "Schedule")?.addon.id, "chaos-mesh");
    assert.equal(crdProvider("k6.io/v1alpha1", "TestRun")?.addon.id, "k6-operator");
    assert.equal(crdProvider("autoscaling.k8s.io/v1", "VerticalPodAutoscaler")?.addon.id, "vertical-pod-autoscaler");
    // Deny side: a version the CRD does not serve, a built-in kind, a kind no add-on installs.
    assert.equal(crdProvider("karpenter.sh/v1beta1", "NodePool"), undefined);
    assert.equal(crdProvider("apps/v1", "Deployment"), undefined);
    assert.equal(crdProvider("gateway.networking.k8s.io/v1", "Gateway"), undefined);
  });

  it("answers which webhooks admit a kind, with what they read", () => {
    const so = webhooksAdmitting("keda.sh/v1alpha1", "ScaledObject");
    assert.deepEqual(
      so.map((w) => [w.addon.id, w.webhook.configuration]),
      [["keda", "keda-admission"]],
    );
    assert.match(so[0].webhook.reads ?? "", /scale target/);
    const tgb = webhooksAdmitting("elbv2.k8s.aws/v1beta1", "TargetGroupBinding").map((w) => w.webhook.type);
    assert.deepEqual(tgb.sort(), ["mutating", "validating"]);
    assert.equal(LB_CONTROLLER.provides.webhooks.length, 2);
    // Istio objects: base's default validator and istiod's revision validator, whatever the kind.
    assert.deepEqual(
      webhooksAdmitting("security.istio.io/v1", "AuthorizationPolicy").map((w) => w.addon.id),
      ["istio-base", "istiod"],
    );
    assert.deepEqual(webhooksAdmitting("apps/v1", "Deployment"), []);
    // Pods pass three mutating webhooks: the LB controller's, istiod's injector, VPA's.
    assert.deepEqual(
      webhooksAdmitting("v1", "Pod").map((w) => w.addon.id),
      ["aws-load-balancer-controller", "vertical-pod-autoscaler", "istiod"],
    );
  });
});
