import { strict as assert } from "node:assert";
import { policyConfigFor } from "../lib/config";
import { costBudget } from "../stack/cost-budget";
import { runStack } from "./harness";

describe("policies: cost-budget", () => {
  let policy: ReturnType<typeof costBudget>;
  beforeEach(() => {
    policy = costBudget();
  });
  const estimate = { monthly: 1200.5, top: ["EKS control plane us-east-1 $73.00"], priceDate: "2026-12-02" };

  it("is advisory, and mandatory in prod and staging", () => {
    assert.equal(policy.enforcementLevel, "advisory");
    assert.deepEqual(policyConfigFor("prod")["cost-budget"], { enforcementLevel: "mandatory" });
    assert.deepEqual(policyConfigFor("staging")["cost-budget"], { enforcementLevel: "mandatory" });
    assert.equal(policyConfigFor("dev")["cost-budget"], undefined);
  });
  it("checks nothing without a budget (the checked-in pack configs)", () =>
    assert.deepEqual(runStack(policy, [], { estimate }), []));
  it("passes an estimate within the budget, including exactly at it", () => {
    assert.deepEqual(runStack(policy, [], { monthlyBudget: 1500, estimate }), []);
    assert.deepEqual(runStack(policy, [], { monthlyBudget: 1200.5, estimate }), []);
  });
  it("reports an estimate over the budget with the overrun and the largest lines", () =>
    assert.deepEqual(runStack(policy, [], { monthlyBudget: 1000, estimate }), [
      {
        message:
          "estimated monthly cost $1,200.50 exceeds platform:cost.monthlyBudget $1,000.00 by $200.50; " +
          "largest lines: EKS control plane us-east-1 $73.00 (list prices of 2026-12-02; npm run cost for every line)",
        urn: undefined,
      },
    ]));
  it("reports a budget that arrives without an estimate", () =>
    assert.deepEqual(runStack(policy, [], { monthlyBudget: 1000 }), [
      {
        message:
          "platform:cost.monthlyBudget is $1,000.00 but the policy config carries no cost estimate; " +
          "write it with: npm run cost -- --stack <name> --policy-config FILE",
        urn: undefined,
      },
    ]));
});
