import { strict as assert } from "node:assert";
import { EKS_PRICES } from "../../tools/cost/prices/compute";
import { CLOUDFRONT_EGRESS_TIERS } from "../../tools/cost/prices/edge";
import { ALL_PRICES, evidenceLine, evidenceSummary, readingProblems } from "../../tools/cost/prices/evidence";
import { NAT_PRICES } from "../../tools/cost/prices/network";
import { CODEBUILD_PRICES } from "../../tools/cost/prices/ops";
import { type Price, seenRegions } from "../../tools/cost/prices/types";

describe("cost: where the pinned prices were read", () => {
  it("every reading has an https URL, a date, a publisher matching its host and confirms the pinned figure", () => {
    const problems = [...ALL_PRICES].flatMap(([name, p]) => readingProblems(name, p));
    assert.deepEqual(problems, []);
  });

  it("fails a price changed without a new reading, a wrong publisher and a conflict that agrees", () => {
    const [reading] = NAT_PRICES.hour.seen;
    const edited: Price = { ...NAT_PRICES.hour, usd: { ...NAT_PRICES.hour.usd, "us-east-2": 0.05 } };
    assert.deepEqual(readingProblems("nat.hour", edited), [
      `nat.hour seen ${reading.url}: the page gave 0.045 for us-east-2, the table pins 0.05`,
      `nat.hour seen ${NAT_PRICES.hour.seen[1].url}: the page gave 0.045 for us-east-2, the table pins 0.05`,
      `nat.hour seen ${NAT_PRICES.hour.seen[2].url}: the page gave 0.045 for us-east-2, the table pins 0.05`,
    ]);
    const claimed: Price = { ...NAT_PRICES.hour, seen: [{ ...reading, publisher: "aws" }], conflicts: [reading] };
    assert.deepEqual(readingProblems("nat.hour", claimed), [
      `nat.hour seen ${reading.url}: publisher aws does not match the host`,
      `nat.hour conflicts ${reading.url}: listed as a conflict but agrees with 0.045 in us-east-2`,
    ]);
  });

  it("holds the CloudFront egress tiers to the AWS page", () => {
    // https://aws.amazon.com/cloudfront/pricing/ (read 2026-12-02), Data Transfer Out to Internet, United
    // States/Mexico/Canada and Europe/Israel columns: first 10 TB $0.085, next 40 TB $0.080, next 100 TB
    // $0.060, next 350 TB $0.040, next 524 TB $0.030, next 4 PB $0.025, over 5 PB $0.020 per GB.
    // As [upper bound in TB, USD per GB]:
    assert.deepEqual(CLOUDFRONT_EGRESS_TIERS, [
      [10, 0.085],
      [50, 0.08],
      [150, 0.06],
      [500, 0.04],
      [1024, 0.03],
      [5120, 0.025],
      [Infinity, 0.02],
    ]);
    const egress = ALL_PRICES.get("cloudfront.egress")!;
    assert.deepEqual(
      egress.seen!.map((r) => [r.publisher, r.url]),
      [["aws", "https://aws.amazon.com/cloudfront/pricing/"]],
    );
  });

  it("counts only the regions a page names: an unnamed reading confirms no region", () => {
    assert.deepEqual(seenRegions(NAT_PRICES.hour), ["us-east-1", "us-east-2", "us-west-2", "ap-southeast-1"]);
    assert.deepEqual(seenRegions(EKS_PRICES.controlPlane), []);
    assert.equal(EKS_PRICES.controlPlane.seen.length, 2);
  });

  it("pins no CodeBuild rate in the EU (none was found on a page)", () => {
    for (const p of Object.values(CODEBUILD_PRICES))
      assert.deepEqual(Object.keys(p.usd).sort(), ["us-east-1", "us-east-2", "us-west-2"]);
  });

  it("summarises the evidence: entries read, by whom, and what is left unread", () => {
    const s = evidenceSummary();
    assert.deepEqual([s.total, s.read, s.readOnAws, s.figures, s.figuresSeen], [58, 33, 5, 246, 45]);
    assert.deepEqual(s.conflicting, [
      "auroraInstance.db.r6g",
      "auroraInstance.db.t4g",
      "elasticache.cache.r6g",
      "cloudfront.httpsRequests",
    ]);
    assert.ok(s.unread.includes("auroraInstance.db.r7g") && s.unread.includes("amp.ingest"));
    assert.match(evidenceLine(s), /^Prices read on a page: 33 of 58 entries \(5 on an AWS page\), 45 of 246 region/);
  });
});
