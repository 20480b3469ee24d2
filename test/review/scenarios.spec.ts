import { strict as assert } from "assert";
import { GITHUB_COMMENT_LIMIT, renderReview, review, type Review } from "../../tools/review/render";
import type { Plan } from "../../tools/plan-lib";
import { planFor, planWith } from "../helpers/plan";

/**
 * The reviewer's seat: four real changes planned from the prod stack file with
 * one config edit each. Every test asserts what must be seen FIRST and that the
 * comment fits GitHub's limit. Each plan is built once for the suite.
 */
const PROD_REGIONS = [
  { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
  { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
  { name: "eu-west-1", vpcCidr: "10.2.0.0/16" },
];

async function variant(overrides: Record<string, unknown>): Promise<Plan> {
  const r = await planWith("prod", overrides);
  if (!r.plan) throw new Error(r.error!.message);
  return r.plan;
}

/** The lines of the "Needs attention" section, in order. */
function attentionLines(text: string): string[] {
  const start = text.indexOf("Needs attention");
  const end = text.indexOf("\n####", start);
  return text
    .slice(start, end < 0 ? undefined : end)
    .split("\n")
    .filter((l) => l.startsWith("- "));
}

describe("pull-request review: the reviewer's four changes (prod)", function () {
  this.timeout(600_000);
  let prod: Plan;
  const plans: Record<string, Plan> = {};

  before(async () => {
    prod = (await planFor("prod")).plan;
    plans.routine = await variant({ gateway: { maxReplicas: 20 } });
    plans.dangerous = await variant({ regions: [PROD_REGIONS[0], { ...PROD_REGIONS[1], vpcCidr: "10.3.0.0/16" }] });
    plans.twoRegions = await variant({ regions: PROD_REGIONS.slice(0, 2) });
    plans.violating = await variant({ database: { deletionProtection: false } });
  });

  const fits = (text: string) => assert.ok(text.length < GITHUB_COMMENT_LIMIT, `${text.length} characters`);

  it("routine (the gateway HPA max 10 -> 20): 3 updates with old -> new values, Kubernetes rows with their region, nothing needs attention", () => {
    const rv = review(prod, plans.routine);
    const text = renderReview(rv);
    fits(text);
    // Web services scale through KEDA on mesh request rate (their max is their own); the one HPA per region
    // is the gateway's, and it goes from the default max 10 to 20. Nothing else moves.
    const hpas = prod.resources.filter(
      (r) =>
        r.type === "kubernetes:autoscaling/v2:HorizontalPodAutoscaler" &&
        (r.inputs.spec as { maxReplicas?: number }).maxReplicas === 10,
    );
    assert.equal(hpas.length, 3);
    assert.deepEqual(rv.counts, { create: 0, update: hpas.length, replace: 0, delete: 0, same: rv.counts.same });
    const updated = rv.rows.filter((r) => r.op === "update");
    assert.deepEqual([...new Set(updated.map((r) => r.type))], ["kubernetes:autoscaling/v2:HorizontalPodAutoscaler"]);
    for (const r of updated)
      assert.deepEqual(
        r.changes.map((c) => [c.path, c.old, c.new]),
        [["spec.maxReplicas", 10, 20]],
      );
    assert.deepEqual([...new Set(updated.map((r) => r.region))].sort(), ["eu-west-1", "us-east-1", "us-west-2"]);
    // What the reviewer reads first: the summary, then an explicit "nothing needs attention".
    assert.ok(
      text.startsWith(
        `### Offline plan review for \`prod\`\n\n**0 to create, ${hpas.length} to update, 0 to replace, 0 to delete, ` +
          `${rv.counts.same} unchanged**\n\n#### Needs attention\n\nNothing:`,
      ),
      text.slice(0, 300),
    );
    assert.match(
      text,
      /\| ~ \| `[^`]+` \| `kubernetes:autoscaling\/v2:HorizontalPodAutoscaler` \| us-west-2 \| `spec\.maxReplicas`: `10` → `20` \|/,
    );
  });

  describe("dangerous (drop eu-west-1, change us-west-2's VPC CIDR)", () => {
    let rv: Review;
    let text: string;
    before(() => {
      rv = review(prod, plans.dangerous);
      text = renderReview(rv);
    });

    it("puts the Aurora cluster and ElastiCache group deletions first in Needs attention, then the VPC replacement", () => {
      fits(text);
      const lines = attentionLines(text);
      assert.match(lines[0], /^- \*\*- delete\*\* Aurora cluster `database-eu-west-1-cluster` /);
      assert.match(lines[1], /^- \*\*- delete\*\* ElastiCache replication group `cache-eu-west-1-group` /);
      assert.ok(
        lines.some((l) => /^- \*\*\+- replace\*\* VPC `us-west-2-network-vpc` .*`cidrBlock` changes/.test(l)),
        lines.join("\n"),
      );
      assert.ok(text.indexOf("Needs attention") < text.indexOf("Changes by component"));
    });

    it("marks the CIDR change as a replacement and cascades it through ids (subnets, route tables, NAT gateways)", () => {
      const replaced = (type: string) =>
        rv.rows.filter((r) => r.op === "replace" && r.region === "us-west-2" && r.type === type);
      assert.equal(replaced("aws:ec2/vpc:Vpc").length, 1);
      assert.equal(replaced("aws:ec2/subnet:Subnet").length, 9);
      assert.equal(replaced("aws:ec2/natGateway:NatGateway").length, 3);
      // Inputs that are not replace-on-change take the new ids: an update, as Pulumi shows it.
      const subnetGroup = rv.rows.find((r) => r.name === "database-us-west-2-subnets")!;
      assert.equal(subnetGroup.op, "update");
      assert.deepEqual(subnetGroup.changes[0], {
        path: "subnetIds[0]",
        old: "us-west-2-network-database-0-id",
        new: "(new id of replaced us-west-2-network-database-0)",
      });
      assert.ok(
        replaced("aws:ec2/routeTable:RouteTable").every(
          (r) => r.cascade === "`vpcId` refers to replaced `us-west-2-network-vpc`",
        ),
      );
      assert.match(
        text,
        /\| \+- \| `us-west-2-network-vpc` \| `aws:ec2\/vpc:Vpc` \| us-west-2 \| `cidrBlock`: `"10\.1\.0\.0\/16"` → `"10\.3\.0\.0\/16"` \*\*\(replaces\)\*\* \|/,
      );
    });

    it("compares arrays of named items by key, so dropping a region adds no positional noise", () => {
      const positional = rv.rows
        .flatMap((r) => r.changes.map((c) => c.path))
        .filter((p) => /\[\d+\]\.(name|region)$/.test(p));
      assert.deepEqual(positional, []);
    });

    it("collapses the dropped region into one group with its count", () => {
      const deleted = rv.rows.filter((r) => r.group === "region eu-west-1");
      assert.ok(deleted.length > 100 && deleted.every((r) => r.op === "delete"));
      assert.equal(text.split("<summary><b>region eu-west-1</b>").length, 2);
      assert.match(
        text,
        new RegExp(
          `<details><summary><b>region eu-west-1</b>: ${deleted.length} resources \\(${deleted.length} to delete\\)`,
        ),
      );
    });
  });

  it("adding a region: one collapsed group with its count, components kept", () => {
    const rv = review(plans.twoRegions, prod);
    const text = renderReview(rv);
    fits(text);
    const added = rv.rows.filter((r) => r.group === "region eu-west-1");
    assert.ok(added.every((r) => r.op === "create"));
    const components = added.filter((r) => r.type.startsWith("platform:")).map((r) => r.type);
    assert.ok(
      components.includes("platform:region:Region") && components.includes("platform:network:Vpc"),
      components.join(),
    );
    const vpcCount = added.filter((r) => r.component === "network:Vpc").length;
    assert.match(
      text,
      new RegExp(
        `<details><summary><b>region eu-west-1</b>: ${added.length} resources \\(${added.length} to create\\) — .*network:Vpc ${vpcCount}`,
      ),
    );
    assert.equal(
      text.split("<summary><b>region eu-west-1</b>").length,
      2,
      "one group, not one row per resource at top level",
    );
  });

  it("a mandatory violation the change introduces is the first thing in Needs attention", () => {
    const rv = review(prod, plans.violating);
    const text = renderReview(rv);
    fits(text);
    const introduced = rv.policy.introduced.filter((v) => v.enforcementLevel === "mandatory");
    assert.ok(introduced.length > 0);
    const first = attentionLines(text)[0];
    assert.match(
      first,
      /^- \*\*New mandatory violation\*\* `[^`]+` on `database-[a-z0-9-]+`: [^\n]*deletionProtection/,
    );
    // And the reverse change reports it resolved.
    const back = attentionLines(renderReview(review(plans.violating, prod)));
    assert.match(back[0], /^- \*\*Resolved mandatory violation\*\* /);
  });

  it("a tight limit truncates the changes with a visible note but never Needs attention", () => {
    const rv = review(prod, plans.dangerous);
    const full = renderReview(rv, { limit: 1_000_000 });
    const cut = renderReview(rv, { limit: 20_000 });
    assert.ok(cut.length <= 20_000, `${cut.length}`);
    assert.deepEqual(attentionLines(cut), attentionLines(full));
    assert.match(
      cut,
      /> \*\*Truncated:\*\* \d+ of \d+ changed resources are not listed, to stay under GitHub's 65,536-character comment limit\./,
    );
    assert.doesNotMatch(full, /Truncated/);
  });
});
