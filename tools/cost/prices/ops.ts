import { PAGES, onSingaporeBill, onThirdParty } from "./readings";
import { type Price, type Reading, uniform, usEu } from "./types";

const CLOUDWATCH = "https://aws.amazon.com/cloudwatch/pricing/";

export const CLOUDWATCH_PRICES = {
  alarm: {
    unit: "alarm-month",
    usd: uniform(0.1),
    source: CLOUDWATCH,
    note: "Standard-resolution metric alarm; the first 10 alarms of the account are free (not subtracted).",
  },
  logIngest: {
    unit: "GB ingested",
    usd: { ...usEu(0.5, 0.57, 0.63), "ap-southeast-1": 0.7 },
    source: CLOUDWATCH,
    seen: [
      onSingaporeBill(0.7, "$0.70 per GB custom log data ingested in Standard log class - Asia Pacific (Singapore)"),
      onSingaporeBill(0.5, "$0.50 per GB custom log data ingested in Standard log class - US West (Oregon)", [
        "us-west-2",
      ]),
      onThirdParty(
        "https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards/",
        "unnamed",
        0.5,
        "Logs ingestion at $0.50/GB, the largest CloudWatch line on most accounts (page dated 2026-06-13); the " +
          "excerpt names no region.",
      ),
    ],
  },
  logStorage: { unit: "GB-month stored", usd: usEu(0.03, 0.03, 0.0324), source: CLOUDWATCH },
} satisfies Record<string, Price>;

const AMP = "https://aws.amazon.com/prometheus/pricing/";
export const AMP_PRICES = {
  ingest: {
    unit: "10M samples",
    usd: uniform(0.9),
    source: AMP,
    note:
      "First 2 billion samples a month; $0.35 per 10M for the next 250 billion (AMP_INGEST_TIER_SAMPLES). Not " +
      "read: the stored copy of the AWS page (read 2026-12-02) ends before its price table; it gives the free " +
      "tier (40 M samples ingested, 200 B query samples, 10 GB stored), which is not subtracted.",
  },
  ingestBeyondTier: { unit: "10M samples", usd: uniform(0.35), source: AMP },
  storage: { unit: "GB-month", usd: uniform(0.03), source: AMP },
  query: { unit: "1B samples processed", usd: uniform(0.1), source: AMP },
} satisfies Record<string, Price>;
export const AMP_INGEST_TIER_SAMPLES = 2e9;

const codebuildSeen = (usd: number, what: string): Reading[] => [
  onThirdParty(
    PAGES.codebuildC3x,
    "unnamed",
    usd,
    `Build minutes: roughly $0.005/min (general1.small), $0.01 (medium), $0.02 (large); read here: ${what}. ` +
      "No region named.",
  ),
];

/**
 * CodeBuild on-demand, Linux, per build minute by compute type. EU rates are not pinned: no page read
 * for this table gives a CodeBuild rate for eu-west-1 or eu-central-1 (searched 2026-12-02), so an EU
 * CodeBuild project is listed as unpriced.
 */
export const CODEBUILD_PRICES: Readonly<Record<string, Price>> = {
  BUILD_GENERAL1_SMALL: {
    unit: "build minute",
    usd: { "us-east-1": 0.005, "us-east-2": 0.005, "us-west-2": 0.005 },
    source: "https://aws.amazon.com/codebuild/pricing/",
    seen: [
      ...codebuildSeen(0.005, "small"),
      onThirdParty(
        "https://hivebook.wiki/wiki/aws-codebuild-managed-build-service",
        ["us-east-1"],
        0.005,
        "Prices in us-east-1, May 2026: general1.small about $0.005/minute; first 100 build-minutes a month free.",
      ),
    ],
  },
  BUILD_GENERAL1_MEDIUM: {
    unit: "build minute",
    usd: { "us-east-1": 0.01, "us-east-2": 0.01, "us-west-2": 0.01 },
    source: "https://aws.amazon.com/codebuild/pricing/",
    seen: codebuildSeen(0.01, "medium"),
  },
  BUILD_GENERAL1_LARGE: {
    unit: "build minute",
    usd: { "us-east-1": 0.02, "us-east-2": 0.02, "us-west-2": 0.02 },
    source: "https://aws.amazon.com/codebuild/pricing/",
    seen: codebuildSeen(0.02, "large"),
  },
};
