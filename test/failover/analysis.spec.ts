import { strict as assert } from "assert";
import { failoverEntry, failoverSummaryLine } from "../../tools/failover/analysis";
import { planFor } from "../helpers/plan";

describe("failover in the plan", () => {
  it("prod: one entry with the objective's budget; every scenario within it", async () => {
    const { plan } = await planFor("prod");
    const entry = failoverEntry(plan.resources, 99.99);
    assert.deepEqual([entry.objective, entry.budgetSeconds, entry.ok], [99.99, 259.2, true]);
    assert.equal(
      failoverSummaryLine(entry),
      "Failover (objective 99.99 % = 259.2 s a month): 4 of 4 scenarios within the budget",
    );
  });

  it("a stricter objective (99.999 %: 25.92 s) names each scenario over it in the summary line", async () => {
    const { plan } = await planFor("prod");
    const entry = failoverEntry(plan.resources, 99.999);
    assert.equal(
      failoverSummaryLine(entry),
      "Failover (objective 99.999 % = 25.92 s a month): 1 of 4 scenarios within the budget; over: one AZ lost " +
        "(read 155 s, write 155 s); one non-writer region lost (us-west-2, the slowest to drain) (read 96 s, write 96 s); " +
        "the writer region lost (us-east-1) (read 96 s, write 230 s); npm run failover -- --stack <stack> shows why",
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
