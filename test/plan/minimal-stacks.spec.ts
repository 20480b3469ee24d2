import { strict as assert } from "assert";
import * as fs from "fs";
import { fixtureStack, planOf, planWith } from "../helpers/plan";
import { mandatoryViolations } from "../../tools/plan-lib";

/**
 * The least a stack file of each environment must say (test/fixtures/stacks/Pulumi.minimal-<env>.yaml):
 * everything else is a documented default, and those defaults must pass the environment's own
 * mandatory policies (policies/config/<env>.json), or a newcomer's first plan fails on a default.
 */
describe("a minimal stack per environment plans with its own mandatory policies passing", function () {
  this.timeout(180_000);
  for (const env of ["dev", "staging", "prod"] as const)
    it(`${env}: 0 mandatory violations`, async () => {
      const file = fixtureStack(`minimal-${env}`);
      const result = await planOf(`minimal-${env}`, { preview: false, configFile: file });
      assert.ok(result.ok, result.ok ? "" : result.error.message);
      assert.deepEqual(
        mandatoryViolations(result.plan).map((v) => `${v.policy}: ${v.message}`),
        [],
      );
    });

  it("staging with the defaults logs WAF requests (its policy config makes aws-waf-logging mandatory)", async () => {
    const result = await planOf("minimal-staging", { preview: false, configFile: fixtureStack("minimal-staging") });
    assert.ok(result.ok);
    const logging = result.plan.resources.filter(
      (r) => r.type === "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    );
    assert.equal(logging.length, 1);
    const group = result.plan.resources.find(
      (r) => r.type === "aws:cloudwatch/logGroup:LogGroup" && String(r.inputs.name).startsWith("aws-waf-logs-"),
    );
    assert.equal(group?.inputs.retentionInDays, 90);
  });

  it("prod refuses WAF logs kept under 90 days, naming the key; dev may keep them 30", async () => {
    const edge = (days: number) => ({ domain: "example.com", routing: "latency", waf: { logRetentionDays: days } });
    const { error } = await planWith("prod", { "platform:edge": edge(30) });
    assert.match(error?.message ?? "", /platform:edge\.waf\.logRetentionDays: got 30; expected at least 90 in prod/);
    assert.equal((await planWith("prod", { "platform:edge": edge(90) })).error, undefined);
  });

  it("the fixtures say only what an environment requires (each key's absence is a config error)", () => {
    const keys = (env: string) =>
      [...fs.readFileSync(fixtureStack(`minimal-${env}`), "utf8").matchAll(/^ {2}(platform:[\w.]+):/gm)].map(
        (m) => m[1],
      );
    assert.deepEqual(keys("dev"), ["platform:environment", "platform:regions", "platform:cluster"]);
    assert.deepEqual(keys("staging"), [
      "platform:environment",
      "platform:regions",
      "platform:cluster",
      "platform:security",
      "platform:observability",
    ]);
  });
});
