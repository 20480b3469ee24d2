import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import * as path from "path";
import { buildPlan, mandatoryViolations, planViolations, stackPolicyConfig } from "../../tools/plan-lib";
import { estimateCost } from "../../tools/cost/estimate";
import { planFor, ROOT } from "../helpers/plan";

describe("offline plan: policy evaluation", () => {
  for (const stack of ["dev", "prod"]) {
    it(`${stack} has no mandatory violations`, async () => {
      const { plan } = await planFor(stack);
      assert.deepEqual(
        mandatoryViolations(plan).map((v) => `${v.policy}: ${v.message} (${v.urn})`),
        [],
      );
    });
  }

  it("the stack's pack config (npm run policy-config, CI) carries the budget with the estimate the plan is checked with", async () => {
    const { plan, config } = await planFor("prod");
    const budget = stackPolicyConfig(config, plan.resources)["cost-budget"] as Record<string, any>;
    assert.equal(budget.enforcementLevel, "mandatory");
    assert.equal(budget.monthlyBudget, config.cost.monthlyBudget);
    assert.equal(budget.estimate.monthly, estimateCost({ resources: plan.resources, usage: config.cost }).monthly);
    assert.deepEqual(
      stackPolicyConfig(config)["cost-budget"],
      { enforcementLevel: "mandatory" },
      "no resources, no estimate",
    );
    // The same object decides the plan's verdict: a budget below the estimate fails it.
    const tight = { ...config, cost: { ...config.cost, monthlyBudget: 1000 } };
    assert.deepEqual(
      planViolations(plan.resources, tight)
        .filter((v) => v.policy === "cost-budget")
        .map((v) => v.enforcementLevel),
      ["mandatory"],
    );
  });

  it("a planted world-open SSH security group on a default provider fails the plan", async () => {
    const entry = path.join(ROOT, "index.ts");
    const result = await buildPlan({
      stack: "dev",
      rootDir: ROOT,
      program: () => {
        delete require.cache[require.resolve(entry)];
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- re-runs the program on a fresh module
        const outputs = require(entry);
        // Deliberately no provider: lands on the default provider.
        new aws.ec2.SecurityGroup("planted-ssh", {
          vpcId: "vpc-123",
          description: "planted",
          ingress: [
            { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], description: "ssh from anywhere" },
          ],
        });
        return outputs;
      },
    });
    assert.ok(result.ok);
    const found = mandatoryViolations(result.plan).filter((v) => v.urn.endsWith("::planted-ssh"));
    assert.deepEqual(found.map((v) => v.policy).sort(), [
      "aws-allowed-regions",
      "aws-no-default-provider",
      "aws-no-world-ingress",
      "aws-required-tags",
    ]);
    for (const v of found) assert.ok(v.message.length > 20, v.message);
  });
});
