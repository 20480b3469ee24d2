import { strict as assert } from "assert";
import * as fc from "fast-check";
import { at, finding, isUnknown, k8sGroup, k8sKind, k8sMeta, label, PlanGraph } from "../../tools/order/graph";
import { secondUpFindings, SINGLE_OWNER_POLICY } from "../../tools/order/second-up";
import { res, obj, T, dependOn } from "./units";

/**
 * The order model's graph helpers and second-up rules on hand-built graphs. Expected answers come
 * from the contract each helper documents and from the rows of tools/order/drift.json (their ids and
 * inputs are written out here).
 */
describe("order model units: graph helpers", () => {
  it("k8sKind keeps group and kind of Kubernetes types only, version-free", () => {
    assert.equal(k8sKind("kubernetes:keda.sh/v1alpha1:ScaledObject"), "keda.sh/ScaledObject");
    assert.equal(k8sKind("kubernetes:core/v1:Namespace"), "core/Namespace");
    assert.equal(k8sKind("kubernetes:helm.sh/v3:Release"), "helm.sh/Release");
    assert.equal(k8sKind("aws:lb/listener:Listener"), undefined);
    assert.equal(k8sKind("xkubernetes:core/v1:Namespace"), undefined);
    assert.equal(k8sKind("kubernetes:core/v1:Namespace-x"), undefined);
    assert.equal(k8sKind("kubernetes:core/v1:"), undefined);
    assert.equal(k8sKind("kubernetes:core/:Namespace"), undefined);
    assert.equal(k8sKind("kubernetes::v1:Namespace"), undefined);
    assert.equal(k8sGroup("kubernetes:apps/v1:Deployment"), "apps");
    assert.equal(k8sGroup("eks:index:Cluster"), undefined);
  });

  it("k8sMeta reads string names and namespaces only", () => {
    assert.deepEqual(k8sMeta(res(T.service, "s", obj("web", "apps"))), { name: "web", namespace: "apps" });
    assert.deepEqual(k8sMeta(res(T.service, "s", { metadata: { name: 3, namespace: ["x"] } })), {
      name: undefined,
      namespace: undefined,
    });
    assert.deepEqual(k8sMeta(res(T.service, "s", {})), { name: undefined, namespace: undefined });
  });

  it("at follows a dotted path and stops at non-objects", () => {
    const o = { spec: { scaleTargetRef: { name: "web" }, n: null, s: "text" } };
    assert.equal(at(o, "spec.scaleTargetRef.name"), "web");
    assert.equal(at(o, "spec.n.name"), undefined);
    assert.equal(at(o, "spec.s.length"), undefined);
    assert.equal(at(o, "spec.missing.name"), undefined);
    assert.equal(at(undefined, "spec"), undefined);
    assert.deepEqual(at(o, "spec.scaleTargetRef"), { name: "web" });
  });

  it("isUnknown: strings holding the preview's [unknown] marker only", () => {
    assert.equal(isUnknown("[unknown]"), true);
    assert.equal(isUnknown("arn:[unknown]/x"), true);
    assert.equal(isUnknown("unknown"), false);
    assert.equal(isUnknown(["[unknown]"]), false);
    assert.equal(isUnknown(undefined), false);
  });

  it("label and finding name the resource; findings are mandatory unless told", () => {
    const r = res(T.service, "web");
    assert.equal(label(r), "web (kubernetes:core/v1:Service)");
    assert.deepEqual(finding("p", r, "m"), { policy: "p", enforcementLevel: "mandatory", urn: r.urn, message: "m" });
    assert.equal(finding("p", r, "m", "advisory").enforcementLevel, "advisory");
  });

  it("direct prerequisites are the dependencies and the provider", () => {
    const a = res("t", "a", {}, { provider: null });
    const b = res("t", "b", {}, { deps: [a], provider: "prov" });
    const g = new PlanGraph([a, b]);
    assert.deepEqual(g.direct(b), [a.urn, "prov"]);
    assert.deepEqual(g.direct(a), []);
    assert.equal(g.before(a, b), true);
    assert.equal(g.before(b, a), false);
  });

  it("dependents and directOfType filter by type and by direct edges only", () => {
    const role = res("aws:iam/role:Role", "role", {}, { provider: null });
    const pol = res("aws:iam/rolePolicy:RolePolicy", "pol", {}, { deps: [role], provider: null });
    const att = res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "att", {}, { deps: [pol], provider: null });
    const other = res("aws:iam/rolePolicy:RolePolicy", "other", {}, { provider: null });
    const g = new PlanGraph([role, pol, att, other]);
    assert.deepEqual(
      g.dependents(role, ["aws:iam/rolePolicy:RolePolicy", "aws:iam/rolePolicyAttachment:RolePolicyAttachment"]),
      [pol],
    );
    assert.deepEqual(g.dependents(role, ["aws:iam/rolePolicyAttachment:RolePolicyAttachment"]), []);
    assert.deepEqual(g.directOfType(att, "aws:iam/rolePolicy:RolePolicy"), [pol]);
    assert.deepEqual(g.directOfType(att, "aws:iam/role:Role"), []);
    assert.deepEqual(g.ofType("aws:iam/rolePolicy:RolePolicy"), [pol, other]);
  });

  it("property: before(a, b) holds exactly when a is on a dependency chain of b (chains written out)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 0, max: 11 }), (n, cut) => {
        // A chain r0 <- r1 <- ... <- r(n-1), with the edge into r(cut) removed.
        const rs = Array.from({ length: n }, (_, i) => res("t", `r${i}`, {}, { provider: null }));
        for (let i = 1; i < n; i++) if (i !== cut) dependOn(rs[i], rs[i - 1]);
        const g = new PlanGraph(rs);
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            const linked = i < j && !(cut > i && cut <= j);
            assert.equal(g.before(rs[i], rs[j]), linked, `r${i} before r${j}`);
          }
      }),
    );
  });
});

const ENGINE = "8.0.mysql_aurora.3.08.0";
const second = (...rs: ReturnType<typeof res>[]) => secondUpFindings(new PlanGraph(rs));
const ids = (vs: { message: string }[]) => vs.map((v) => /\(([a-z-]+)\)\. Source/.exec(v.message)?.[1]);

describe("order model units: inputs AWS or a controller changes (drift.json rows)", () => {
  it("a global database's engine version must be ignored; a parent path in ignoreChanges covers it", () => {
    const gc = "aws:rds/globalCluster:GlobalCluster";
    const [v] = second(res(gc, "g", { engineVersion: ENGINE }));
    assert.equal(v.policy, "platform-second-up");
    assert.equal(v.enforcementLevel, "mandatory");
    assert.ok(v.message.startsWith(`g (${gc}) sets engineVersion = "${ENGINE}", which `), v.message);
    assert.ok(
      v.message.includes(`Add "engineVersion" to ignoreChanges or stop setting it (aurora-global-engine-version)`),
    );
    assert.deepEqual(second(res(gc, "g", { engineVersion: ENGINE }, { ignoreChanges: ["engineVersion"] })), []);
    assert.equal(second(res(gc, "g", { engineVersion: ENGINE }, { ignoreChanges: ["engine"] })).length, 1);
    assert.equal(second(res(gc, "g", { engineVersion: ENGINE }, { ignoreChanges: ["engineVersionX"] })).length, 1);
    assert.deepEqual(second(res(gc, "g", { engineVersion: "[unknown]" })), []);
    assert.deepEqual(second(res(gc, "g", {})), []);
  });

  it("a cluster's engine version only matters in a global database (row `when`)", () => {
    const c = "aws:rds/cluster:Cluster";
    assert.deepEqual(second(res(c, "c", { engineVersion: ENGINE })), []);
    assert.deepEqual(ids(second(res(c, "c", { engineVersion: ENGINE, globalClusterIdentifier: "g" }))), [
      "aurora-member-engine-version",
    ]);
  });

  it("ElastiCache owns a major.minor engine version; a patch version drifts", () => {
    const rg = "aws:elasticache/replicationGroup:ReplicationGroup";
    assert.deepEqual(second(res(rg, "r", { engineVersion: "7.1" })), []);
    assert.deepEqual(ids(second(res(rg, "r", { engineVersion: "7.1.0" }))), ["elasticache-engine-patch"]);
    assert.deepEqual(ids(second(res(rg, "r", { engineVersion: "v7.1" }))), ["elasticache-engine-patch"]);
  });

  it("owned rows (add-on and cluster versions) are never findings", () => {
    assert.deepEqual(second(res("aws:eks/addon:Addon", "a", { addonVersion: "v1.19.0-eksbuild.1" })), []);
    assert.deepEqual(second(res("eks:index:Cluster", "k", { version: "1.33" })), []);
  });

  it("a node group's desired size drifts only where the cluster-autoscaler chart runs", () => {
    const ng = res("aws:eks/nodeGroup:NodeGroup", "ng", { scalingConfig: { desiredSize: 3 } });
    assert.deepEqual(second(ng), []);
    const ca = res(T.release, "ca", { chart: "cluster-autoscaler" });
    const [v] = second(ng, ca);
    assert.ok(v.message.includes("sets scalingConfig.desiredSize = 3, which "), v.message);
    assert.deepEqual(second(ng, res(T.release, "other", { chart: "keda" })), []);
  });

  it("Aurora readers drift only under an autoscaling target naming that cluster", () => {
    const c = res("aws:rds/cluster:Cluster", "db", { clusterIdentifier: "orders", clusterMembers: ["a"] });
    const target = (id: string) => res("aws:appautoscaling/target:Target", "t", { resourceId: id });
    assert.deepEqual(second(c), []);
    assert.deepEqual(second(c, target("cluster:other")), []);
    const [v] = second(c, target("cluster:orders"));
    assert.ok(v.message.includes(`which t (aws:appautoscaling/target:Target): `), v.message);
    assert.ok(v.message.includes("(aurora-reader-autoscaling)"));
  });

  it("Deployment replicas drift under an HPA or ScaledObject on the same cluster, namespace and name", () => {
    const d = res(T.deployment, "web", obj("web", "apps", { replicas: 2 }));
    const scaler = (type: string, name: string, ns: string, provider = "k8s-a") =>
      res(type, `${name}-scaler`, obj(name, ns, { scaleTargetRef: { name } }), { provider });
    assert.deepEqual(second(d), []);
    assert.deepEqual(ids(second(d, scaler(T.hpa, "web", "apps"))), ["autoscaled-replicas"]);
    assert.deepEqual(ids(second(d, scaler(T.scaledObject, "web", "apps"))), ["autoscaled-replicas"]);
    assert.deepEqual(second(d, scaler(T.hpa, "api", "apps")), []);
    assert.deepEqual(second(d, scaler(T.hpa, "web", "other")), []);
    assert.deepEqual(second(d, scaler(T.hpa, "web", "apps", "k8s-b")), []);
    assert.deepEqual(second(d, res(T.service, "s", obj("web", "apps", { scaleTargetRef: { name: "web" } }))), []);
    const ignored = res(T.deployment, "web", obj("web", "apps", { replicas: 2 }), { ignoreChanges: ["spec"] });
    assert.deepEqual(second(ignored, scaler(T.hpa, "web", "apps")), []);
  });
});

describe("order model units: one DNS record, one owner", () => {
  const rec = (name: string, inputs: Record<string, unknown>) =>
    res("aws:route53/record:Record", name, { zoneId: "Z1", name: "api.example.com", type: "A", ...inputs });
  const owners = (...rs: ReturnType<typeof res>[]) => second(...rs).filter((v) => v.policy === SINGLE_OWNER_POLICY);

  it("two records of one zone, name (case and trailing dot aside) and type: the second is reported", () => {
    const a = rec("a", {});
    const b = rec("b", { name: "API.example.com." });
    const [v] = owners(a, b);
    assert.equal(SINGLE_OWNER_POLICY, "platform-single-owner");
    assert.equal(v.urn, b.urn);
    assert.ok(
      v.message.startsWith(
        "b (aws:route53/record:Record) and a (aws:route53/record:Record) own one DNS record (A api.example.com)",
      ),
      v.message,
    );
    assert.ok(v.message.includes("removing one owner deletes the record the others rely on"));
  });

  it("a third owner is listed with the first", () => {
    const [v] = owners(rec("a", {}), rec("b", {}), rec("c", {}));
    assert.ok(v.message.startsWith("b (aws:route53/record:Record) and a (aws:route53/record:Record), c ("), v.message);
  });

  it("another set identifier, type or zone is another record; unknown or missing names decide nothing", () => {
    assert.deepEqual(owners(rec("a", { setIdentifier: "us-east-1" }), rec("b", { setIdentifier: "us-west-2" })), []);
    assert.equal(owners(rec("a", { setIdentifier: "x" }), rec("b", { setIdentifier: "x" })).length, 1);
    assert.deepEqual(owners(rec("a", {}), rec("b", { type: "AAAA" })), []);
    assert.deepEqual(owners(rec("a", {}), rec("b", { zoneId: "Z2" })), []);
    assert.deepEqual(owners(rec("a", { name: "[unknown]" }), rec("b", { name: "[unknown]" })), []);
    assert.deepEqual(owners(rec("a", { zoneId: "[unknown]" }), rec("b", { zoneId: "[unknown]" })), []);
    assert.deepEqual(owners(rec("a", { name: 1 }), rec("b", { name: 1 })), []);
    assert.deepEqual(owners(rec("a", { zoneId: 1 }), rec("b", { zoneId: 1 })), []);
    assert.deepEqual(owners(rec("a", {})), []);
  });
});
