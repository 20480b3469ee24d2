import { PAGES, later, onSingaporeBill, onThirdParty } from "./readings";
import { type Price, type Reading, uniform, usEu } from "./types";

const VPC = "https://aws.amazon.com/vpc/pricing/";
const ELB = "https://aws.amazon.com/elasticloadbalancing/pricing/";
const EC2_TRANSFER = "https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer";

const natSeen = (what: "hour" | "GB"): Reading[] => [
  onThirdParty(
    PAGES.vpcPricingTranscript,
    ["us-east-2"],
    0.045,
    `Transcript of the pricing example on https://aws.amazon.com/vpc/pricing/ (harvested 2026-09-20): a NAT ` +
      `gateway in US East (Ohio) at $0.045 per hour and $0.045 per GB processed (read here: per ${what}).`,
  ),
  onThirdParty(
    PAGES.natMedampudi,
    ["us-east-1", "us-east-2"],
    0.045,
    "us-east-1 (N. Virginia) and us-east-2 (Ohio): $0.045 per NAT gateway-hour and $0.045 per GB processed.",
  ),
  onThirdParty(
    PAGES.natCloudpipelines,
    ["us-east-1", "us-east-2", "us-west-2"],
    0.045,
    "Regional table: US East (N. Virginia, Ohio) and US West (N. California, Oregon) ~$0.045 per hour and " +
      "~$0.045 per GB; Europe (Ireland, Frankfurt, London) ~$0.048-$0.052 without naming which is which.",
  ),
];

/** Asia Pacific (Singapore): the first Asia-Pacific region with a NAT price. */
const natSingapore = (what: "hour" | "GB"): Reading[] =>
  [
    onThirdParty(
      "https://basavytix.com/blog/aws-nat-gateway-pricing",
      ["ap-southeast-1"],
      0.059,
      "us-east-1 rates $0.045/hr and $0.045/GB; other regions vary slightly: ap-southeast-1 (Singapore) is " +
        `$0.059/hr and $0.059/GB (read here: per ${what}).`,
    ),
    ...(what === "hour"
      ? [
          onThirdParty(
            "https://github.com/pipetail/cloudlint/blob/master/internal/app/worker/nat_gw_unused.go",
            ["ap-southeast-1"],
            0.059,
            "A cost linter's table of NAT gateway hourly prices by region: ap-southeast-1 0.059 (with us-east-1 " +
              "0.045, eu-west-1 0.048, eu-central-1 0.052, as pinned here); undated code, weaker evidence.",
          ),
        ]
      : []),
  ].map(later);

export const NAT_PRICES = {
  hour: {
    unit: "gateway-hour",
    usd: { ...usEu(0.045, 0.048, 0.052), "ap-southeast-1": 0.059 },
    source: VPC,
    seen: [...natSeen("hour"), ...natSingapore("hour")],
    note: "eu-west-1 $0.048 and eu-central-1 $0.052 are within the range a third-party page gives for Europe; not read per region.",
  },
  gb: {
    unit: "GB processed",
    usd: { ...usEu(0.045, 0.048, 0.052), "ap-southeast-1": 0.059 },
    source: VPC,
    seen: [...natSeen("GB"), ...natSingapore("GB")],
  },
} satisfies Record<string, Price>;

export const ALB_PRICES = {
  hour: {
    unit: "ALB-hour",
    usd: { ...usEu(0.0225, 0.0252, 0.027), "ap-southeast-1": 0.0252 },
    source: ELB,
    seen: [
      onSingaporeBill(
        0.0252,
        "Elastic Load Balancing - Application, Singapore: $0.0252 per Application LoadBalancer-hour",
      ),
      onThirdParty(
        PAGES.elbPricingTranscript,
        ["us-east-1"],
        0.0225,
        "Transcript of the pricing examples on https://aws.amazon.com/elasticloadbalancing/pricing/ (harvested " +
          "2026-09-20; the page's rate tables render dynamically): ALB $0.0225 hourly charge in US-East-1.",
      ),
      onThirdParty(
        PAGES.albCalculator,
        ["us-east-1"],
        0.0225,
        "Calculator's regional table: US East (N. Virginia) $0.0225/h.",
      ),
      onThirdParty(
        PAGES.albCalculator,
        ["eu-west-1"],
        0.0252,
        "Calculator's regional table: Europe (Ireland) $0.0252/h.",
      ),
    ],
  },
  lcu: {
    unit: "LCU-hour",
    usd: usEu(0.008, 0.008, 0.0081),
    source: ELB,
    seen: [
      onThirdParty(
        PAGES.elbPricingTranscript,
        ["us-east-1"],
        0.008,
        "Transcript of the pricing examples on https://aws.amazon.com/elasticloadbalancing/pricing/ (harvested " +
          "2026-09-20): $0.008 per LCU in US-East-1; LCU = 25 new connections/s, 3,000 active connections/min, " +
          "1 GB/h for EC2/IP targets, 1,000 rule evaluations/s.",
      ),
      onThirdParty(
        PAGES.albGist2018,
        ["us-east-1", "us-west-2", "eu-west-1"],
        0.008,
        "A 2018 cost script pins lcu_cost 0.008 for eu-west-1, us-east-1 and us-west-2 (old; the rate was the same then).",
      ),
    ],
    note: "1 LCU = 25 new connections/s, 3,000 active connections/min, 1 GB/h processed, 1,000 rule evaluations/s (first 10 rules free); the largest dimension is billed.",
  },
} satisfies Record<string, Price>;

/** Data leaving a region for another AWS region (VPC peering, Global Datastore, Aurora global replication traffic). */
export const INTER_REGION_PRICES = {
  gb: {
    unit: "GB sent to another region",
    usd: { ...uniform(0.02), "ap-southeast-1": 0.09 },
    source: EC2_TRANSFER,
    seen: [
      onSingaporeBill(
        0.09,
        "$0.09 per GB - Asia Pacific (Singapore) data transfer to US East (Northern Virginia), the same to US West " +
          "(Oregon), EU (Ireland), EU (Germany) and every other region listed; $0.02 per GB - US East (Northern " +
          "Virginia) data transfer to Asia Pacific (Singapore)",
      ),
      onThirdParty(
        "https://www.usage.ai/blogs/aws-network-costs/",
        ["us-east-1"],
        0.02,
        "Rates for US East (N. Virginia), May 2026: inter-region VPC peering traffic at standard cross-region " +
          "rates, $0.02/GB for most US corridors; no hourly charge for a peering connection.",
      ),
    ],
    note: "Between us-east-1 and us-east-2 AWS charges $0.01/GB (see interRegionRate). Inter-region VPC peering traffic is billed as inter-region transfer; no peering hourly charge.",
  },
} satisfies Record<string, Price>;

/** USD per GB from `from` to `to`. */
export function interRegionRate(from: string, to: string): number | undefined {
  const pair = [from, to].sort().join(" ");
  if (pair === "us-east-1 us-east-2") return 0.01;
  return (INTER_REGION_PRICES.gb.usd as Readonly<Record<string, number>>)[from];
}
