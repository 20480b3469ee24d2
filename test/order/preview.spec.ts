import { strict as assert } from "assert";
import { orderFindings } from "../../tools/order";
import { planFor } from "../helpers/plan";
import { fixture, mandatory, named } from "./plant";

/**
 * In a preview, computed values are "[unknown]": the model says it cannot decide rather than reading
 * them as absent (or as equal), and still decides what it can from the dependency graph.
 */
describe("order model under preview semantics", () => {
  it("unknown record names are not one record; an unknown role policy is 'cannot check until known'", async () => {
    const x = fixture((await planFor("prod")).plan);
    for (const r of x.resources.filter((r) => r.type === "aws:route53/record:Record")) r.inputs.name = "[unknown]";
    named(x, "security-config-delivery").inputs.policy = "[unknown]";
    assert.deepEqual(mandatory(x), []);
    const advisories = orderFindings(x).filter((v) => v.message.startsWith("cannot check until known: "));
    assert.deepEqual(
      advisories.map((v) => v.message.split(" needs ")[0]).sort(),
      ["us-east-1", "us-west-2", "eu-west-1"]
        .map((r) => `cannot check until known: security-${r}-config-channel (aws:cfg/deliveryChannel:DeliveryChannel)`)
        .sort(),
    );
  });

  it("unknown chart values decide nothing about what the chart renders; a missing dependency is still found", async () => {
    const x = fixture((await planFor("prod")).plan);
    named(x, "us-west-2-workloads-keda").inputs.values = "[unknown]";
    assert.deepEqual(mandatory(x), []);
    const so = named(x, "us-west-2-workloads-so-frontend");
    so.dependencies = so.dependencies.filter((u) => u !== named(x, "us-west-2-workloads-deploy-frontend").urn);
    assert.equal(mandatory(x).length, 1);
  });
});
