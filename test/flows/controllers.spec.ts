import { strict as assert } from "assert";
import { evaluateFlows } from "../../tools/flows";
import { planFor } from "../helpers/plan";

type Plan = Awaited<ReturnType<typeof planFor>>["plan"];

/** The plan plus a default-deny ingress NetworkPolicy in `namespace` of the first region's cluster. */
function withDeny(plan: Plan, namespace: string) {
  const anchor = plan.resources.find((r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy")!;
  const deny = {
    ...anchor,
    urn: `urn:test::deny-${namespace}`,
    name: `deny-${namespace}`,
    inputs: { metadata: { name: "default-deny", namespace }, spec: { podSelector: {}, policyTypes: ["Ingress"] } },
    dependencies: [],
  };
  return [...plan.resources, deny];
}

describe("flows: controllers and webhooks", () => {
  it("dev: KEDA -> Prometheus 9090 and kube-apiserver -> VPA webhook 8000 hold in every region", async () => {
    const { plan, config } = await planFor("dev");
    for (const [id, from, to, port] of [
      ["keda-prometheus", "keda-operator", "Prometheus", 9090],
      ["apiserver-vpa-webhook", "kube-apiserver (control-plane ENIs)", "VPA admission webhook", 8000],
    ] as const) {
      const flows = plan.flows.filter((f) => f.requirement === id);
      assert.deepEqual(
        flows.map((f) => [f.from, f.to, f.port, f.ok]),
        config.regions.map((r) => [`${r.name} ${from}`, `${r.name} ${to}`, port, true]),
        id,
      );
    }
  });

  it("the checks are live: without Prometheus' own policy monitoring's default-deny breaks KEDA's queries, one in kube-system the VPA webhook", async () => {
    const { plan } = await planFor("dev");
    const broken = (namespace: string, id: string) =>
      evaluateFlows(withDeny(plan, namespace) as never).filter((f) => f.requirement === id && !f.ok);
    const open = {
      ...plan,
      resources: plan.resources.filter((r) => r.name !== "us-east-1-observability-netpol-prometheus"),
    };
    const keda = evaluateFlows(open.resources as never).filter((f) => f.requirement === "keda-prometheus" && !f.ok);
    assert.equal(keda.length, 1);
    assert.match(keda[0].reason!, /default-deny/);
    assert.equal(broken("kube-system", "apiserver-vpa-webhook").length, 1);
  });
});
