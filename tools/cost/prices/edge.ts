import type { Price } from "./types";

const CLOUDFRONT = "https://aws.amazon.com/cloudfront/pricing/";
const ROUTE53 = "https://aws.amazon.com/route53/pricing/";
const WAF = "https://aws.amazon.com/waf/pricing/";
const g = (usd: number) => ({ global: usd });

export const CLOUDFRONT_PRICES = {
  httpsRequests: {
    unit: "10k HTTPS requests",
    usd: g(0.01),
    source: CLOUDFRONT,
    note: "United States / Europe edge locations (price class 100 serves only these; we assume viewers there for every class).",
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

export const ROUTE53_PRICES = {
  healthCheckAws: {
    unit: "health check-month",
    usd: g(0.5),
    source: ROUTE53,
    seenAt: "https://wewantcode.com/en/course/aws/lesson/7-84-health-checks-status-check.html",
    seen: ["global"],
    note: "Endpoint in AWS (our ALBs); $0.75 for non-AWS endpoints.",
  },
  healthCheckFeature: {
    unit: "optional feature-month",
    usd: g(1),
    source: ROUTE53,
    note: "Per optional feature on an AWS endpoint: HTTPS, string matching, fast interval (10 s), latency measurement.",
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

export const WAF_PRICES = {
  webAcl: { unit: "web ACL-month", usd: g(5), source: WAF },
  rule: { unit: "rule-month", usd: g(1), source: WAF, note: "An AWS managed rule group counts as one rule." },
  requests: { unit: "1M requests", usd: g(0.6), source: WAF, note: "Bot Control / Fraud Control not used." },
} satisfies Record<string, Price>;
