import { strict as assert } from "node:assert";
import { estimateCost } from "../../tools/cost/estimate";
import { costSummaryLine } from "../../tools/cost/report";
import type { CostReport } from "../../tools/cost/types";
import { costSection } from "../../tools/review/cost";
import { fixtureStack, planFor, planOf } from "../helpers/plan";

const AP = "ap-southeast-1";
/** What a new region costs most: its cluster, NAT gateways, load balancer and database instances. */
const KEY_TYPES = [
  "eks:index:Cluster",
  "aws:ec2/natGateway:NatGateway",
  "aws:lb/loadBalancer:LoadBalancer",
  "aws:rds/clusterInstance:ClusterInstance",
];

describe("cost: prod with an added Asia-Pacific region (test/fixtures/stacks/Pulumi.prod-apac.yaml)", function () {
  this.timeout(240_000);
  let prod: CostReport;
  let apac: CostReport;
  let apacUrns: { urn: string; type: string }[];
  before(async () => {
    const p = await planFor("prod");
    const a = await planOf("prod-apac", { preview: false, configFile: fixtureStack("prod-apac") });
    if (!a.ok) throw new Error(`the fixture stack does not plan: ${a.error.message}`);
    prod = estimateCost(p.plan);
    apac = estimateCost(a.plan);
    apacUrns = a.plan.resources.filter((r) => r.region === AP && KEY_TYPES.includes(r.type));
  });

  it("has the new region's EKS cluster, NAT gateways, ALB and Aurora instances", () => {
    const types = new Set(apacUrns.map((r) => r.type));
    assert.deepEqual([...types].sort(), [...KEY_TYPES].sort());
    assert.equal(apacUrns.filter((r) => r.type === "aws:ec2/natGateway:NatGateway").length, 3);
  });

  it("prices each of them or counts it unpriced with the reason: never a silent $0, never free", () => {
    const unpriced = new Set(apac.unpriced.map((u) => u.urn));
    for (const r of apacUrns) {
      const lines = apac.lines.filter((l) => l.urn === r.urn);
      const paid = lines.some((l) => l.monthly > 0);
      assert.ok(paid || unpriced.has(r.urn), `${r.urn} is neither priced nor counted unpriced`);
    }
    assert.ok(!apac.coverage.byType.free.some((e) => e.region === AP && KEY_TYPES.includes(e.type)));
  });

  it("prices what has a reading there and counts the rest unpriced, with the reason", () => {
    const inAp = (line: string) => apac.lines.filter((l) => l.region === AP && l.line === line).map((l) => l.monthly);
    // EKS: $0.10 per cluster-hour (AWS, no regional table) x 730 h. NAT: $0.059/h in Singapore x 730 h.
    assert.deepEqual(inAp("EKS control plane"), [73]);
    assert.deepEqual(inAp("NAT gateway hours"), [43.07, 43.07, 43.07]);
    // No page gave Singapore's Aurora, ALB LCU or m6i/m7i figures: those are unpriced, never $0.
    const why = (type: string) => apac.unpriced.filter((u) => u.region === AP && u.type === type).map((u) => u.reason);
    // ALB: $0.0252 per ALB-hour on the Singapore bill x 730 h; no LCU rate was found, so the traffic part is unpriced.
    assert.deepEqual(inAp("ALB hours"), [18.4]);
    assert.deepEqual(
      why("aws:lb/loadBalancer:LoadBalancer").map((w) => w.split(" (see")[0]),
      ["no pinned price for ALB LCU in ap-southeast-1"],
    );
    assert.deepEqual(
      why("aws:rds/clusterInstance:ClusterInstance").map((w) => w.split(" (see")[0]),
      ["no pinned price for db.r7g.large in ap-southeast-1", "no pinned price for db.r7g.large in ap-southeast-1"],
    );
  });

  it("coverage adds up to the plan's resources and lists every unpriced type with its region", () => {
    const c = apac.coverage;
    assert.equal(c.estimated + c.free + c.unpriced, c.resources);
    const listed = c.byType.unpriced.reduce((n, e) => n + e.count, 0);
    assert.equal(listed, c.unpriced);
    assert.ok(c.byType.unpriced.every((e) => e.reason && e.region));
  });

  it("says so wherever traffic moved to a region whose traffic lines are not priced", () => {
    const lcu = (r: CostReport, region: string) =>
      r.lines.find((l) => l.line === "ALB LCU" && l.region === region)?.monthly;
    // Prod's three regions share traffic equally; with a fourth each takes a quarter, so us-east-1's LCUs fall.
    assert.ok(lcu(apac, "us-east-1")! < lcu(prod, "us-east-1")!);
    const ap = apac.coverage.regionsWithoutPrices.find((r) => r.region === AP);
    if (lcu(apac, AP) === undefined) {
      assert.ok(ap, `${AP} is flagged`);
      assert.deepEqual([ap.trafficShare, ap.trafficUnpriced], [0.25, true]);
      assert.match(
        costSummaryLine(apac),
        new RegExp(`NOT PRICED: ${AP}: \\d+ resources .* it takes 25\\.0 % of the traffic`),
      );
      assert.match(
        costSection(prod, apac),
        new RegExp(`⚠️ \\*\\*Not priced in ${AP}\\*\\*: .*25\\.0 % of the traffic`),
      );
    } else assert.ok(lcu(apac, AP)! > 0, `${AP}'s ALB LCUs are priced`);
  });
});
