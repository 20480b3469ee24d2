import { formatIssue } from "../../components/config";
import { strict as assert } from "node:assert";
import { planFor, planWith } from "../helpers/plan";
import { NAME_RULES } from "../../policies/aws/names/limits";
import { NAME_INPUTS, NOT_OWN_NAME, NOT_YET_READ } from "../../policies/aws/names/coverage";
import { physicalNameViolations } from "../../policies/aws/names/physical-names";

const POLICY = "aws-physical-names";
const covered = new Set(
  NAME_RULES.flatMap((r) => [`${r.type} ${r.key}`, ...(r.prefix ? [`${r.type} ${r.prefix.key}`] : [])]),
);

describe("plan: AWS physical names", function () {
  this.timeout(120_000);

  for (const stack of ["dev", "prod"]) {
    it(`${stack}: no name breaks an AWS rule, and names were actually checked`, async () => {
      const { plan } = await planFor(stack);
      assert.deepEqual(
        plan.violations.filter((v) => v.policy === POLICY).map((v) => v.message),
        [],
      );
      const checked = plan.resources.filter((r) =>
        NAME_RULES.some((row) => row.type === r.type && typeof r.inputs[row.key] === "string"),
      );
      const autoNamed = plan.resources.filter((r) =>
        NAME_RULES.some((row) => row.type === r.type && row.autoNamed && !(row.key in r.inputs)),
      );
      // Both shapes occur: ALB/RDS/cache names we set, IAM roles and security groups the provider names.
      assert.ok(
        checked.some((r) => r.type === "aws:lb/loadBalancer:LoadBalancer"),
        "ALB name checked",
      );
      assert.ok(
        checked.some((r) => r.type === "aws:rds/cluster:Cluster"),
        "Aurora identifier checked",
      );
      assert.ok(
        autoNamed.some((r) => r.type === "aws:iam/role:Role"),
        "an auto-named IAM role checked",
      );
      assert.ok(
        checked.some((r) => r.type === "aws:wafv2/webAcl:WebAcl"),
        "WAFv2 web ACL name checked",
      );
      if (stack === "prod")
        for (const t of [
          "codeconnections/connection:Connection",
          "cfg/recorder:Recorder",
          "cfg/deliveryChannel:DeliveryChannel",
        ])
          assert.ok(
            checked.some((r) => r.type === `aws:${t}`),
            `${t} name checked`,
          );
    });

    it(`${stack}: every name-like input has a row or a stated reason`, async () => {
      const { plan } = await planFor(stack);
      const unexplained = new Set<string>();
      for (const r of plan.resources) {
        if (!r.type.startsWith("aws:") && !r.type.startsWith("eks:")) continue;
        for (const key of NAME_INPUTS) {
          const k = `${r.type} ${key}`;
          if (typeof r.inputs[key] === "string" && !covered.has(k) && !(k in NOT_OWN_NAME) && !(k in NOT_YET_READ))
            unexplained.add(k);
        }
      }
      assert.deepEqual([...unexplained], []);
    });
  }

  it("the writer promotion's names: a hosted zone and an SSM document AWS would refuse are reported, the planned ones pass", () => {
    const rules = (type: string, name: string) =>
      physicalNameViolations(type, "x", { name }).map((m) => m.replace(/^.* must: (.*) \[AWS rule: .*$/, "$1"));
    const zone = "aws:route53/zone:Zone";
    assert.deepEqual(rules(zone, "platform-prod.internal"), []);
    assert.deepEqual(rules(zone, `${"a".repeat(64)}.internal`), [
      "have no label (between dots) longer than 63 characters",
    ]);
    assert.deepEqual(rules(zone, `${"a".repeat(63)}.`.repeat(4) + "internal"), ["be at most 255 characters (has 264)"]);
    assert.deepEqual(rules(zone, "platform prod.internal"), ["contain only printable ASCII characters, no spaces"]);
    const doc = "aws:ssm/document:Document";
    assert.deepEqual(rules(doc, "platform-prod-usw2-promote-writer"), []);
    assert.deepEqual(rules(doc, "ab"), ["be 3 to 128 characters (has 2)"]);
    assert.deepEqual(rules(doc, "amzn-promote-writer"), [
      'not start with "aws" or "amazon" or "amzn" or "AWSEC2" or "AWSConfigRemediation" or "AWSSupport"',
    ]);
    assert.deepEqual(rules(doc, "promote/writer"), ["contain only letters, digits, underscores, hyphens and periods"]);
  });

  it("a config name starting with a digit is refused by config, naming the key (the policy would fail 6 RDS/ElastiCache names)", async () => {
    const { plan, error } = await planWith("dev", { name: "9lives" });
    assert.equal(plan, undefined);
    assert.deepEqual(error!.issues.map(formatIssue), [
      'platform:name: got "9lives"; expected a DNS label starting with a letter (RDS and ElastiCache identifiers begin with it)',
    ]);
  });
});
