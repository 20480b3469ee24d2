import { type Price, uniform, usEu } from "./types";

const AURORA = "https://aws.amazon.com/rds/aurora/pricing/";
const ELASTICACHE = "https://aws.amazon.com/elasticache/pricing/";

export const AURORA_PRICES = {
  storage: {
    unit: "GB-month",
    usd: usEu(0.1, 0.11, 0.119),
    source: AURORA,
    seen: ["us-east-1"],
    seenAt: "https://www.wring.co/blog/aws-aurora-pricing-guide",
    note: "Aurora Standard storage configuration (the default; no storageType set).",
  },
  io: {
    unit: "1M I/O requests",
    usd: usEu(0.2, 0.22, 0.22),
    source: AURORA,
    seen: ["us-east-1"],
    seenAt: "https://www.wring.co/blog/aws-aurora-pricing-guide",
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
  "db.r6g": { unit: "instance-hour (.large)", usd: usEu(0.26, 0.285, 0.302), source: AURORA },
  "db.r7i": { unit: "instance-hour (.large)", usd: usEu(0.29, 0.318, 0.337), source: AURORA },
  "db.t4g": {
    unit: "instance-hour (.large)",
    usd: usEu(0.146, 0.16, 0.168),
    source: AURORA,
    note: "db.t4g.medium is half of .large ($0.073/h in us-east-1); burstable CPU credits beyond baseline not estimated.",
  },
};

/** ElastiCache Redis OSS node prices (.large, or as stated); Valkey nodes are 20 % cheaper (VALKEY_FACTOR). */
export const CACHE_NODE_FAMILIES: Readonly<Record<string, Price>> = {
  "cache.r7g": { unit: "node-hour (.large)", usd: usEu(0.219, 0.242, 0.263), source: ELASTICACHE },
  "cache.r6g": { unit: "node-hour (.large)", usd: usEu(0.206, 0.228, 0.247), source: ELASTICACHE },
  "cache.m7g": { unit: "node-hour (.large)", usd: usEu(0.158, 0.176, 0.19), source: ELASTICACHE },
  "cache.t4g": {
    unit: "node-hour (.large)",
    usd: usEu(0.129, 0.144, 0.148),
    source: ELASTICACHE,
    note: "cache.t4g.small is a quarter of .large ($0.032/h in us-east-1).",
  },
};

/** AWS: ElastiCache for Valkey node-based clusters are priced 20 % below Redis OSS (launch, October 2024). */
export const VALKEY_FACTOR = 0.8;

export const SECRETS_PRICES = {
  secret: {
    unit: "secret-month",
    usd: uniform(0.4),
    source: "https://aws.amazon.com/secrets-manager/pricing/",
    note: "Each replica region counts as a secret. API calls ($0.05 per 10,000) not estimated.",
  },
} satisfies Record<string, Price>;

export const KMS_PRICES = {
  key: {
    unit: "key-month",
    usd: uniform(1),
    source: "https://aws.amazon.com/kms/pricing/",
    note: "First year of a key. Automatic rotation adds $1/month at each of the first two rotations (so $3/month from year 3). Requests ($0.03 per 10,000) not estimated.",
  },
} satisfies Record<string, Price>;
