import { type Price, uniform, usEu } from "./types";

const CLOUDWATCH = "https://aws.amazon.com/cloudwatch/pricing/";

export const CLOUDWATCH_PRICES = {
  alarm: {
    unit: "alarm-month",
    usd: uniform(0.1),
    source: CLOUDWATCH,
    note: "Standard-resolution metric alarm; the first 10 alarms of the account are free (not subtracted).",
  },
  logIngest: { unit: "GB ingested", usd: usEu(0.5, 0.57, 0.63), source: CLOUDWATCH },
  logStorage: { unit: "GB-month stored", usd: usEu(0.03, 0.03, 0.0324), source: CLOUDWATCH },
} satisfies Record<string, Price>;

const AMP = "https://aws.amazon.com/prometheus/pricing/";
export const AMP_PRICES = {
  ingest: {
    unit: "10M samples",
    usd: uniform(0.9),
    source: AMP,
    note: "First 2 billion samples a month; $0.35 per 10M for the next 250 billion (AMP_INGEST_TIER_SAMPLES).",
  },
  ingestBeyondTier: { unit: "10M samples", usd: uniform(0.35), source: AMP },
  storage: { unit: "GB-month", usd: uniform(0.03), source: AMP },
  query: { unit: "1B samples processed", usd: uniform(0.1), source: AMP },
} satisfies Record<string, Price>;
export const AMP_INGEST_TIER_SAMPLES = 2e9;

/** CodeBuild on-demand, Linux, per build minute by compute type. EU rates not pinned (not found). */
export const CODEBUILD_PRICES: Readonly<Record<string, Price>> = {
  BUILD_GENERAL1_SMALL: {
    unit: "build minute",
    usd: { "us-east-1": 0.005, "us-east-2": 0.005, "us-west-2": 0.005 },
    source: "https://aws.amazon.com/codebuild/pricing/",
  },
  BUILD_GENERAL1_MEDIUM: {
    unit: "build minute",
    usd: { "us-east-1": 0.01, "us-east-2": 0.01, "us-west-2": 0.01 },
    source: "https://aws.amazon.com/codebuild/pricing/",
  },
  BUILD_GENERAL1_LARGE: {
    unit: "build minute",
    usd: { "us-east-1": 0.02, "us-east-2": 0.02, "us-west-2": 0.02 },
    source: "https://aws.amazon.com/codebuild/pricing/",
  },
};
