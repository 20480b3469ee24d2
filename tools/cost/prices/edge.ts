import { PAGES, SINGAPORE_BILL, WAF_UNIFORM, later, onAws, onThirdParty } from "./readings";
import type { Price, Reading } from "./types";

const CLOUDFRONT = "https://aws.amazon.com/cloudfront/pricing/";
const ROUTE53 = "https://aws.amazon.com/route53/pricing/";
const WAF = "https://aws.amazon.com/waf/pricing/";
const g = (usd: number) => ({ global: usd });

export const CLOUDFRONT_PRICES = {
  httpsRequests: {
    unit: "10k HTTPS requests",
    usd: g(0.01),
    source: CLOUDFRONT,
    seen: [
      onThirdParty(
        "https://kindatechnical.com/aws-certification-associate-developer/lesson-87-cloudfront-pricing.html",
        ["global"],
        0.01,
        "Request pricing table: HTTP $0.0075, HTTPS $0.0100 per 10,000 requests (undated course page; " +
          "no region named; its data-transfer row is the US/Canada/Europe one).",
      ),
      onThirdParty(
        "https://rdrr.io/github/snowplow/snowplow-tco-model/src/R/cloudfront-costs.r",
        ["global"],
        0.01,
        "Cost model for requests served to users in the US: HTTP $0.0075, HTTPS $0.0100 per 10,000 (old R code).",
      ),
    ],
    conflicts: [
      onThirdParty(
        "https://craig.mayhew.io/blog/hacking-aws-cloudfront-pricing/",
        ["global"],
        0.012,
        "Europe: $0.0120 per 10,000 HTTPS requests (post dated 2017-05-14). Not applied: a nine-year-old " +
          "third-party figure; the AWS page's request table is not in the stored copy. If Europe is $0.0120, " +
          "viewers in Europe cost 20 % more per request than this pinned US figure.",
      ),
    ],
    note:
      "United States / Europe edge locations (price class 100 serves only these; we assume viewers there for every " +
      "class). The US figure is the one read; Europe may differ (conflicts). The AWS page's Always Free Tier " +
      "(10,000,000 requests a month) is not subtracted.",
  },
} satisfies Record<string, Price>;

/** Data transfer out to the internet, US/Europe, monthly tiers: [upper bound in TB, USD per GB]. */
export const CLOUDFRONT_EGRESS_TIERS: readonly (readonly [number, number])[] = [
  [10, 0.085],
  [50, 0.08],
  [150, 0.06],
  [500, 0.04],
  [1024, 0.03],
  [5120, 0.025],
  [Infinity, 0.02],
];
export const CLOUDFRONT_EGRESS_SOURCE = CLOUDFRONT;

/** The tiers as read on the AWS page (a test holds them equal to CLOUDFRONT_EGRESS_TIERS). */
export const CLOUDFRONT_EGRESS_ON_PAGE: readonly (readonly [number, number])[] = [
  [10, 0.085],
  [50, 0.08],
  [150, 0.06],
  [500, 0.04],
  [1024, 0.03],
  [5120, 0.025],
  [Infinity, 0.02],
];
export const CLOUDFRONT_EGRESS_SEEN: readonly Reading[] = [
  onAws(
    PAGES.cloudfrontPricing,
    ["global"],
    0.085,
    "Regional Data Transfer Out to Internet, United States/Mexico/Canada and Europe/Israel/Türkiye columns: " +
      "first 10 TB $0.085, next 40 TB $0.080, next 100 TB $0.060, next 350 TB $0.040, next 524 TB $0.030, " +
      "next 4 PB $0.025, over 5 PB $0.020 per GB; origin fetches from AWS origins free. The page's Always Free " +
      "Tier (1 TB a month) is not subtracted.",
  ),
];

export const ROUTE53_PRICES = {
  healthCheckAws: {
    unit: "health check-month",
    usd: g(0.5),
    source: ROUTE53,
    seen: [
      onThirdParty(
        "https://wewantcode.com/en/course/aws/lesson/7-84-health-checks-status-check.html",
        ["global"],
        0.5,
        "About $0.50 per month for a check against an AWS endpoint, $0.75 for a non-AWS endpoint, plus extras " +
          "for HTTPS, string matching, fast interval and latency measurement (extras not priced on the page).",
      ),
    ],
    note: "Endpoint in AWS (our ALBs); $0.75 for non-AWS endpoints.",
  },
  healthCheckFeature: {
    unit: "optional feature-month",
    usd: g(1),
    source: ROUTE53,
    note: "Per optional feature on an AWS endpoint: HTTPS, string matching, fast interval (10 s), latency measurement.",
  },
  hostedZone: {
    unit: "hosted zone-month",
    usd: g(0.5),
    source: ROUTE53,
    seen: [
      onThirdParty(
        "https://ns1.com/resources/aws-dns",
        ["global"],
        0.5,
        "DNS zones: $0.50 per hosted zone a month for the first 25 hosted zones, $0.10 for additional zones.",
      ),
      onThirdParty(
        SINGAPORE_BILL,
        ["global"],
        0.5,
        'AWS bill, May 2025: "Amazon Route 53 HostedZone: $0.50 per Hosted Zone for the first 25 Hosted Zones".',
      ),
    ].map(later),
    note: "The first 25 zones of the account; $0.10 a month beyond 25.",
  },
  standardQueries: {
    unit: "1M queries",
    usd: g(0.4),
    source: ROUTE53,
    note: "Alias queries to CloudFront/ELB are free.",
  },
  latencyQueries: {
    unit: "1M queries",
    usd: g(0.6),
    source: ROUTE53,
    note: "Alias queries to CloudFront/ELB are free.",
  },
} satisfies Record<string, Price>;

const wafSeen = (usd: number, what: string): Reading[] => [
  onThirdParty(PAGES.wafC3x, ["global"], usd, `${what} (page of 2026). ${WAF_UNIFORM}`),
  onThirdParty(PAGES.wafNegotiations, ["global"], usd, `${what} ("WAF (v2 / WAFv2) in 2026").`),
];

export const WAF_PRICES = {
  webAcl: {
    unit: "web ACL-month",
    usd: g(5),
    source: WAF,
    seen: wafSeen(5, "$5 per web ACL per month"),
  },
  rule: {
    unit: "rule-month",
    usd: g(1),
    source: WAF,
    seen: wafSeen(1, "$1 per rule per month"),
    note:
      "A rule group, custom or AWS managed, counts as one rule: AWS Security Services Best Practices, WAF Cost " +
      "(https://aws.github.io/aws-security-services-best-practices/guides/waf/waf-cost/docs/, read 2026-12-02).",
  },
  requests: {
    unit: "1M requests",
    usd: g(0.6),
    source: WAF,
    seen: wafSeen(0.6, "$0.60 per million requests inspected"),
    note: "Bot Control / Fraud Control not used.",
  },
} satisfies Record<string, Price>;
