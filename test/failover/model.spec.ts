import { strict as assert } from "assert";
import fc from "fast-check";
import { budgetSeconds, failoverReport, type FailoverReport } from "../../tools/failover/model";
import type { FailoverResource } from "../../tools/failover/topology";
import { planFor } from "../helpers/plan";

const scenario = (r: FailoverReport, prefix: string) => {
  const s = r.scenarios.find((x) => x.name.startsWith(prefix));
  assert.ok(s, `no scenario "${prefix}" in ${r.scenarios.map((x) => x.name).join(", ")}`);
  return s;
};

/** A copy of the plan's resources with one resource type's inputs changed. */
function edited(
  resources: readonly FailoverResource[],
  type: string,
  change: (inputs: Record<string, unknown>) => Record<string, unknown>,
): FailoverResource[] {
  return resources.map((r) => (r.type === type ? { ...r, inputs: change(structuredClone(r.inputs)) } : r));
}

describe("failover model", () => {
  let prod: FailoverResource[];
  let dev: FailoverResource[];
  before(async () => {
    prod = (await planFor("prod")).plan.resources;
    dev = (await planFor("dev")).plan.resources;
  });

  it("turns the objective into seconds of failure a month (seed 003: 99.99 % is 4.32 minutes)", () => {
    assert.equal(budgetSeconds(99.99), 259.2);
    assert.equal(budgetSeconds(99.9), 2592);
    assert.equal(budgetSeconds(99.9999), 2.592);
  });

  it("drains a lost non-writer region in 3 checks x 10 s + the 6 s HTTPS check timeout + the ALB alias TTL of 60 s", () => {
    const s = scenario(failoverReport(prod, { objective: 99.99 }), "one non-writer region lost");
    assert.equal(s.readRtoSeconds, 3 * 10 + 6 + 60);
    assert.equal(s.writeRtoSeconds, 96);
    assert.equal(s.rpoSeconds, 0);
    assert.equal(s.withinBudget, true);
    assert.ok(s.terms.every((t) => t.source.startsWith("plan:") || /^aws(-typical)?: https:\/\//.test(t.source)));
  });

  // Expected values, from their sources: platform:failover defaults (lag 30 s, 2 one-minute periods),
  // AWS's DR workshop (Aurora global failover and Global Datastore failover about 60 s each), the
  // 5 s endpoint/CNAME TTLs, and the stated assumptions (10 s automation start, 5 s reconnect).
  it("prod's writer-region loss: the standby's lag alarm starts the promotion, no pulumi up, within 259.2 s", () => {
    const r = failoverReport(prod, { objective: 99.99 });
    const s = scenario(r, "the writer region lost (us-east-1)");
    assert.equal(s.writeRtoSeconds, 30 + 2 * 60 + 10 + 60 + 5 + 5);
    assert.equal(s.readRtoSeconds, 3 * 10 + 6 + 60);
    assert.equal(s.withinBudget, true);
    assert.equal(r.ok, true);
    assert.ok(!s.terms.some((t) => /pulumi up|paged/.test(t.what)), "no person and no update on the write path");
    assert.equal(s.closing, undefined);
    assert.ok(
      s.notes.some((n) => n === "the trigger alarm lives in us-west-2: the lost region's control plane is not needed"),
    );
    // RPO: the Aurora lag alarm pages above 5000 ms; the trigger's 30 s threshold is not the data at risk.
    assert.equal(s.rpoSeconds, 5);
    assert.ok(s.notes.some((n) => /AWS: lag usually < 1 s/.test(n)));
    assert.ok(s.notes.some((n) => /AWS: generally under 1 s/.test(n)));
  });

  it("GET/HEAD of media and static assets retry on us-west-2 after 5 s x 2 connection attempts", () => {
    const s = scenario(failoverReport(prod, { objective: 99.99 }), "the writer region lost");
    assert.ok(
      s.notes.some((n) => /^GET\/HEAD on \/media\/\*.* retry on us-west-2 after 10 s/.test(n)),
      s.notes.join("\n"),
    );
  });

  it("without the EventBridge start (trigger operator) a person is paged: over budget, and the view says what closes it", () => {
    const manual = prod.filter((r) => r.type !== "aws:cloudwatch/eventTarget:EventTarget");
    const s = scenario(failoverReport(manual, { objective: 99.99 }), "the writer region lost");
    assert.equal(s.writeRtoSeconds, 900 + 60 + 5 + 5);
    assert.equal(s.withinBudget, false);
    assert.match(s.closing ?? "", /write RTO of 230 s/);
    const quick = scenario(
      failoverReport(manual, { objective: 99.99, operatorSeconds: 120 }),
      "the writer region lost",
    );
    assert.equal(quick.writeRtoSeconds, 120 + 70);
  });

  it("a slower trigger (60 s of lag, 3 periods) puts the writer region over the budget", () => {
    const slow = prod.map((r) =>
      r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" &&
      (r.inputs.tags as Record<string, string> | undefined)?.["platform.io/role"] === "writer-promotion-trigger"
        ? { ...r, inputs: { ...r.inputs, threshold: 60_000, datapointsToAlarm: 3, evaluationPeriods: 3 } }
        : r,
    );
    const s = scenario(failoverReport(slow, { objective: 99.99 }), "the writer region lost");
    assert.equal(s.writeRtoSeconds, 60 + 3 * 60 + 10 + 60 + 5 + 5);
    assert.equal(s.withinBudget, false);
  });

  it("a longer cache writer TTL (300 s) makes the cache the slower branch: over the budget", () => {
    const slow = edited(prod, "aws:route53/record:Record", (i) => (i.type === "CNAME" ? { ...i, ttl: 300 } : i));
    const s = scenario(failoverReport(slow, { objective: 99.99 }), "the writer region lost");
    assert.equal(s.writeRtoSeconds, 150 + 10 + 60 + 300 + 5);
    assert.ok(s.notes.some((n) => /^Aurora global failover \(65 s\) runs alongside/.test(n)));
    assert.equal(s.withinBudget, false);
  });

  it("a write host naming one region's endpoint brings the pulumi up back onto the path", () => {
    const stale = edited(prod, "kubernetes:core/v1:ConfigMap", (i) => {
      const data = { ...(i.data as Record<string, unknown>) };
      if (typeof data.REDIS_WRITER_HOST !== "string") return i;
      data.REDIS_WRITER_HOST = "master.platform-prod-use1-cache.mock.use1.cache.amazonaws.com";
      data.DATABASE_WRITER_HOST = data.DATABASE_READER_HOST;
      return { ...i, data };
    });
    const s = scenario(failoverReport(stale, { objective: 99.99 }), "the writer region lost");
    assert.ok(s.terms.some((t) => /pulumi up/.test(t.what)));
    assert.ok(
      s.notes.some((n) =>
        /us-west-2-workloads-cm-data-endpoints: REDIS_WRITER_HOST names one region's primary/.test(n),
      ),
    );
    assert.ok(s.notes.some((n) => /DATABASE_WRITER_HOST is a regional endpoint/.test(n)));
    assert.equal(s.withinBudget, false);
  });

  it("justifies each detection setting by what the next slower value would cost", () => {
    const r = failoverReport(prod, { objective: 99.99 });
    assert.deepEqual(
      r.settings.map((x) => [x.setting, x.value, x.seconds, x.slowerSeconds]),
      [
        // 30 s x 3 + 6 s check timeout + 60 s alias TTL
        ["Route53 health check requestInterval x failureThreshold", "10 s x 3", 96, 30 * 3 + 6 + 60],
        // 150 s detection + 10 s start + 60 s Datastore failover + a 60 s TTL + 5 s reconnect
        ["cache writer name TTL", "5 s", 230, 150 + 10 + 60 + 60 + 5],
        // 30 s of lag + 4 x 60 s + 10 + 60 + 5 + 5
        ["writer-lost alarm datapoints", "2 x 60 s after 30 s of lag", 230, 30 + 4 * 60 + 10 + 60 + 5 + 5],
      ],
    );
  });

  it("a stricter objective (99.9999 %) fails every scenario that takes time", () => {
    const r = failoverReport(prod, { objective: 99.9999 });
    assert.equal(r.budgetSeconds, 2.592);
    assert.deepEqual(
      r.scenarios.filter((s) => !s.withinBudget).map((s) => s.name.split(" (")[0]),
      ["one AZ lost", "one non-writer region lost", "the writer region lost"],
    );
  });

  it("a slower health check (30 s x 10 failures) drains a region in 366 s, over the 259.2 s budget", () => {
    const slow = edited(prod, "aws:route53/healthCheck:HealthCheck", (i) => ({
      ...i,
      requestInterval: 30,
      failureThreshold: 10,
    }));
    const s = scenario(failoverReport(slow, { objective: 99.99 }), "one non-writer region lost");
    assert.equal(s.readRtoSeconds, 300 + 6 + 60);
    assert.equal(s.withinBudget, false);
  });

  it("one AZ: the ALB's target health (5 x 30 s + 5 s) bounds reads; the cache failover bounds writes", () => {
    const s = scenario(failoverReport(prod, { objective: 99.99 }), "one AZ lost");
    assert.equal(s.readRtoSeconds, 155);
    assert.equal(s.writeRtoSeconds, 155);
    const faster = edited(prod, "aws:lb/targetGroup:TargetGroup", (i) => ({
      ...i,
      healthCheck: { ...(i.healthCheck as object), interval: 10, unhealthyThreshold: 2 },
    }));
    const f = scenario(failoverReport(faster, { objective: 99.99 }), "one AZ lost");
    assert.equal(f.readRtoSeconds, 10 * 2 + 5);
    assert.equal(f.writeRtoSeconds, 60);
  });

  it("a one-region stack cannot survive its region: no RTO, outside any budget", () => {
    const r = failoverReport(dev, { objective: 99.99 });
    const s = scenario(r, "the writer region lost");
    assert.equal(s.readRtoSeconds, null);
    assert.equal(s.withinBudget, false);
    assert.equal(
      r.scenarios.some((x) => x.name.startsWith("one non-writer")),
      false,
    );
  });

  it("us-east-1's control planes: nothing to fail over, and the plan says what stops", () => {
    const s = scenario(failoverReport(prod, { objective: 99.99 }), "us-east-1 control planes lost");
    assert.equal(s.readRtoSeconds, 0);
    assert.ok(s.notes.some((n) => /alarms cannot page/.test(n)));
  });

  it("property: a longer health-check interval or threshold never shortens the region drain", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(10, 30),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 10 }),
        (iv, a, b) => {
          const at = (n: number) =>
            scenario(
              failoverReport(
                edited(prod, "aws:route53/healthCheck:HealthCheck", (i) => ({
                  ...i,
                  requestInterval: iv,
                  failureThreshold: n,
                })),
                {
                  objective: 99.99,
                },
              ),
              "one non-writer region lost",
            ).readRtoSeconds!;
          return Math.min(a, b) === a ? at(a) <= at(b) : at(a) >= at(b);
        },
      ),
      { numRuns: 40 },
    );
  });
});
