import { strict as assert } from "assert";
import fc from "fast-check";
import { drillPlan, drillTags } from "../../components/failover/drill";
import { promotionRegions } from "../../components/failover/promotion";
import { promotionDocument, promotionGrants, type PromotionTarget } from "../../components/failover/promotion-plan";
import { originGroups, secondaryOriginRegion } from "../../components/edge/origins";
import { base, problems } from "../config/validation-fixture";
import { testConfig } from "../helpers/stand-in";

const TARGET: PromotionTarget = {
  region: "eu-west-1",
  account: "111122223333",
  globalClusterId: "shop-live-aurora-global",
  clusterId: "shop-live-euw1-aurora",
  cache: { globalGroupId: "ldgnf-shop-live-cache", groupId: "shop-live-euw1-cache" },
  automationRoleArn: "arn:aws:iam::111122223333:role/shop-live-euw1-writer-promotion",
};

type Step = { name: string; action: string; inputs: Record<string, unknown>; nextStep?: string };
const steps = (t: PromotionTarget) => (promotionDocument(t).mainSteps as Step[]).map((s) => s);
const step = (t: PromotionTarget, name: string) => steps(t).find((s) => s.name === name)!;

describe("writer promotion document (SSM Automation, schema 0.3)", () => {
  it("fails over with AllowDataLoss by default, switches over on Mode=switchover (RDS API names and fields)", () => {
    const doc = promotionDocument(TARGET) as {
      schemaVersion: string;
      parameters: Record<string, { default?: string }>;
    };
    assert.equal(doc.schemaVersion, "0.3");
    assert.equal(doc.parameters.Mode.default, "failover");
    assert.equal(doc.parameters.AutomationAssumeRole.default, TARGET.automationRoleArn);
    assert.deepEqual(step(TARGET, "failoverDatabase").inputs, {
      Service: "rds",
      Api: "FailoverGlobalCluster",
      GlobalClusterIdentifier: "shop-live-aurora-global",
      TargetDbClusterIdentifier: "arn:aws:rds:eu-west-1:111122223333:cluster:shop-live-euw1-aurora",
      AllowDataLoss: true,
    });
    assert.equal(step(TARGET, "switchoverDatabase").inputs.Api, "SwitchoverGlobalCluster");
    assert.equal(step(TARGET, "switchoverDatabase").inputs.AllowDataLoss, undefined);
    assert.deepEqual(step(TARGET, "chooseMode").inputs.Choices, [
      { NextStep: "switchoverDatabase", Variable: "{{ Mode }}", StringEquals: "switchover" },
    ]);
  });

  it("promotes the Global Datastore member of its own region alongside, before waiting on either", () => {
    assert.deepEqual(step(TARGET, "promoteCache").inputs, {
      Service: "elasticache",
      Api: "FailoverGlobalReplicationGroup",
      GlobalReplicationGroupId: "ldgnf-shop-live-cache",
      PrimaryRegion: "eu-west-1",
      PrimaryReplicationGroupId: "shop-live-euw1-cache",
    });
    const order = steps(TARGET).map((s) => s.name);
    assert.ok(order.indexOf("promoteCache") < order.indexOf("waitDatabase"));
    assert.equal(step(TARGET, "failoverDatabase").nextStep, "promoteCache");
    assert.ok(!steps(TARGET).some((s) => s.inputs.Service === "route53"), "no Route53 control-plane call");
  });

  it("grants exactly the promotion on the named resources, and nothing that deletes", () => {
    const grants = promotionGrants(TARGET);
    const actions = grants.flatMap((g) => g.actions);
    assert.deepEqual(grants[0].resources, [
      "arn:aws:rds::111122223333:global-cluster:shop-live-aurora-global",
      "arn:aws:rds:eu-west-1:111122223333:cluster:shop-live-euw1-aurora",
    ]);
    assert.ok(
      actions.every((a) => !/Delete|Remove|Disassociate|\*/.test(a)),
      actions.join(", "),
    );
    assert.ok(grants.every((g) => g.resources.every((r) => !r.includes("*"))));
    const noCache = promotionGrants({ ...TARGET, cache: undefined });
    assert.ok(!noCache.some((g) => g.actions.some((a) => a.startsWith("elasticache:"))));
  });
});

describe("which regions a promotion can target", () => {
  const cfg = (extra: Record<string, unknown> = {}) =>
    testConfig({
      environment: "prod",
      regions: [
        { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
        { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
        { name: "eu-west-1", vpcCidr: "10.2.0.0/16" },
      ],
      ...extra,
    });

  it("every database member but the writer; the standby is the first unless configured", () => {
    assert.deepEqual(promotionRegions(cfg()), { targets: ["us-west-2", "eu-west-1"], standby: "us-west-2" });
    assert.equal(
      promotionRegions(cfg({ failover: { promotion: { standbyRegion: "eu-west-1" } } })).standby,
      "eu-west-1",
    );
    // After a promotion to us-west-2 is recorded, the old writer region is a target again.
    assert.deepEqual(promotionRegions(cfg({ database: { writerRegion: "us-west-2" } })).targets, [
      "us-east-1",
      "eu-west-1",
    ]);
  });

  it("prod promotes on the alarm by default; other stacks wait for a person", () => {
    assert.equal(cfg().failover.promotion.trigger, "alarm");
    assert.equal(
      cfg({ environment: "dev", cluster: { deployer: { egressCidrs: ["203.0.113.0/24"] } } }).failover.promotion
        .trigger,
      "operator",
    );
  });

  it("refuses a standby that is the writer or not a region, and a drill region that is not configured", () => {
    assert.deepEqual(problems({ ...base(), failover: { promotion: { standbyRegion: "us-east-1" } } }), [
      'platform:failover.promotion.standbyRegion: got "us-east-1"; expected a region with a database member other than the writer us-east-1 (us-west-2)',
    ]);
    assert.deepEqual(problems({ ...base(), failover: { drill: { enabled: true, region: "ap-south-1" } } }), [
      'platform:failover.drill.region: got "ap-south-1"; expected one of us-east-1, us-west-2',
    ]);
    assert.match(
      problems({ ...base(), failover: { cacheWriterTtlSeconds: 0 } })[0],
      /^platform:failover\.cacheWriterTtlSeconds: got 0; expected/,
    );
  });
});

describe("region drill and origin failover plans", () => {
  const regions = ["us-east-1", "us-west-2", "eu-west-1"];

  it("is off unless enabled; drains the last non-primary region by default, with a steady-state hypothesis", () => {
    assert.equal(drillPlan({ enabled: false }, regions, "us-east-1", "p"), undefined);
    const plan = drillPlan({ enabled: true }, regions, "us-east-1", "p")!;
    assert.equal(plan.region, "eu-west-1");
    assert.deepEqual(plan.steadyState, ["p-us-east-1-origin-health", "p-us-west-2-origin-health", "p-drill-cdn-5xx"]);
    assert.equal(drillTags(plan)["platform.io/hypothesis"], "steady-state");
  });

  it("property: the drained region never serves nor backs GET/HEAD; with three regions a secondary always remains", () => {
    fc.assert(
      fc.property(fc.subarray(regions, { minLength: 2 }), fc.nat(5), (rs, i) => {
        const primary = rs[i % rs.length];
        const plan = drillPlan({ enabled: true, region: rs[(i + 1) % rs.length] }, rs, primary, "p")!;
        const secondary = secondaryOriginRegion(rs, primary, plan.region);
        return (
          !plan.serving.includes(plan.region) &&
          secondary !== plan.region &&
          secondary !== primary &&
          (rs.length < 3 || secondary !== undefined)
        );
      }),
    );
  });

  it("fails GET/HEAD over on connection failures and 5xx only, to the second region's own origin", () => {
    assert.deepEqual(originGroups("us-west-2"), [
      {
        originId: "regional-gateways-failover",
        failoverCriteria: { statusCodes: [500, 502, 503, 504] },
        members: [{ originId: "regional-gateways" }, { originId: "region-us-west-2" }],
      },
    ]);
    assert.equal(originGroups(undefined), undefined);
  });
});
