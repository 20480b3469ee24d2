import { strict as assert } from "assert";
import { orderFindings } from "../../tools/order";
import { awsFindings, awsRules } from "../../tools/order/aws";
import { PlanGraph } from "../../tools/order/graph";
import { kubernetesFindings, providedKinds } from "../../tools/order/kubernetes";
import { secondUpFindings } from "../../tools/order/second-up";
import type { PlanResource } from "../../policies/lib/offline";
import { res, obj, T } from "./units";

/**
 * Edges of the order model on hand-built graphs: look-ups that must match on every attribute (cluster,
 * kind, name, namespace), lists where one member decides, and rules' optional fields. Rule ids,
 * charts and pins written out from tools/order/rules.json and aws-state.json.
 */
const k8s = (...rs: PlanResource[]) => kubernetesFindings(new PlanGraph(rs)).map((v) => v.message);
const aws = (...rs: PlanResource[]) => awsFindings(new PlanGraph(rs)).map((v) => v.message);
const keda = (name = "keda", o: Parameters<typeof res>[3] = {}) =>
  res(T.release, name, { chart: "keda", version: "2.20.2", namespace: "keda" }, o);
const r = (type: string, name: string, inputs: Record<string, unknown> = {}, deps: PlanResource[] = []) =>
  res(type, name, inputs, { deps, provider: null });

describe("order model units: edges", () => {
  it("orderFindings joins the Kubernetes, AWS and second-up findings of one plan", () => {
    const ta = res(T.triggerAuth, "ta", obj("ta", "keda"));
    const gc = r("aws:rds/globalCluster:GlobalCluster", "g", { engineVersion: "8.0.mysql_aurora.3.08.0" });
    const conn = r("aws:codeconnections/connection:Connection", "conn");
    const found = orderFindings({ resources: [ta, gc, conn] }).map((v) => [v.policy, v.urn]);
    assert.deepEqual(found, [
      ["platform-order-admission", ta.urn],
      ["platform-order-admission", conn.urn],
      ["platform-second-up", gc.urn],
    ]);
  });

  it("only releases and ConfigFiles install CRDs", () => {
    const file = "https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.5.1/standard-install.yaml";
    assert.equal(providedKinds(res(T.deployment, "d", { file })), undefined);
  });

  it("a scale target must match on cluster, kind, name and namespace: look-alikes listed first do not count", () => {
    const rel = keda();
    const target = res(T.deployment, "web", obj("web", "apps"));
    const lookAlikes = [
      res(T.deployment, "other-cluster", obj("web", "apps"), { provider: "k8s-b" }),
      res(T.service, "a-service", obj("web", "apps")),
      res(T.deployment, "other-name", obj("api", "apps")),
      res(T.deployment, "other-ns", obj("web", "batch")),
    ];
    const so = res(
      "kubernetes:keda.sh/v1alpha1:ScaledObject",
      "so",
      obj("so", "apps", { triggers: [{ type: "cpu" }], scaleTargetRef: { name: "web" } }),
      { deps: [rel, target] },
    );
    assert.deepEqual(k8s(rel, ...lookAlikes, target, so), []);
  });

  it("one KEDA release of two waited for is enough for the webhook", () => {
    const a = keda("keda-a");
    const b = keda("keda-b");
    const so = res(
      "kubernetes:keda.sh/v1alpha1:ScaledObject",
      "so",
      obj("so", "apps", { triggers: [{ type: "kafka" }] }),
      { deps: [a] },
    );
    assert.deepEqual(
      k8s(a, b, so).filter((m) => m.includes("(keda-scaledobject-target:")),
      [],
    );
  });

  it("the target group read first is the one the binding already depends on", () => {
    const lbc = res(T.release, "lbc", { chart: "aws-load-balancer-controller", version: "3.5.0" });
    const svc = res(T.service, "svc", obj("web", "apps"));
    const unrelated = r(T.targetGroup, "tg-unrelated");
    const tg = r(T.targetGroup, "tg");
    const tgb = res(T.tgb, "tgb", obj("tgb", "apps", { serviceRef: { name: "web" } }), { deps: [lbc, svc, tg] });
    assert.deepEqual(k8s(lbc, svc, unrelated, tg, tgb), []);
  });

  it("with no target group depended on, the one built beside the binding is named", () => {
    const lbc = res(T.release, "lbc", { chart: "aws-load-balancer-controller", version: "3.5.0" });
    const svc = res(T.service, "svc", obj("web", "apps"));
    const unrelated = res(T.targetGroup, "tg-unrelated", {}, { provider: null, parent: "elsewhere" });
    const beside = res(T.targetGroup, "tg-beside", {}, { provider: null, parent: "edge" });
    const tgb = res(T.tgb, "tgb", obj("tgb", "apps", { serviceRef: { name: "web" } }), {
      deps: [lbc, svc],
      parent: "edge",
    });
    const [m] = k8s(lbc, svc, unrelated, beside, tgb);
    assert.ok(m.startsWith("tgb (kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding) must depend on tg-beside ("), m);
  });

  it("a chart's custom resources need an installer of that kind, on that cluster, created first", () => {
    const otel = (deps: PlanResource[]) =>
      res(
        T.release,
        "otel",
        { chart: "opentelemetry-collector", version: "0.170.0", values: { serviceMonitor: { enabled: true } } },
        { deps },
      );
    const kpsB = res(T.release, "kps", { chart: "kube-prometheus-stack", version: "79.9.0" }, { provider: "k8s-b" });
    const kedaRel = keda();
    const svc = res(T.service, "svc", obj("otel", "monitoring"));
    const ms = k8s(svc, kedaRel, kpsB, otel([kpsB, kedaRel]));
    assert.deepEqual(
      ms.filter((m) => m.startsWith("otel ")).map((m) => m.split(" (serviceMonitor")[0]),
      [
        "otel (kubernetes:helm.sh/v3:Release) renders monitoring.coreos.com/ServiceMonitor, whose CRD nothing in the plan installs on its cluster",
      ],
    );
  });

  it("a cyclic graph still has a finite closure (every node on the cycle)", () => {
    const a = r("t", "a");
    const b = r("t", "b", {}, [a]);
    a.dependencies.push(b.urn);
    const g = new PlanGraph([a, b]);
    assert.deepEqual([...g.closure(a)].sort(), [a.urn, b.urn].sort());
  });

  it("an empty set identifier is no set identifier: one record", () => {
    const rec = (name: string, extra: Record<string, unknown>) =>
      r("aws:route53/record:Record", name, { zoneId: "Z1", name: "a.example.com", type: "A", ...extra });
    assert.equal(secondUpFindings(new PlanGraph([rec("a", {}), rec("b", { setIdentifier: "" })])).length, 1);
  });

  it("DNS records whose fields only concatenate alike are different records", () => {
    const rec = (name: string, zoneId: string, recordName: string) =>
      r("aws:route53/record:Record", name, { zoneId, name: recordName, type: "A" });
    assert.deepEqual(
      secondUpFindings(new PlanGraph([rec("a", "Z1", "x.example.com"), rec("b", "Z1x", ".example.com")])),
      [],
    );
  });
});

describe("order model units: AWS rule edges", () => {
  const role = r("aws:iam/role:Role", "role");
  const rec = r("aws:cfg/recorder:Recorder", "rec", {}, [role]);
  const pol = (name: string, policy: unknown) => r("aws:iam/rolePolicy:RolePolicy", name, { policy }, [role]);
  const channel = (inputs: Record<string, unknown>, deps: PlanResource[] = []) =>
    r("aws:cfg/deliveryChannel:DeliveryChannel", "channel", inputs, [rec, ...deps]);
  const doc = (Action: unknown, Resource: unknown) =>
    JSON.stringify({ Statement: [{ Effect: "Allow", Action, Resource }] });
  const deliver = (ms: string[]) => ms.filter((m) => m.includes("config-role-can-deliver"));

  it("one listed action or resource of a statement is enough", () => {
    const p = pol(
      "p",
      doc(
        ["s3:GetObject", "s3:PutObject", "s3:GetBucketAcl"],
        ["arn:aws:s3:::other", "arn:aws:s3:::logs", "arn:aws:s3:::logs/*"],
      ),
    );
    assert.deepEqual(deliver(aws(role, rec, p, channel({ s3BucketName: "logs" }, [p]))), []);
  });

  it("one unknown policy among known ones: cannot check until known", () => {
    const known = pol("known", doc("s3:*", "arn:aws:s3:::logs*"));
    const unknown = pol("unknown", "[unknown]");
    const [m] = deliver(aws(role, rec, known, unknown, channel({ s3BucketName: "logs" }, [known, unknown])));
    assert.ok(m.startsWith("cannot check until known: "), m);
  });

  it("Aurora clusters outside any global cluster resource still pair primary and secondary", () => {
    const primary = r("aws:rds/cluster:Cluster", "primary", { globalClusterIdentifier: "g", masterUsername: "admin" });
    const secondary = r("aws:rds/cluster:Cluster", "secondary", { globalClusterIdentifier: "g" });
    const [m] = aws(primary, secondary);
    assert.ok(m.startsWith("secondary (aws:rds/cluster:Cluster) must depend on primary (aws:rds/cluster:Cluster)"), m);
  });

  it("rules missing optional fields: no grants, no actions", () => {
    const rules = awsRules() as unknown as Record<string, unknown>[];
    const saved = rules.map((x) => ({ ...x }));
    try {
      for (const x of rules) {
        if (x.check === "rolePermissions") delete x.grants;
        if (x.check === "configDeliveryGrant") delete x.actions;
      }
      const att = r("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "att", {}, [role]);
      assert.deepEqual(aws(role, att, r("aws:eks/nodeGroup:NodeGroup", "ng", {}, [role])), []);
      const p = pol("p", "[unknown]");
      const [m] = deliver(aws(role, rec, p, channel({ s3BucketName: "logs" }, [p])));
      assert.ok(
        m.startsWith(
          "cannot check until known: channel (aws:cfg/deliveryChannel:DeliveryChannel) needs role (aws:iam/role:Role) to allow  on its bucket",
        ),
        m,
      );
      const q = pol("q", doc("s3:PutObject", "arn:aws:s3:::logs"));
      assert.deepEqual(deliver(aws(role, rec, q, channel({ s3BucketName: "logs" }, [q]))), []);
    } finally {
      rules.splice(0, rules.length, ...saved);
    }
  });
});
