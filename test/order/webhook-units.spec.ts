import { strict as assert } from "assert";
import { kubernetesFindings } from "../../tools/order/kubernetes";
import { PlanGraph } from "../../tools/order/graph";
import type { PlanResource } from "../../policies/lib/offline";
import { res, obj, T } from "./units";

/**
 * Admission webhooks before the objects they admit, the objects they read, and what a chart renders
 * that the program also creates; rule ids and charts written out from tools/order/rules.json (KEDA's
 * scaledobject_webhook.go at v2.20.2, the AWS Load Balancer Controller's TargetGroupBinding webhooks at
 * v3.5.0, Karpenter's nodeClassRef at v1.14.1, istiod's fail-open validator at 1.30.3).
 */
const k8s = (...rs: PlanResource[]) => kubernetesFindings(new PlanGraph(rs)).map((v) => v.message);
const only = (ms: string[], part: string) => ms.filter((m) => m.includes(part));
const release = (chart: string, version: string, o: Parameters<typeof res>[3] = {}, extra = {}) =>
  res(T.release, `rel-${chart.split("/").pop()}`, { chart, version, ...extra }, o);
const keda = (o = {}, extra = {}) => release("keda", "2.20.2", o, extra);
const SO = "kubernetes:keda.sh/v1alpha1:ScaledObject";

describe("order model units: admission webhooks", () => {
  const so = (triggers: unknown[], ref: Record<string, unknown> = { name: "web" }, deps: PlanResource[] = []) =>
    res(SO, "so", obj("so", "apps", { triggers, scaleTargetRef: ref }), { deps });
  const web = res(T.deployment, "web", obj("web", "apps"));

  it("no KEDA release on the cluster, one not waited for, one that skips await", () => {
    const prom = [{ type: "prometheus" }];
    const noRelease = only(k8s(so(prom)), "keda-scaledobject-target");
    assert.equal(noRelease.length, 1);
    assert.ok(
      noRelease[0].startsWith(
        "so (kubernetes:keda.sh/v1alpha1:ScaledObject): keda-scaledobject-target: no keda release on its cluster (spec.scaleTargetRef (kind default Deployment) in the object's namespace). Source: kedacore/keda",
      ),
      noRelease[0],
    );
    const rel = keda();
    const [notWaited] = only(k8s(rel, so(prom, undefined, [])), "(keda-scaledobject-target:");
    assert.ok(
      notWaited.startsWith(
        "so (kubernetes:keda.sh/v1alpha1:ScaledObject) must depend on rel-keda (kubernetes:helm.sh/v3:Release) (keda-scaledobject-target: KEDA's validating webhook",
      ),
      notWaited,
    );
    assert.deepEqual(only(k8s(rel, so(prom, undefined, [rel])), "keda-scaledobject-target"), []);
    assert.deepEqual(only(k8s(keda({ provider: "k8s-b" }), so(prom)), "no keda release on its cluster").length, 1);
    const lazy = keda({}, { skipAwait: true });
    const [wait] = k8s(lazy, so(prom, undefined, [lazy]));
    assert.ok(
      wait.startsWith(
        "so (kubernetes:keda.sh/v1alpha1:ScaledObject) waits for rel-keda (kubernetes:helm.sh/v3:Release), which sets skipAwait: a release that skips await is marked created before its webhook Deployment and Service are ready",
      ),
      wait,
    );
    const eager = res(T.release, "keda-b", { chart: "keda", version: "2.20.2", skipAwait: false });
    assert.deepEqual(only(k8s(lazy, eager, so(prom, undefined, [lazy, eager])), "skipAwait"), []);
    assert.deepEqual(only(k8s(keda({}, { skipAwait: "true" }), so(prom)), "skipAwait"), []);
  });

  it("a CPU or memory trigger needs its scale target first; other triggers read no target", () => {
    const rel = keda();
    const missing = k8s(rel, so([{ type: "cpu" }], { name: "web" }, [rel]));
    assert.equal(missing.length, 1);
    assert.ok(
      missing[0].startsWith(
        "so (kubernetes:keda.sh/v1alpha1:ScaledObject): keda-scaledobject-target: its scale target apps/Deployment apps/web is not in the plan; KEDA's validating webhook",
      ),
      missing[0],
    );
    const [order] = k8s(rel, web, so([{ type: "memory" }], { name: "web" }, [rel]));
    assert.ok(
      order.startsWith(
        "so (kubernetes:keda.sh/v1alpha1:ScaledObject) must depend on web (kubernetes:apps/v1:Deployment) (keda-scaledobject-target: ",
      ),
      order,
    );
    assert.deepEqual(k8s(rel, web, so([{ type: "cpu" }], { name: "web" }, [rel, web])), []);
    assert.deepEqual(k8s(rel, so([{ type: "prometheus" }, { type: "kafka" }], { name: "web" }, [rel])), []);
    assert.deepEqual(
      k8s(rel, res(SO, "so", obj("so", "apps", { scaleTargetRef: { name: "web" } }), { deps: [rel] })),
      [],
    );
    // The target is looked up in the object's namespace, on its cluster, by kind.
    const elsewhere = res(T.deployment, "web2", obj("web", "other"));
    assert.equal(
      only(k8s(rel, elsewhere, so([{ type: "cpu" }], { name: "web" }, [rel, elsewhere])), "is not in the plan").length,
      1,
    );
    const sts = res("kubernetes:apps/v1:StatefulSet", "db", obj("db", "apps"));
    const ref = { kind: "StatefulSet", name: "db", apiVersion: "apps/v1" };
    assert.deepEqual(k8s(rel, sts, so([{ type: "cpu" }], ref, [rel, sts])), []);
    assert.ok(
      k8s(rel, so([{ type: "cpu" }], { kind: "StatefulSet", name: "db", apiVersion: "v1" }, [rel]))[0].includes(
        "its scale target apps/StatefulSet apps/db",
      ),
    );
    const rollout = k8s(
      rel,
      so([{ type: "cpu" }], { kind: "Rollout", name: "r", apiVersion: "argoproj.io/v1alpha1" }, [rel]),
    );
    assert.ok(rollout[0].includes("its scale target argoproj.io/Rollout apps/r is not in the plan"), rollout[0]);
  });

  it("a TargetGroupBinding reads its Service and the target group its ARN comes from", () => {
    const lbc = release("aws-load-balancer-controller", "3.5.0");
    const svc = res(T.service, "svc", obj("web", "apps"));
    const tgb = (deps: PlanResource[], parent: string | null = null) =>
      res(T.tgb, "tgb", obj("tgb", "apps", { serviceRef: { name: "web", port: 80 } }), {
        deps: [lbc, ...deps],
        parent,
      });
    const tg = res(T.targetGroup, "tg", {}, { provider: null, parent: "comp" });
    assert.deepEqual(k8s(lbc, svc, tg, tgb([svc, tg])), []);
    const noSvc = k8s(lbc, tg, tgb([tg]));
    assert.equal(noSvc.length, 1);
    assert.ok(
      noSvc[0].includes("targetgroupbinding-service-and-target-group: its Service apps/web is not in the plan"),
      noSvc[0],
    );
    const noTg = k8s(lbc, svc, tgb([svc]));
    assert.ok(noTg[0].includes("its target group (aws:lb/targetGroup:TargetGroup) is not in the plan"), noTg[0]);
    const beside = k8s(lbc, svc, tg, tgb([svc], "comp"));
    assert.equal(beside.length, 1);
    assert.ok(
      beside[0].startsWith(
        "tgb (kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding) must depend on tg (aws:lb/targetGroup:TargetGroup)",
      ),
      beside[0],
    );
    const other = res(T.targetGroup, "tg-other", {}, { provider: null, parent: "elsewhere" });
    assert.equal(only(k8s(lbc, svc, tg, other, tgb([svc, other], "comp")), "target group").length, 0);
  });

  it("a NodePool reads its cluster-scoped EC2NodeClass", () => {
    const karp = release("oci://public.ecr.aws/karpenter/karpenter", "1.14.1");
    const pool = (deps: PlanResource[]) =>
      res(T.nodePool, "pool", obj("default", undefined, { template: { spec: { nodeClassRef: { name: "nodes" } } } }), {
        deps: [karp, ...deps],
      });
    const cls = res(T.nodeClass, "cls", obj("nodes"), { deps: [karp] });
    const crd = only(k8s(karp, cls, pool([cls])), "nodepool-nodeclass");
    assert.deepEqual(crd, []);
    const [m] = only(k8s(karp, cls, pool([])), "nodepool-nodeclass");
    assert.ok(
      m.startsWith(
        "pool (kubernetes:karpenter.sh/v1:NodePool) must depend on cls (kubernetes:karpenter.k8s.aws/v1:EC2NodeClass) (nodepool-nodeclass: ",
      ),
      m,
    );
    const namespaced = res(T.nodeClass, "cls", obj("nodes", "karpenter"), { deps: [karp] });
    assert.ok(
      only(k8s(karp, namespaced, pool([namespaced])), "its EC2NodeClass nodes is not in the plan").length === 1,
    );
  });

  it("Istio objects of every group wait for istiod, whose validator fails open until it runs", () => {
    const dr = (deps: PlanResource[]) => res(T.destinationRule, "dr", obj("dr", "apps"), { deps });
    const istiod = release("istiod", "1.30.3");
    const base = release("base", "1.30.3");
    assert.deepEqual(only(k8s(base, istiod, dr([base, istiod])), "istio-validation-webhook"), []);
    const [m] = only(k8s(base, istiod, dr([base])), "istio-validation-webhook");
    assert.ok(
      m.startsWith(
        "dr (kubernetes:networking.istio.io/v1:DestinationRule) must depend on rel-istiod (kubernetes:helm.sh/v3:Release) (istio-validation-webhook: istiod-default-validator",
      ),
      m,
    );
    const pa = res("kubernetes:security.istio.io/v1:PeerAuthentication", "pa", obj("pa", "apps"), { deps: [base] });
    assert.equal(only(k8s(base, pa), "no istiod release on its cluster").length, 1);
    assert.deepEqual(only(k8s(base, istiod, res(T.deployment, "d", obj("d", "apps"))), "istio"), []);
  });
});

describe("order model units: objects a chart renders that the program also creates", () => {
  const sa = (name: string, ns: string) => res(T.serviceAccount, `sa-${name}`, obj(name, ns));
  const kedaIn = (values?: unknown) => keda({}, { namespace: "keda", ...(values === undefined ? {} : { values }) });
  const adopt = "Helm refuses to adopt an object it did not create. Set serviceAccount.operator.create: false.";

  it("KEDA renders its operator's ServiceAccount unless told not to, under the name its values give", () => {
    const [m] = k8s(kedaIn(), sa("keda-operator", "keda"));
    assert.ok(
      m.startsWith(
        `rel-keda (kubernetes:helm.sh/v3:Release) renders core/ServiceAccount keda-operator (serviceAccount.operator.create), which the program also creates as sa-keda-operator (kubernetes:core/v1:ServiceAccount); ${adopt} Source: `,
      ),
      m,
    );
    assert.deepEqual(k8s(kedaIn({ serviceAccount: { operator: { create: false } } }), sa("keda-operator", "keda")), []);
    assert.deepEqual(k8s(kedaIn({ serviceAccount: { operator: { create: "yes" } } }), sa("keda-operator", "keda")), []);
    assert.equal(
      k8s(kedaIn({ serviceAccount: { operator: { create: true } } }), sa("keda-operator", "keda")).length,
      1,
    );
    assert.deepEqual(k8s(kedaIn(), sa("keda-operator", "apps")), []);
    assert.deepEqual(k8s(kedaIn(), sa("other", "keda")), []);
    assert.equal(k8s(kedaIn({ serviceAccount: { operator: { name: "ops" } } }), sa("ops", "keda")).length, 1);
    assert.deepEqual(k8s(kedaIn({ serviceAccount: { operator: { name: "ops" } } }), sa("keda-operator", "keda")), []);
    assert.deepEqual(k8s(kedaIn("[unknown]"), sa("keda-operator", "keda")), []);
    const elsewhere = res(T.serviceAccount, "sa-b", obj("keda-operator", "keda"), { provider: "k8s-b" });
    assert.deepEqual(k8s(kedaIn(), elsewhere), []);
  });

  it("the k6 operator's chart renders its release namespace (cluster-scoped); Jaeger's account takes the release name", () => {
    const k6 = res(T.release, "k6", { chart: "k6-operator", version: "4.6.0", namespace: "k6" });
    const ns = res(T.namespace, "ns-k6", obj("k6"));
    const ms = k8s(k6, ns).filter((m) => m.includes(" renders "));
    assert.equal(ms.length, 1);
    assert.ok(
      ms[0].startsWith("k6 (kubernetes:helm.sh/v3:Release) renders core/Namespace k6 (namespace.create)"),
      ms[0],
    );
    const jaeger = res(T.release, "jaeger", {
      chart: "jaeger",
      version: "4.11.1",
      namespace: "tracing",
      name: "traces",
    });
    assert.equal(k8s(jaeger, sa("traces", "tracing")).length, 1);
    assert.deepEqual(k8s(jaeger, sa("jaeger", "tracing")), []);
  });
});
