import { strict as assert } from "node:assert";
import { planFor, planWith } from "../helpers/plan";
import { NAME_RULES } from "../../policies/aws/names/limits";
import { NAME_INPUTS, NOT_OWN_NAME, NOT_YET_READ } from "../../policies/aws/names/coverage";

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

  it("a config name starting with a digit passes config but fails the plan on every RDS and ElastiCache name", async () => {
    const { plan, error } = await planWith("dev", { name: "9lives" });
    assert.equal(error, undefined);
    const found = plan!.violations.filter((v) => v.policy === POLICY);
    assert.ok(found.every((v) => v.enforcementLevel === "mandatory"));
    assert.deepEqual(found.map((v) => v.message.slice(0, v.message.indexOf(" ["))).sort(), [
      'aws:elasticache/replicationGroup:ReplicationGroup "cache-us-east-1-group" replicationGroupId "9lives-dev-use1-cache" must: start with a letter',
      'aws:rds/cluster:Cluster "database-us-east-1-cluster" clusterIdentifier "9lives-dev-use1-aurora" must: start with a letter',
      'aws:rds/clusterInstance:ClusterInstance "database-us-east-1-instance-1" identifier "9lives-dev-use1-aurora-1" must: start with a letter',
      'aws:rds/clusterInstance:ClusterInstance "database-us-east-1-instance-2" identifier "9lives-dev-use1-aurora-2" must: start with a letter',
      'aws:rds/clusterParameterGroup:ClusterParameterGroup "database-us-east-1-params" name "9lives-dev-use1-aurora-pg16" must: start with a letter',
      'aws:rds/subnetGroup:SubnetGroup "database-us-east-1-subnets" name "9lives-dev-use1-aurora" must: start with a letter',
    ]);
  });
});
