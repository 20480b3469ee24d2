import { strict as assert } from "assert";
import { review, type Review } from "../../tools/review/render";
import type { Plan } from "../../tools/plan-lib";
import { planFor } from "../helpers/plan";

/**
 * Rows of replace-on-changes.json re-read in terraform-provider-aws (2026-12-02),
 * exercised on the real prod plan: one input of one resource is edited and the
 * review must call it a replacement (`+-`) or an update exactly as the provider
 * would. Each case names the row it proves; the update cases are rows that were
 * corrected (an argument the transcribed table had and the source does not).
 */
type Edit = { type: string; path: string[]; value: unknown };

function edited(base: Plan, edit: Edit): { plan: Plan; name: string } {
  const plan = structuredClone(base);
  const res = plan.resources.find((r) => r.type === edit.type);
  if (!res) throw new Error(`prod plan has no ${edit.type}`);
  let at = res.inputs as Record<string, unknown>;
  for (const key of edit.path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  const last = edit.path[edit.path.length - 1];
  assert.notDeepEqual(at[last], edit.value, `${res.name} ${edit.path.join(".")} already has the edited value`);
  at[last] = edit.value;
  return { plan, name: res.name };
}

describe("replace-on-change rows read at source, on the prod plan", function () {
  this.timeout(300_000);
  let prod: Plan;
  before(async () => {
    prod = (await planFor("prod")).plan;
  });

  const row = (rv: Review, name: string) => {
    const r = rv.rows.find((x) => x.name === name);
    assert.ok(r, `no review row for ${name}`);
    return r;
  };
  const expectOp = (edit: Edit, op: "replace" | "update", replaces?: string) => {
    const { plan, name } = edited(prod, edit);
    const r = row(review(prod, plan), name);
    assert.equal(r.op, op, `${edit.type} ${edit.path.join(".")}`);
    assert.deepEqual(
      r.changes.map((c) => [c.path, c.replaces]),
      [[edit.path.join("."), replaces]],
    );
  };

  it("Route 53 health check: measure_latency and request_interval are ForceNew (added), failure_threshold updates", () => {
    const type = "aws:route53/healthCheck:HealthCheck";
    expectOp({ type, path: ["measureLatency"], value: false }, "replace", "measureLatency");
    expectOp({ type, path: ["requestInterval"], value: 30 }, "replace", "requestInterval");
    expectOp({ type, path: ["failureThreshold"], value: 5 }, "update");
  });

  it("Route 53 record: allow_overwrite is not ForceNew (removed from the row), zone_id is", () => {
    const type = "aws:route53/record:Record";
    expectOp({ type, path: ["allowOverwrite"], value: false }, "update");
    expectOp({ type, path: ["zoneId"], value: "Z0OTHERZONE0000" }, "replace", "zoneId");
  });

  it("EKS node group: a new launch template id replaces the group (added), a new version updates it", () => {
    const type = "aws:eks/nodeGroup:NodeGroup";
    expectOp({ type, path: ["launchTemplate", "id"], value: "lt-0123456789abcdef0" }, "replace", "launchTemplate.id");
    expectOp({ type, path: ["launchTemplate", "version"], value: "2" }, "update");
  });

  it("ACM certificate: subject_alternative_names is ForceNew (added); the imported-cert fields are not", () => {
    const type = "aws:acm/certificate:Certificate";
    expectOp(
      { type, path: ["subjectAlternativeNames"], value: ["www.example.com"] },
      "replace",
      "subjectAlternativeNames",
    );
    expectOp({ type, path: ["certificateBody"], value: "-----BEGIN CERTIFICATE-----" }, "update");
  });

  it("rows added for plan types: a metric alarm's name replaces it; an internet gateway moves VPC in place", () => {
    expectOp(
      { type: "aws:cloudwatch/metricAlarm:MetricAlarm", path: ["name"], value: "renamed-alarm" },
      "replace",
      "name",
    );
    expectOp({ type: "aws:cloudwatch/metricAlarm:MetricAlarm", path: ["threshold"], value: 95 }, "update");
    expectOp({ type: "aws:ec2/internetGateway:InternetGateway", path: ["vpcId"], value: "vpc-0other" }, "update");
  });
});
