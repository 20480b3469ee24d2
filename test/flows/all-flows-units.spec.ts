import { strict as assert } from "assert";
import { evaluateFlows, REQUIRED_FLOWS } from "../../tools/flows";
import type { PlanResource } from "../../policies/lib/offline";
import { plannedResources } from "./planned";

/**
 * Every required flow on dev, as the plan's contract states it (a flow that does not hold is a
 * mandatory violation, so dev plans only when all hold; test/flows/plan.spec.ts checks the same on the
 * built plan): each requirement has a flow in dev's region unless its source is off in dev's stack
 * file, and every flow holds with evidence.
 */
const OFF_IN_DEV = [
  "chaos-abort-prometheus", // platform:chaos.production is off in dev
  "loadtest-gateway", // platform:loadTests is off in dev
  "loadtest-prometheus",
  "prometheus-pod-identity", // AMP credentials: dev's Prometheus does not write to AMP
];
let dev: readonly PlanResource[];

describe("flows units: every required flow on dev", function () {
  this.timeout(300_000);
  // Mutation runs select single tests: the hook, not a test, loads dev's resources.
  before(async () => {
    dev = await plannedResources("dev");
  });

  it("each requirement not switched off has a flow, and every flow holds with evidence", () => {
    const flows = evaluateFlows(dev);
    const have = new Set(flows.map((f) => f.requirement));
    assert.deepEqual(
      REQUIRED_FLOWS.map((r) => r.id).filter((id) => !have.has(id)),
      OFF_IN_DEV,
    );
    assert.deepEqual(
      flows.filter((f) => !f.ok).map((f) => `${f.requirement}: ${f.from} -> ${f.to}: ${f.reason}`),
      [],
    );
    assert.deepEqual(
      flows.filter((f) => !f.via?.length || !f.urn).map((f) => `${f.requirement}: ${f.from} -> ${f.to}`),
      [],
    );
  });
});
