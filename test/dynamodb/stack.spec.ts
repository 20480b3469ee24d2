import { strict as assert } from "assert";
import type { Plan } from "../../tools/plan-lib";
import { inRegion, ofType, planFor } from "../helpers/plan";

const TABLE = "aws:dynamodb/table:Table";
const REPLICA = "aws:dynamodb/tableReplica:TableReplica";
const FUNCTION = "aws:lambda/function:Function";
const MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping";
const SCALING_TARGET = "aws:appautoscaling/target:Target";
const POLICY = "aws:iam/rolePolicy:RolePolicy";

/** The pod role policy of a service in a region, parsed (its Pulumi name ends in `<service>-pi-policy`). */
function podPolicy(plan: Plan, region: string, service: string) {
  const p = plan.resources.find(
    (r) => r.type === POLICY && r.region === region && r.name === `${region}-workloads-${service}-pi-policy`,
  );
  return p ? JSON.parse(String(p.inputs.policy)) : undefined;
}

describe("data systems in the stacks (seed 002)", () => {
  describe("prod", () => {
    let plan: Plan;
    before(async () => ({ plan } = await planFor("prod")));

    it("has one on-demand table with GSI1 and NEW_AND_OLD_IMAGES, replicas in the two other regions", () => {
      const [t] = ofType(plan, TABLE);
      assert.equal(ofType(plan, TABLE).length, 1);
      assert.equal(t.region, "us-east-1");
      assert.equal(t.inputs.billingMode, "PAY_PER_REQUEST");
      assert.equal(t.inputs.streamViewType, "NEW_AND_OLD_IMAGES");
      assert.deepEqual(
        (t.inputs.globalSecondaryIndexes as { name: string }[]).map((g) => g.name),
        ["GSI1"],
      );
      assert.deepEqual(
        ofType(plan, REPLICA)
          .map((r) => r.region)
          .sort(),
        ["eu-west-1", "us-west-2"],
      );
      assert.deepEqual(t.inputs.pointInTimeRecovery, { enabled: true });
      assert.equal(t.inputs.deletionProtectionEnabled, true);
    });

    it("runs a burst processor per region: batch 10, window 5 s, 1000 reserved", () => {
      const fns = ofType(plan, FUNCTION).filter((f) => f.name.endsWith("-burst-function"));
      assert.deepEqual(fns.map((f) => f.region).sort(), ["eu-west-1", "us-east-1", "us-west-2"]);
      for (const f of fns) assert.equal(f.inputs.reservedConcurrentExecutions, 1000);
      for (const region of ["us-east-1", "us-west-2", "eu-west-1"]) {
        const [m] = inRegion(ofType(plan, MAPPING), region);
        assert.equal(m.inputs.batchSize, 10);
        assert.equal(m.inputs.maximumBatchingWindowInSeconds, 5);
        const queue = plan.resources.find((r) => r.name === `${region}-workloads-queue`)!;
        assert.ok(m.dependencies.includes(queue.urn), `${region}: the function reads its own region's job queue`);
      }
    });

    it("gives activity-service item access on its own region's replica only", () => {
      for (const region of ["us-west-2", "eu-west-1"]) {
        const doc = podPolicy(plan, region, "activity-service");
        const items = doc.Statement.find((s: { Sid: string }) => s.Sid === "TableItems");
        assert.ok(items, `${region}: activity-service has table access`);
        assert.ok(!items.Action.includes("dynamodb:Scan"));
        assert.equal(items.Resource.length, 2, "the table and its indexes");
        // The statement's ARNs come from this region's replica, never another region's.
        const policy = plan.resources.find((r) => r.name === `${region}-workloads-activity-service-pi-policy`)!;
        for (const replica of ofType(plan, REPLICA))
          assert.equal(policy.dependencies.includes(replica.urn), replica.region === region, replica.name);
      }
      const user = podPolicy(plan, "us-west-2", "user-service");
      assert.ok(!user.Statement.some((s: { Sid: string }) => s.Sid === "TableItems"), "user-service declares no table");
    });

    it("scales no cache replicas: every prod cache group is a Global Datastore member", () =>
      assert.equal(
        ofType(plan, SCALING_TARGET).filter((t) => String(t.inputs.scalableDimension).startsWith("elasticache")).length,
        0,
      ));
  });

  describe("dev", () => {
    let plan: Plan;
    before(async () => ({ plan } = await planFor("dev")));

    it("has the cheapest working form: one table, no replica, no PITR; 10 reserved", () => {
      assert.equal(ofType(plan, TABLE).length, 1);
      assert.equal(ofType(plan, REPLICA).length, 0);
      assert.deepEqual(ofType(plan, TABLE)[0].inputs.pointInTimeRecovery, { enabled: false });
      const [f] = ofType(plan, FUNCTION).filter((x) => x.name.endsWith("-burst-function"));
      assert.equal(f.inputs.reservedConcurrentExecutions, 10);
    });
  });
});
