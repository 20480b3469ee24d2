import { strict as assert } from "node:assert";
import { estimateCost } from "../../tools/cost/estimate";
import { cloudfrontEgress } from "../../tools/cost/rules/edge";
import type { CostReport, CostResource } from "../../tools/cost/types";
import { plan, res } from "./fixtures";

/**
 * Edge (CloudFront, WAF, Route53) and network (NAT, EIP, ALB, peering, endpoints) rules on small
 * plans. Prices written from their pages:
 * - CloudFront https://aws.amazon.com/cloudfront/pricing/: $0.01 per 10k HTTPS requests; egress tiers (US/Europe)
 *   $0.085 first 10 TB, $0.080 next 40 TB, $0.060 next 100 TB, $0.040 next 350 TB, $0.030 next 524 TB,
 *   $0.025 next 4 PB, $0.020 over 5 PB.
 * - WAF https://aws.amazon.com/waf/pricing/: $5 per web ACL-month, $1 per rule-month, $0.60 per 1M requests.
 * - Route53 https://aws.amazon.com/route53/pricing/: $0.50 per hosted zone-month; health check on an AWS
 *   endpoint $0.50/month, each optional feature $1.00/month.
 * - VPC https://aws.amazon.com/vpc/pricing/: public IPv4 $0.005/h.
 * - ELB https://aws.amazon.com/elasticloadbalancing/pricing/: ALB in eu-central-1 $0.027/h and $0.0081 per LCU-h;
 *   ap-southeast-1 $0.0252/h, no LCU rate pinned.
 * - Inter-region transfer https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer: $0.02/GB out of
 *   us-east-1 and eu-west-1; $0.01/GB between us-east-1 and us-east-2.
 */
const TRAFFIC = { peakRps: 1000, averageToPeak: 0.5, averageResponseKiB: 64, cdnHitPercent: 25 };
const run = (resources: CostResource[], over: Record<string, unknown> = {}): CostReport =>
  estimateCost(plan(resources, { traffic: TRAFFIC, ...over }));
const lines = (r: CostReport, only?: string) =>
  r.lines.filter((l) => !only || l.line.startsWith(only)).map((l) => [l.line, l.region, l.monthly, l.basis]);
const unpriced = (r: CostReport) => r.unpriced.map((u) => [u.region, u.kind, u.reason]);
const free = (r: CostReport) => r.coverage.byType.free.map((e) => [e.type, e.count, e.reason]);
const ALB = "aws:lb/loadBalancer:LoadBalancer";
const PEERING = "aws:ec2/vpcPeeringConnection:VpcPeeringConnection";

describe("cost rules: edge", () => {
  it("tiers CloudFront egress at the page's boundaries", () => {
    assert.equal(cloudfrontEgress(0), 0);
    assert.equal(+cloudfrontEgress(10_240).toFixed(4), 870.4);
    assert.equal(+cloudfrontEgress(10_241).toFixed(4), 870.48);
    // Every tier full (5 PB) plus 1,000 GB at $0.02.
    const full = 870.4 + 40_960 * 0.08 + 102_400 * 0.06 + 358_400 * 0.04 + 536_576 * 0.03 + 4_194_304 * 0.025;
    assert.equal(+cloudfrontEgress(5120 * 1024 + 1000).toFixed(2), +(full + 20).toFixed(2));
  });

  it("prices a distribution's requests and egress from the traffic assumptions", () => {
    const r = run([res("aws:cloudfront/distribution:Distribution", "us-east-1", {})]);
    // 1,000 x 0.5 x 2,628,000 s = 1.314B requests; x 64 KiB = 80,200.2 GB: 10,240 x 0.085 + 40,960 x 0.08 +
    // 29,000.2 x 0.06 = 5,887.21 (avg $0.0734/GB).
    assert.deepEqual(lines(r), [
      [
        "CloudFront HTTPS requests",
        "global",
        1314,
        "1.31B requests (traffic.peakRps 1000 x averageToPeak 0.5 x 730 h) x $0.01/10k",
      ],
      [
        "CloudFront data transfer out",
        "global",
        5887.21,
        "80.2k GB (requests x averageResponseKiB 64) at US/Europe tiers from $0.085/GB (avg $0.0734/GB); origin fetches from AWS origins are free",
      ],
    ]);
    const idle = run([res("aws:cloudfront/distribution:Distribution", "us-east-1", {})], {
      traffic: { ...TRAFFIC, averageResponseKiB: 0 },
    });
    assert.match(lines(idle)[1][3] as string, /^0 GB .*\(avg \$0\.00\/GB\)/);
  });

  it("prices WAF per ACL, rule and request: CloudFront scope sees every request, regional only its origin share", () => {
    const r = run([
      res("aws:wafv2/webAcl:WebAcl", "us-east-1", { scope: "CLOUDFRONT", rules: [{}, {}, {}] }),
      res("aws:wafv2/webAcl:WebAcl", "us-east-1", {}),
      res(ALB, "us-east-1", { internal: true }),
    ]);
    assert.deepEqual(lines(r, "WAF"), [
      ["WAF web ACL and rules", "global", 8, "$5.00 per web ACL + 3 rules x $1.00"],
      ["WAF requests", "global", 788.4, "1.31B requests (CLOUDFRONT) x $0.60/1M"],
      ["WAF web ACL and rules", "us-east-1", 5, "$5.00 per web ACL + 0 rules x $1.00"],
      // 1.314B x share 1 x (1 - 25 % CDN hits) = 985.5M x $0.60/1M
      ["WAF requests", "us-east-1", 591.3, "985.5M requests (REGIONAL) x $0.60/1M"],
    ]);
    const noAlb = run([res("aws:wafv2/webAcl:WebAcl", "eu-west-1", { scope: "REGIONAL" })]);
    assert.deepEqual(lines(noAlb, "WAF requests"), [
      ["WAF requests", "eu-west-1", 0, "0 requests (REGIONAL) x $0.60/1M"],
    ]);
  });

  it("prices a health check with each optional feature, and a hosted zone", () => {
    const hc = (inputs: Record<string, unknown>) => res("aws:route53/healthCheck:HealthCheck", null, inputs);
    const r = run([
      hc({}),
      hc({ type: "HTTPS_STR_MATCH", requestInterval: 10, measureLatency: true }),
      hc({ type: "HTTP_STR_MATCH", requestInterval: 30, measureLatency: false }),
      hc({ type: "HTTPS" }),
      res("aws:route53/zone:Zone", null, {}),
    ]);
    assert.deepEqual(lines(r), [
      ["Route53 health check", "global", 0.5, "$0.50 (AWS endpoint) + 0 optional features (none) x $1.00"],
      [
        "Route53 health check",
        "global",
        4.5,
        "$0.50 (AWS endpoint) + 4 optional features (HTTPS, string matching, fast interval, latency measurement) x $1.00",
      ],
      ["Route53 health check", "global", 1.5, "$0.50 (AWS endpoint) + 1 optional features (string matching) x $1.00"],
      ["Route53 health check", "global", 1.5, "$0.50 (AWS endpoint) + 1 optional features (HTTPS) x $1.00"],
      ["Route53 hosted zone", "global", 0.5, "$0.50 per hosted zone-month (first 25 zones of the account)"],
    ]);
  });

  it("counts alias and validation records free and leaves other records' queries unpriced", () => {
    const rec = (inputs: Record<string, unknown>) => res("aws:route53/record:Record", "us-east-1", inputs);
    const r = run([
      rec({ name: "www", aliases: [{ name: "d.cloudfront.net" }] }),
      rec({ name: "_x1.example" }),
      rec({ name: "api" }),
    ]);
    assert.deepEqual(free(r), [
      [
        "aws:route53/record:Record",
        1,
        "alias record to CloudFront or an ELB: Route53 answers its queries free of charge",
      ],
      ["aws:route53/record:Record", 1, "ACM validation record: a handful of queries a year, below a cent"],
    ]);
    assert.deepEqual(unpriced(r), [
      ["global", "usage", "queries to non-alias records not estimated (no usage assumption)"],
    ]);
  });
});

describe("cost rules: network", () => {
  it("prices an Elastic IP per hour and names a region without the price", () => {
    assert.deepEqual(lines(run([res("aws:ec2/eip:Eip", "eu-west-1", {})])), [
      ["public IPv4 address", "eu-west-1", 3.65, "$0.005/h x 730 h"],
    ]);
    assert.deepEqual(unpriced(run([res("aws:ec2/eip:Eip", "ap-south-1", {})])), [
      [
        "ap-south-1",
        "price",
        "no pinned price for public IPv4 in ap-south-1 (see https://aws.amazon.com/vpc/pricing/)",
      ],
    ]);
  });

  // NAT data processing per GB on https://aws.amazon.com/vpc/pricing/ as pinned on the price date: $0.045 in the
  // three US regions, $0.048 in Ireland, $0.052 in Frankfurt; Singapore $0.059 (two third-party pages, 2026-12-07).
  const NAT_GB: Record<string, number> = {
    "us-east-1": 0.045,
    "us-east-2": 0.045,
    "us-west-2": 0.045,
    "eu-west-1": 0.048,
    "eu-central-1": 0.052,
    "ap-southeast-1": 0.059,
  };
  for (const [region, perGb] of Object.entries(NAT_GB))
    it(`prices NAT data processing in ${region} at $${perGb}/GB`, () => {
      const r = run([res("aws:ec2/natGateway:NatGateway", region, {})], { network: { natGBPerRegion: 1000 } });
      assert.equal(r.lines.find((l) => l.line === "NAT data processed")?.monthly, Math.round(perGb * 1000 * 100) / 100);
    });

  it("prices an ALB's hours, LCUs from its origin traffic, and one public address per subnet", () => {
    const rules = Array.from({ length: 12 }, () => res("aws:lb/listenerRule:ListenerRule", "eu-central-1", {}));
    const r = run([res(ALB, "eu-central-1", { subnets: ["a", "b", "c"] }), ...rules]);
    // Origin: 1,000 x 0.5 x share 1 x 75 % = 375 req/s x 3,600 x 64 KiB = 82.40 GB/h = 82.40 LCU x $0.0081 x 730.
    assert.deepEqual(lines(r), [
      ["ALB hours", "eu-central-1", 19.71, "$0.027/h x 730 h"],
      [
        "ALB LCU",
        "eu-central-1",
        487.22,
        "82.40 LCU x $0.0081/LCU-h x 730 h; processed bytes dominate: 375 origin req/s (traffic.peakRps 1000 x " +
          "averageToPeak 0.5 x share 1.00 x (1 - cdnHitPercent 25 %)) x averageResponseKiB 64 = 82.40 GB/h; " +
          "12 listener rules (10 free); CloudFront keeps origin connections alive (connection LCUs not counted)",
      ],
      ["ALB public IPv4", "eu-central-1", 10.95, "3 addresses (one per subnet) x $0.005/h x 730 h"],
    ]);
  });

  it("counts listener-rule LCUs beyond the ten free rules when they exceed the processed bytes", () => {
    const rules = Array.from({ length: 30 }, () => res("aws:lb/listenerRule:ListenerRule", "eu-central-1", {}));
    const elsewhere = res("aws:lb/listenerRule:ListenerRule", "us-east-1", {});
    const r = run([res(ALB, "eu-central-1", { internal: true }), ...rules, elsewhere], {
      traffic: { ...TRAFFIC, averageResponseKiB: 0 },
    });
    // 375 req/s x (30 - 10) rules / 1,000 = 7.5 LCU x $0.0081 x 730 = 44.3475.
    assert.deepEqual(
      lines(r, "ALB LCU").map(([, , m, b]) => [m, (b as string).slice(0, 40)]),
      [[44.35, "7.50 LCU x $0.0081/LCU-h x 730 h; proces"]],
    );
    assert.deepEqual(
      lines(r).map(([l]) => l),
      ["ALB hours", "ALB LCU"],
    );
  });

  it("shows an ALB's hours where only the LCU rate is missing, and refuses other load balancer types", () => {
    const r = run([
      res(ALB, "ap-southeast-1", { internal: true }),
      res(ALB, "us-east-1", { loadBalancerType: "network" }),
    ]);
    assert.deepEqual(lines(r), [["ALB hours", "ap-southeast-1", 18.4, "$0.0252/h x 730 h"]]);
    assert.deepEqual(unpriced(r), [
      [
        "ap-southeast-1",
        "price",
        "no pinned price for ALB LCU in ap-southeast-1 (see https://aws.amazon.com/elasticloadbalancing/pricing/)",
      ],
      ["us-east-1", "rule", "load balancer type network has no pricing rule"],
    ]);
  });

  it("prices peering traffic both ways, split over each region's links", () => {
    const peer = (from: string, to: string | undefined, name: string) => res(PEERING, from, { peerRegion: to }, name);
    const r = run(
      [peer("us-east-1", "eu-west-1", "a"), peer("us-east-1", "us-east-2", "b"), peer("us-west-2", undefined, "same")],
      { network: { interRegionGBPerRegion: 60 } },
    );
    assert.deepEqual(lines(r), [
      [
        "inter-region transfer over peering",
        "us-east-1",
        1.8, // 60 / 2 links x $0.02 + 60 / 1 link x $0.02
        "30 GB us-east-1->eu-west-1 x $0.02/GB + 60 GB back x $0.02/GB (network.interRegionGBPerRegion 60 GB split over each region's peering links)",
      ],
      [
        "inter-region transfer over peering",
        "us-east-1",
        0.9, // 30 x $0.01 + 60 x $0.01
        "30 GB us-east-1->us-east-2 x $0.01/GB + 60 GB back x $0.01/GB (network.interRegionGBPerRegion 60 GB split over each region's peering links)",
      ],
      ["VPC peering (same region)", "us-west-2", 0, "no charge for peering; same-AZ traffic free"],
    ]);
    assert.deepEqual(unpriced(run([peer("us-east-1", "ap-south-1", "far")])), [
      ["us-east-1", "price", "no pinned inter-region transfer price between us-east-1 and ap-south-1"],
    ]);
  });

  it("counts gateway endpoints free and leaves interface endpoints unpriced", () => {
    const ep = (inputs: Record<string, unknown>) => res("aws:ec2/vpcEndpoint:VpcEndpoint", "us-east-1", inputs);
    const r = run([
      ep({}),
      ep({ vpcEndpointType: "Gateway" }),
      ep({ vpcEndpointType: "Interface", subnetIds: ["a", "b", "c"] }),
    ]);
    assert.deepEqual(free(r), [
      ["aws:ec2/vpcEndpoint:VpcEndpoint", 2, "gateway endpoint (S3, DynamoDB): no hourly or per-GB charge"],
    ]);
    assert.deepEqual(unpriced(r), [["us-east-1", "price", "interface endpoint (3 AZs): hourly price not pinned"]]);
  });
});
