import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { accessEntries, type AccessEntry } from "../../tools/access";
import type { Plan, PlanResource } from "../../tools/plan/model";
import { ofType, planFor, planWith, ROOT } from "../helpers/plan";

const named = (plan: Plan, name: string) => {
  const r = plan.resources.find((x) => x.name === name);
  assert.ok(r, `no resource ${name}`);
  return r;
};
const tag = (r: PlanResource, k: string) => (r.inputs.tags as Record<string, string> | undefined)?.[k];

describe("failover in the prod plan (mock engine)", () => {
  let prod: Plan;
  before(async () => (prod = (await planFor("prod")).plan));

  it("one promotion document per region that can take the writer; the alarm starts only the standby's", () => {
    const docs = ofType(prod, "aws:ssm/document:Document").filter(
      (d) => tag(d, "platform.io/role") === "writer-promotion",
    );
    assert.deepEqual(
      docs.map((d) => [d.region, d.inputs.name, d.inputs.documentType]),
      [
        ["us-west-2", "platform-prod-usw2-promote-writer", "Automation"],
        ["eu-west-1", "platform-prod-euw1-promote-writer", "Automation"],
      ],
    );
    const trigger = named(prod, "writer-promotion-us-west-2-trigger");
    assert.deepEqual(
      [
        trigger.inputs.metricName,
        trigger.inputs.threshold,
        trigger.inputs.datapointsToAlarm,
        trigger.inputs.treatMissingData,
      ],
      ["AuroraGlobalDBReplicationLag", 30_000, 2, "missing"],
    );
    const targets = ofType(prod, "aws:cloudwatch/eventTarget:EventTarget").filter((t) =>
      String(t.inputs.arn).includes(":automation-definition/"),
    );
    assert.deepEqual(
      targets.map((t) => [t.region, t.inputs.arn, t.inputs.input]),
      [
        [
          "us-west-2",
          "arn:aws:ssm:us-west-2:123456789012:automation-definition/platform-prod-usw2-promote-writer",
          '{"Mode":["failover"]}',
        ],
      ],
    );
  });

  it("every region writes through names that follow the writer", () => {
    const maps = ofType(prod, "kubernetes:core/v1:ConfigMap").filter((c) => c.name.endsWith("data-endpoints"));
    assert.equal(maps.length, 3);
    for (const m of maps) {
      const data = m.inputs.data as Record<string, string>;
      assert.equal(
        data.DATABASE_WRITER_HOST,
        "platform-prod-aurora-global.global-mock.global.rds.amazonaws.com",
        m.name,
      );
      assert.equal(data.REDIS_WRITER_HOST, "cache-writer.platform-prod.internal", m.name);
    }
    const primary = named(prod, "writer-dns-cache-writer");
    const standby = named(prod, "writer-dns-cache-standby");
    assert.deepEqual(primary.inputs.records, ["master.platform-prod-use1-cache.mock.use1.cache.amazonaws.com"]);
    assert.deepEqual(standby.inputs.records, ["master.platform-prod-usw2-cache.mock.usw2.cache.amazonaws.com"]);
    const health = named(prod, "writer-dns-writer-health");
    assert.deepEqual(
      [health.inputs.type, health.inputs.cloudwatchAlarmName, health.inputs.cloudwatchAlarmRegion],
      ["CLOUDWATCH_METRIC", "platform-prod-usw2-writer-lost", "us-west-2"],
    );
    const zone = named(prod, "writer-dns-zone");
    assert.equal((zone.inputs.vpcs as unknown[]).length, 3);
  });

  it("the next up adopts a promotion: membership and the Datastore primary are ignored; no fixture URN is lost", () => {
    for (const c of ofType(prod, "aws:rds/cluster:Cluster"))
      assert.ok(c.options?.ignoreChanges?.includes("globalClusterIdentifier"), c.name);
    assert.ok(named(prod, "cache-global").options?.ignoreChanges?.includes("primaryReplicationGroupId"));
    const urns = new Set(prod.resources.map((r) => r.urn));
    const fixture = fs.readFileSync(path.join(ROOT, "test/fixtures/urns/prod.txt"), "utf8").split("\n");
    const data = fixture.filter((u) => /platform:data:|GlobalEdge/.test(u));
    assert.ok(data.length > 20);
    assert.deepEqual(
      data.filter((u) => !urns.has(u)),
      [],
    );
  });

  it("the promotion's access holds, and a broader grant or a missing one is caught", () => {
    const entries = (prod.access as AccessEntry[]).filter((e) => e.requirement.startsWith("writer-promotion"));
    assert.ok(entries.length >= 30);
    assert.deepEqual(
      entries.filter((e) => !e.ok),
      [],
    );
    const policy = named(prod, "writer-promotion-us-west-2-policy");
    const broad = prod.resources.map((r) =>
      r === policy
        ? {
            ...r,
            inputs: {
              ...r.inputs,
              policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: "rds:*", Resource: "*" }],
              }),
            },
          }
        : r,
    );
    const failed = accessEntries(broad).filter((e) => e.requirement.startsWith("writer-promotion") && !e.ok);
    assert.ok(failed.some((e) => e.action === "rds:DeleteGlobalCluster" && e.kind === "forbidden"));
    assert.ok(failed.some((e) => e.action === "elasticache:FailoverGlobalReplicationGroup" && e.kind === "required"));
    assert.ok(
      failed.some(
        (e) => e.action === "rds:FailoverGlobalCluster" && e.resource.endsWith(":cluster:platform-prod-euw1-aurora"),
      ),
      "the us-west-2 role may not promote eu-west-1",
    );
  });

  it("CloudFront: GET/HEAD behaviours use the origin group, every other behaviour the shared origin", () => {
    const cdn = ofType(prod, "aws:cloudfront/distribution:Distribution")[0];
    const behaviours = cdn.inputs.orderedCacheBehaviors as {
      pathPattern: string;
      targetOriginId: string;
      allowedMethods: string[];
    }[];
    for (const b of behaviours)
      assert.equal(
        b.targetOriginId,
        b.allowedMethods.length === 2 ? "regional-gateways-failover" : "regional-gateways",
        b.pathPattern,
      );
    const origins = cdn.inputs.origins as { originId: string; domainName: string; connectionTimeout: number }[];
    assert.deepEqual(
      origins.map((o) => [o.originId, o.domainName, o.connectionTimeout]),
      [
        ["regional-gateways", "origin.example.com", 5],
        ["region-us-west-2", "origin-usw2.example.com", 5],
      ],
    );
  });
});

describe("the region drill (opt-in)", () => {
  it("is off in prod; on, it inverts only the drained region's check and states a steady-state hypothesis", async () => {
    const off = (await planFor("prod")).plan;
    const origins = (p: Plan) =>
      ofType(p, "aws:route53/healthCheck:HealthCheck").filter((h) => h.inputs.type === "HTTPS");
    assert.equal(origins(off).length, 3);
    assert.ok(origins(off).every((h) => h.inputs.invertHealthcheck !== true));
    const { plan, error } = await planWith("prod", { failover: { drill: { enabled: true } } });
    assert.equal(error, undefined);
    const inverted = origins(plan!).filter((h) => h.inputs.invertHealthcheck === true);
    assert.deepEqual(
      inverted.map((h) => h.inputs.fqdn),
      ["origin-euw1.example.com"],
    );
    const alarm = ofType(plan!, "aws:cloudwatch/metricAlarm:MetricAlarm").find((a) => a.name.endsWith("drill-errors"))!;
    assert.deepEqual(
      [alarm.inputs.metricName, alarm.inputs.threshold, alarm.region],
      ["5xxErrorRate", 0.1, "us-east-1"],
    );
    assert.equal(tag(alarm, "platform.io/hypothesis"), "steady-state");
    assert.equal(
      tag(alarm, "platform.io/steady-state"),
      "platform-prod-us-east-1-origin-health,platform-prod-us-west-2-origin-health,platform-prod-drill-cdn-5xx",
    );
    const mandatory = plan!.violations.filter(
      (v) => v.enforcementLevel === "mandatory" && /drill|writer|edge-hc|edge-cdn/.test(v.urn),
    );
    assert.deepEqual(mandatory, []);
  });
});
