import { strict as assert } from "assert";
import { planMesh } from "../../components/mesh/plan";
import { validateManifest } from "../helpers/schemas";
import { meshInput } from "./fixtures";

/** Package path and class of the model each generated kind is checked against. */
function modelOf(m: Record<string, any>): [string, string] | undefined {
  const [group, version] = m.apiVersion.split("/");
  if (group.endsWith(".istio.io")) return [`@kubernetes-models/istio/${group}/${version}/${m.kind}`, m.kind];
  if (group === "monitoring.coreos.com")
    return [`@kubernetes-models/prometheus-operator/${group}/${version}/${m.kind}`, m.kind];
  if (group === "networking.k8s.io") return [`kubernetes-models/${group}/${version}/${m.kind}`, m.kind];
  if (m.apiVersion === "v1") return [`kubernetes-models/v1/${m.kind}`, m.kind];
  return undefined;
}

describe("mesh objects against their schemas", function () {
  this.timeout(30_000);
  const plan = planMesh(meshInput({ mesh: { calls: { "notification-worker": ["user-service"] } } }));
  const all = [...plan.manifests.map((m) => m.manifest), ...plan.monitors];

  it("covers every kind the plan emits (the waypoint Gateway is checked structurally: no Gateway API model)", () =>
    assert.deepEqual(
      [...new Set(all.filter((m) => !modelOf(m)).map((m) => `${m.apiVersion}/${m.kind}`))],
      ["gateway.networking.k8s.io/v1/Gateway"],
    ));

  it("validates every Istio object against @kubernetes-models/istio (Istio CRDs)", async () => {
    const istio = all.filter((m) => m.apiVersion.includes(".istio.io/"));
    assert.equal(
      istio.length,
      2 + 1 + 4 * 2 + 1 + 4 * 2,
      "2 PeerAuthentications, 10 AuthorizationPolicies, 4 DRs, 4 VSs",
    );
    for (const m of istio) await validateManifest(...modelOf(m)!, m);
  });

  it("validates the monitors against @kubernetes-models/prometheus-operator", async () => {
    for (const m of plan.monitors) await validateManifest(...modelOf(m)!, m);
  });

  it("validates NetworkPolicies and the waypoint ConfigMap against kubernetes-models", async () => {
    for (const m of all.filter((x) => x.kind === "NetworkPolicy" || x.kind === "ConfigMap"))
      await validateManifest(...modelOf(m)!, m);
  });

  it("rejects a DestinationRule the schema forbids (the check can fail)", async () => {
    const dr = structuredClone(all.find((m) => m.kind === "DestinationRule")!);
    dr.spec.trafficPolicy.connectionPool.tcp.maxConnections = "a hundred";
    await assert.rejects(validateManifest(...modelOf(dr)!, dr), /maxConnections/);
  });
});
