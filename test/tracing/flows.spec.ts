import { strict as assert } from "assert";
import { evaluateFlows } from "../../tools/flows";
import { planFor } from "../helpers/plan";

const TRACING_FLOWS = ["tracing-waypoint-collector", "tracing-collector-jaeger"];

describe("flows: spans from the waypoint to Jaeger", () => {
  it("dev and prod: waypoint -> collector 4317 and collector -> Jaeger 4317 hold in every region", async () => {
    for (const stack of ["dev", "prod"]) {
      const { plan, config } = await planFor(stack);
      for (const id of TRACING_FLOWS) {
        const flows = plan.flows.filter((f) => f.requirement === id);
        assert.deepEqual(
          flows.map((f) => [f.port, f.ok]),
          config.regions.map(() => [4317, true]),
          `${stack} ${id}`,
        );
      }
    }
  });

  it("the checks are live: without the waypoint's egress policy the spans stop in the apps namespace", async () => {
    const { plan } = await planFor("dev");
    const without = plan.resources.filter((r) => r.name !== "us-east-1-tracing-waypoint-egress");
    assert.equal(without.length, plan.resources.length - 1, "the plan has the egress policy");
    const broken = evaluateFlows(without as never).filter((f) => !f.ok);
    assert.deepEqual(
      broken.map((f) => f.requirement),
      ["tracing-waypoint-collector"],
    );
    assert.match(broken[0].reason!, /no egress NetworkPolicy rule admits 4317\/tcp/);
  });

  it("and without Jaeger's ingress rule for the collector nothing reaches the store", async () => {
    const { plan } = await planFor("dev");
    const jaegerIngress = plan.resources.find((r) => r.name === "us-east-1-tracing-jaeger-ingress")!;
    const denyAll = {
      ...jaegerIngress,
      inputs: {
        ...jaegerIngress.inputs,
        spec: {
          podSelector: (jaegerIngress.inputs.spec as { podSelector: unknown }).podSelector,
          policyTypes: ["Ingress"],
        },
      },
    };
    const resources = plan.resources.map((r) => (r === jaegerIngress ? denyAll : r));
    const broken = evaluateFlows(resources as never).filter((f) => !f.ok);
    assert.deepEqual(
      broken.map((f) => f.requirement),
      ["tracing-collector-jaeger"],
    );
  });
});
