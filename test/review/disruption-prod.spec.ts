import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { renderReview, review } from "../../tools/review/render";
import type { Plan } from "../../tools/plan-lib";
import { ofType, planFor, planWith, ROOT } from "../helpers/plan";

/**
 * The reviewer's seat on prod: six Aurora instances resized, and a region removed. The
 * unprotect commands must name the URNs a real stack holds: they are read from the committed
 * engine-form URN list (test/fixtures/urns/prod.engine.txt), not computed by the review.
 */
const ENGINE_URNS = fs.readFileSync(path.join(ROOT, "test", "fixtures", "urns", "prod.engine.txt"), "utf8").split("\n");
const engineUrn = (name: string) => ENGINE_URNS.find((u) => u.endsWith(`::${name}`))!;

function attention(text: string): string {
  const start = text.indexOf("Needs attention");
  return text.slice(start, text.indexOf("\n#### ", start));
}

describe("review on prod: disruption and protection", function () {
  this.timeout(600_000);
  let prod: Plan;
  let resized: Plan;
  let twoRegions: Plan;

  before(async () => {
    prod = (await planFor("prod")).plan;
    resized = (await planWith("prod", { database: { instanceClass: "db.r7g.xlarge" } })).plan!;
    twoRegions = (
      await planWith("prod", {
        regions: [
          { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
          { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
        ],
      })
    ).plan!;
  });

  it("resizing six Aurora instances: six restarts, each queued for its maintenance window", () => {
    const text = renderReview(review(prod, resized));
    const instances = ofType(prod, "aws:rds/clusterInstance:ClusterInstance").map((r) => r.name);
    assert.equal(instances.length, 6);
    const section = attention(text);
    assert.match(section, /^Needs attention \(6\)/);
    const lines = section.split("\n").filter((l) => l.startsWith("- "));
    assert.deepEqual(lines.map((l) => /`([^`]+)`/.exec(l)![1]).sort(), [...instances].sort());
    for (const l of lines) {
      assert.match(l, /^- \*\*~ restart\*\* Aurora instance /);
      assert.match(l, /`instanceClass` `"db\.r7g\.large"` → `"db\.r7g\.xlarge"`/);
      assert.match(l, /\*\*When:\*\* in the next maintenance window .*`pulumi up` only queues it/);
      assert.match(l, /An outage occurs during this change.*writes stop until it is back/);
    }
    assert.doesNotMatch(text, /Nothing: no stateful/);
  });

  it("removing a region: pulumi up fails until protection is lifted, with the steps and the exact URNs", () => {
    const section = attention(renderReview(review(prod, twoRegions)));
    assert.match(section, /\*\*`pulumi up` fails until protection is lifted\*\* on \d+ of the resources/);
    assert.ok(section.includes("cannot be deleted because it is protected"));
    const steps = section.split("\n").filter((l) => /^\d\. /.test(l));
    assert.match(steps[0], /^1\. Turn AWS deletion protection off .*`platform:database\.deletionProtection: false`/);
    assert.match(steps[0], /`platform:cluster\.deletionProtection: false`/);
    assert.match(
      steps[1],
      /^2\. Lift Pulumi `protect`: .*`platform:database\.protect: false`, `platform:cache\.protect: false`/,
    );
    assert.match(steps[steps.length - 1], /Run `pulumi up` with this change/);
    const line = (name: string) => section.split("\n").find((l) => l.startsWith(`- \`${name}\` (eu-west-1): `)) ?? "";
    const unprotect = (name: string) => `Pulumi protect (\`pulumi state unprotect '${engineUrn(name)}'\`)`;
    assert.equal(
      line("database-eu-west-1-cluster"),
      "- `database-eu-west-1-cluster` (eu-west-1): AWS deletion protection " +
        `(\`platform:database.deletionProtection: false\`) + ${unprotect("database-eu-west-1-cluster")}`,
    );
    assert.equal(
      line("cache-eu-west-1-group"),
      `- \`cache-eu-west-1-group\` (eu-west-1): ${unprotect("cache-eu-west-1-group")}`,
    );
    assert.equal(
      line("eu-west-1-cluster-eks"),
      "- `eu-west-1-cluster-eks` (eu-west-1): AWS deletion protection (`platform:cluster.deletionProtection: false`)",
    );
  });

  it("dev: a cache node type change waits for the replication group's window (no Global Datastore)", async () => {
    const dev = (await planFor("dev")).plan;
    const bigger = (await planWith("dev", { cache: { nodeType: "cache.t4g.medium", nodesPerRegion: 2 } })).plan!;
    const lines = attention(renderReview(review(dev, bigger)))
      .split("\n")
      .filter((l) => l.startsWith("- "));
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(lines[0], /^- \*\*~ failover\*\* ElastiCache replication group `cache-us-east-1-group`/);
    // components/data/cache.ts sets this window; applyImmediately is unset.
    assert.match(lines[0], /\*\*When:\*\* in the next maintenance window \(sun:05:00-sun:06:00\)/);
  });

  it("adding an Asia-Pacific region creates; no update in it is called disruptive", async () => {
    const regions = [
      { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
      { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
      { name: "eu-west-1", vpcCidr: "10.2.0.0/16" },
      { name: "ap-southeast-1", vpcCidr: "10.3.0.0/16" },
    ];
    const withAp = (
      await planWith("prod", {
        regions,
        allowedRegions: regions.map((x) => x.name),
        cache: { regionsWithoutMember: "use-writer" },
      })
    ).plan!;
    const rv = review(prod, withAp);
    assert.ok(rv.counts.create > 100);
    assert.deepEqual(
      rv.attention
        .filter((a) => a.kind === "disruption")
        .map((a) => (a.kind === "disruption" ? a.disruption.row.name : "")),
      [],
    );
    assert.deepEqual(rv.protectedDeletions, []);
  });

  it("a change that deletes nothing protected has no protection steps", () => {
    assert.doesNotMatch(renderReview(review(prod, resized)), /fails until protection is lifted/);
  });
});
