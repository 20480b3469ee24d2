import { strict as assert } from "node:assert";
import fc from "fast-check";
import { estimateCost } from "../../tools/cost/estimate";
import { planFor, planWith } from "../helpers/plan";

describe("cost: the dev and prod plans", function () {
  this.timeout(180_000);

  for (const stack of ["dev", "prod"])
    it(`${stack}: plan.json carries the usage, every resource type is priced, free or listed as not estimated`, async () => {
      const { plan, config } = await planFor(stack);
      assert.deepEqual(plan.usage, config.cost);
      const r = estimateCost(plan);
      assert.deepEqual(
        r.unpriced.filter((u) => u.kind === "rule").map((u) => u.type),
        [],
        "a type nobody classified",
      );
      // The price gaps: no page gave DynamoDB's or MSK's EU prices, so prod's eu-west-1 replica and brokers are
      // counted unpriced (and eu-west-1 flagged) instead of guessed.
      assert.deepEqual(
        [...new Set(r.unpriced.filter((u) => u.kind === "price").map((u) => `${u.type} ${u.region}`))].sort(),
        stack === "prod"
          ? ["aws:dynamodb/tableReplica:TableReplica eu-west-1", "aws:msk/cluster:Cluster eu-west-1"]
          : [],
      );
      assert.deepEqual(
        r.coverage.regionsWithoutPrices.map((x) => x.region),
        stack === "prod" ? ["eu-west-1"] : [],
      );
      const c = r.coverage;
      assert.equal(c.estimated + c.free + c.unpriced, c.resources);
      assert.equal(
        c.resources,
        plan.resources.filter((x) => x.custom && !x.type.startsWith("pulumi:providers:")).length,
      );
      const cents = (xs: number[]) => xs.reduce((a, b) => a + Math.round(b * 100), 0);
      assert.equal(cents(Object.values(r.byRegion)), Math.round(r.monthly * 100));
      assert.ok(r.monthly > 0);
    });

  it("prod: any subset of the plan's resources is covered exactly once (property)", async () => {
    const { plan } = await planFor("prod");
    fc.assert(
      fc.property(fc.subarray(plan.resources, { maxLength: 300 }), (resources) => {
        const c = estimateCost({ ...plan, resources }).coverage;
        const counted = resources.filter((x) => x.custom && !x.type.startsWith("pulumi:providers:")).length;
        assert.equal(c.resources, counted);
        assert.equal(c.estimated + c.free + c.unpriced, counted);
      }),
      { numRuns: 40 },
    );
  });

  it("prod: one EKS control plane and one set of NAT gateways per region, within the prod budget", async () => {
    const { plan } = await planFor("prod");
    const r = estimateCost(plan);
    const eks = r.lines.filter((l) => l.line === "EKS control plane");
    assert.deepEqual(eks.map((l) => l.region).sort(), ["eu-west-1", "us-east-1", "us-west-2"]);
    assert.equal(r.lines.filter((l) => l.line === "NAT gateway hours").length, 9);
    assert.deepEqual(
      plan.violations.filter((v) => v.policy === "cost-budget"),
      [],
    );
  });

  it("dev: a budget below the estimate is reported by cost-budget (advisory in dev)", async () => {
    const { plan } = await planWith("dev", { cost: { monthlyBudget: 100, traffic: { peakRps: 20 } } });
    const v = plan!.violations.filter((x) => x.policy === "cost-budget");
    assert.equal(v.length, 1);
    assert.equal(v[0].enforcementLevel, "advisory");
    assert.match(v[0].message, /^estimated monthly cost \$[0-9,.]+ exceeds platform:cost\.monthlyBudget \$100\.00 by /);
  });
});
