import { strict as assert } from "assert";
import { failoverEntry, failoverSummaryLine } from "../../tools/failover/analysis";
import { planFor } from "../helpers/plan";

describe("failover in the plan", () => {
  it("prod: one entry with the objective's budget and the summary line naming the scenario over it", async () => {
    const { plan } = await planFor("prod");
    const entry = failoverEntry(plan.resources, 99.99);
    assert.deepEqual([entry.objective, entry.budgetSeconds, entry.ok], [99.99, 259.2, false]);
    assert.equal(
      failoverSummaryLine(entry),
      "Failover (objective 99.99 % = 259.2 s a month): 3 of 4 scenarios within the budget; " +
        "over: the writer region lost (us-east-1) (read 96 s, write 1601 s); npm run failover -- --stack <stack> shows why",
    );
  });

  it("a looser objective (99.9 %: 2592 s) puts every prod scenario within the budget", async () => {
    const { plan } = await planFor("prod");
    const entry = failoverEntry(plan.resources, 99.9);
    assert.equal(entry.ok, true);
    assert.equal(
      failoverSummaryLine(entry),
      "Failover (objective 99.9 % = 2592 s a month): 4 of 4 scenarios within the budget",
    );
  });
});
