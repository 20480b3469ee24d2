import { PAGES, onSingaporeBill, onThirdParty } from "./readings";
import { type Price, uniform, usEu } from "./types";

const AURORA = "https://aws.amazon.com/rds/aurora/pricing/";
const ELASTICACHE = "https://aws.amazon.com/elasticache/pricing/";

export const AURORA_PRICES = {
  storage: {
    unit: "GB-month",
    usd: usEu(0.1, 0.11, 0.119),
    source: AURORA,
    seen: [
      onThirdParty(
        PAGES.auroraWring,
        ["us-east-1"],
        0.1,
        "Aurora Standard storage $0.10 per GB-month in us-east-1 (recorded when the table was pinned; not re-read).",
      ),
      onThirdParty(
        PAGES.rdsAuroraCalculator,
        "unnamed",
        0.1,
        "Aurora Standard storage $0.10 per GB-month, 3-AZ replicated, single rate; no region named.",
      ),
    ],
    note: "Aurora Standard storage configuration (the default; no storageType set).",
  },
  io: {
    unit: "1M I/O requests",
    usd: usEu(0.2, 0.22, 0.22),
    source: AURORA,
    seen: [
      onThirdParty(
        PAGES.auroraWring,
        ["us-east-1"],
        0.2,
        "Aurora Standard I/O $0.20 per million requests in us-east-1 (recorded when the table was pinned; not re-read).",
      ),
      onThirdParty(
        "https://www.jusdb.com/blog/aws-rds-vs-aurora-vs-serverless-cost-comparison",
        "unnamed",
        0.2,
        "$0.20 per million I/Os on the Aurora Standard tier; no region named.",
      ),
    ],
  },
  replicatedWriteIo: {
    unit: "1M replicated write I/Os",
    usd: usEu(0.2, 0.22, 0.22),
    source: AURORA,
    note: "Global Database: every write I/O of the primary is billed once per secondary region, in the primary's region.",
  },
} satisfies Record<string, Price>;

/** Aurora PostgreSQL instance classes, USD per hour of the .large (or .medium for t4g) size; sizes scale linearly. */
export const AURORA_INSTANCE_FAMILIES: Readonly<Record<string, Price>> = {
  "db.r7g": { unit: "instance-hour (.large)", usd: usEu(0.276, 0.303, 0.321), source: AURORA },
  "db.r6g": {
    unit: "instance-hour (.large)",
    usd: usEu(0.26, 0.285, 0.302),
    source: AURORA,
    conflicts: [
      onThirdParty(
        PAGES.rdsAuroraCalculator,
        "unnamed",
        0.3,
        "Aurora PostgreSQL db.r6g.large $0.300/h (no region named). Not applied: the next page gives yet another " +
          "figure, and neither is an AWS page. No stack here uses db.r6g.",
      ),
      onThirdParty(
        "https://c3x.dev/resources/aws/aws_rds_cluster_instance/",
        "unnamed",
        0.338,
        "A db.r6g.large on Aurora PostgreSQL is about $0.338/hour (~$247/month); no region named. Not applied (see above).",
      ),
    ],
  },
  "db.r7i": { unit: "instance-hour (.large)", usd: usEu(0.29, 0.318, 0.337), source: AURORA },
  "db.t4g": {
    unit: "instance-hour (.large)",
    usd: usEu(0.146, 0.16, 0.168),
    source: AURORA,
    conflicts: [
      onThirdParty(
        PAGES.rdsAuroraCalculator,
        "unnamed",
        0.18,
        "Aurora PostgreSQL db.t4g.medium $0.090/h ($0.18 per .large), Aurora MySQL $0.082/h; no region named. " +
          "Not applied: a single third-party calculator, no AWS figure found. If it holds for us-east-1, dev's " +
          "Aurora line is $65.70 rather than $53.29 per instance-month.",
      ),
    ],
    note: "db.t4g.medium is half of .large ($0.073/h in us-east-1); burstable CPU credits beyond baseline not estimated.",
  },
};

/** ElastiCache Redis OSS node prices (.large, or as stated); Valkey nodes are 20 % cheaper (VALKEY_FACTOR). */
export const CACHE_NODE_FAMILIES: Readonly<Record<string, Price>> = {
  "cache.r7g": { unit: "node-hour (.large)", usd: usEu(0.219, 0.242, 0.263), source: ELASTICACHE },
  "cache.r6g": {
    unit: "node-hour (.large)",
    usd: usEu(0.206, 0.228, 0.247),
    source: ELASTICACHE,
    conflicts: [
      onThirdParty(
        "https://cachee.ai/blog/posts/2026-03-14-how-to-cut-aws-elasticache-costs-by-70-percent",
        "unnamed",
        0.25,
        "A cache.r6g.large node runs about $0.25/hour; rounded, engine and region not named. Not applied. No " +
          "stack here uses cache.r6g.",
      ),
    ],
  },
  "cache.m7g": { unit: "node-hour (.large)", usd: usEu(0.158, 0.176, 0.19), source: ELASTICACHE },
  "cache.t4g": {
    unit: "node-hour (.large)",
    usd: usEu(0.129, 0.144, 0.148),
    source: ELASTICACHE,
    note: "cache.t4g.small is a quarter of .large ($0.032/h in us-east-1).",
  },
};

/**
 * ElastiCache for Valkey node-based clusters: "up to 20% lower cost per node" than Redis OSS, per the
 * ElastiCache FAQ on AWS's China site (https://amazonaws.cn/en/elasticache/faqs, read 2026-12-02). "Up to":
 * 0.8 is the largest discount, so Valkey lines may be slightly under-estimated.
 */
export const VALKEY_FACTOR = 0.8;

export const SECRETS_PRICES = {
  secret: {
    unit: "secret-month",
    usd: { ...uniform(0.4), "ap-southeast-1": 0.4 },
    source: "https://aws.amazon.com/secrets-manager/pricing/",
    seen: [
      onSingaporeBill(0.4, "AWS Secrets Manager APS1-AWSSecretsManager-Secret: $0.40 per Secret"),
      onThirdParty(
        "https://raw.githubusercontent.com/api-evangelist/amazon-secrets-manager/refs/heads/main/plans/amazon-secrets-manager-plans-pricing.yml",
        "unnamed",
        0.4,
        "Transcript of https://aws.amazon.com/secrets-manager/pricing/ (harvested 2026-09-20): $0.40 per secret " +
          "per month and $0.05 per 10,000 API calls, from the page's pricing examples; a replica secret is billed " +
          "as a distinct secret. No region named.",
      ),
    ],
    note: "Each replica region counts as a secret. API calls ($0.05 per 10,000) not estimated.",
  },
} satisfies Record<string, Price>;

export const KMS_PRICES = {
  key: {
    unit: "key-month",
    usd: { ...uniform(1), "ap-southeast-1": 1 },
    source: "https://aws.amazon.com/kms/pricing/",
    seen: [
      onSingaporeBill(1, "$1 per customer managed KMS key version in Asia Pacific (Singapore)"),
      onThirdParty(
        "https://gist.github.com/dasgoll/b88d5be05dcc0deb052ad40446c2fb40",
        "unnamed",
        1,
        "KMS costs $1 per key per month; first 20,000 requests a month free, then $0.03 per 10,000 (gist of 2019).",
      ),
    ],
    note: "First year of a key. Automatic rotation adds $1/month at each of the first two rotations (so $3/month from year 3). Requests ($0.03 per 10,000) not estimated.",
  },
} satisfies Record<string, Price>;
