import { strict as assert } from "assert";
import * as fc from "fast-check";
import { orderFindings } from "../../tools/order";
import type { PlanResource } from "../../policies/lib/offline";
import { res, obj, T } from "./units";

/**
 * Properties of the order model over random dependency graphs: an object admitted by KEDA's webhook
 * (rules.json keda-scaledobject-target) and built from KEDA's CRDs is reported exactly when the KEDA
 * release is not among the resources created before it, whether it depends on the release directly
 * or through other objects; a namespaced object likewise with its namespace. The oracle is a
 * breadth-first search written here.
 */
function createdBefore(rs: PlanResource[], r: PlanResource): Set<string> {
  const byUrn = new Map(rs.map((x) => [x.urn, x]));
  const seen = new Set<string>();
  const queue = [...r.dependencies];
  while (queue.length > 0) {
    const u = queue.shift()!;
    if (seen.has(u)) continue;
    seen.add(u);
    queue.push(...(byUrn.get(u)?.dependencies ?? []));
  }
  return seen;
}

describe("order model units: properties over random graphs", () => {
  it("a KEDA object is reported exactly when neither the release nor its namespace comes first", () => {
    const graph = fc.array(fc.tuple(fc.boolean(), fc.boolean(), fc.nat()), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(graph, (spec) => {
        const release = res(T.release, "keda", { chart: "keda", version: "2.20.2", namespace: "keda" });
        const ns = res(T.namespace, "ns-apps", obj("apps"));
        const objects: PlanResource[] = [];
        spec.forEach(([onRelease, onNamespace, earlier], i) => {
          const deps = [
            ...(onRelease ? [release] : []),
            ...(onNamespace ? [ns] : []),
            ...(i > 0 && earlier % 2 === 0 ? [objects[earlier % i]] : []),
          ];
          const so = obj(`so-${i}`, "apps", { triggers: [{ type: "kafka" }], scaleTargetRef: { name: "web" } });
          objects.push(res("kubernetes:keda.sh/v1alpha1:ScaledObject", `so-${i}`, so, { deps }));
        });
        const rs = [release, ns, ...objects];
        const found = orderFindings({ resources: rs });
        for (const o of objects) {
          const before = createdBefore(rs, o);
          const mine = found.filter((v) => v.urn === o.urn).map((v) => v.message);
          assert.equal(
            mine.some((m) => m.includes("(keda-scaledobject-target:")),
            !before.has(release.urn),
            o.name,
          );
          assert.equal(
            mine.some((m) => m.includes("which installs the CRD of keda.sh/ScaledObject")),
            !before.has(release.urn),
          );
          assert.equal(
            mine.some((m) => m.includes("must depend on ns-apps (kubernetes:core/v1:Namespace)")),
            !before.has(ns.urn),
          );
          assert.equal(mine.length, (before.has(release.urn) ? 0 : 2) + (before.has(ns.urn) ? 0 : 1));
        }
      }),
    );
  });
});
