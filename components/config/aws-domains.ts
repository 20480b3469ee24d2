/**
 * AWS value domains the config is checked against: what AWS itself accepts or supports, kept
 * as data in this one module, each table with its source and the date it was recorded. A value
 * outside a table fails `npm run plan` instead of the first `pulumi up`. When AWS adds a value,
 * add it here (with the source) and the check follows. Per-region facts live in ./region-facts.ts.
 */
import { regionFacts } from "./region-facts";

/** A region's AZ names in slot order (./region-facts.ts), or undefined for a region without facts. */
export function availabilityZonesOf(region: string): string[] | undefined {
  const letters = regionFacts(region)?.azLetters;
  return letters === undefined ? undefined : [...letters].map((l) => `${region}${l}`);
}

/** AZs an account can use in the region. */
export function azCountOf(region: string): number | undefined {
  const facts = regionFacts(region);
  return facts && (facts.azCount ?? facts.azLetters.length);
}

/**
 * Region name prefixes of the other AWS partitions (aws-cn, aws-us-gov, the ISO partitions).
 * Source: https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
 * (recorded 2026-12-02). This program builds `arn:aws:` ARNs and aws-partition service principals.
 */
export const OTHER_PARTITIONS: readonly { prefix: string; partition: string }[] = [
  { prefix: "cn-", partition: "aws-cn" },
  { prefix: "us-gov-", partition: "aws-us-gov" },
  { prefix: "us-isob-", partition: "aws-iso-b" },
  { prefix: "us-iso-", partition: "aws-iso" },
  { prefix: "eu-isoe-", partition: "aws-iso-e" },
  { prefix: "us-isof-", partition: "aws-iso-f" },
];

export function otherPartitionOf(region: string): string | undefined {
  return OTHER_PARTITIONS.find((p) => region.startsWith(p.prefix))?.partition;
}

/**
 * The only values CloudWatch Logs accepts for a log group's retention (days). Source: PutRetentionPolicy,
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
 * (recorded 2026-12-02).
 */
export const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/**
 * VPC IPv4 CIDR block sizes AWS allows: /16 (largest) to /28 (smallest). Source:
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html (recorded 2026-12-02).
 */
export const VPC_PREFIX = { largest: 16, smallest: 28 } as const;

/**
 * ElastiCache engine versions for node-based clusters (major.minor, as the provider's engineVersion
 * takes them; Redis OSS 5 is written 5.0.6). Redis OSS stops at 7.1; Valkey starts at 7.2. Global
 * Datastore needs Redis OSS 5.0.6 or later, or any Valkey. Sources:
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/supported-engine-versions.html and
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/engine-versions.html (Valkey 8.1, 8.2, 9.0,
 * 9.1 sections), https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastores-Getting-Started.html
 * (recorded 2026-12-02).
 */
export const ELASTICACHE_VERSIONS = {
  redis: ["4.0.10", "5.0.6", "6.0", "6.2", "7.0", "7.1"],
  valkey: ["7.2", "8.0", "8.1", "8.2", "9.0", "9.1"],
} as const satisfies Record<string, readonly string[]>;
export const ELASTICACHE_GLOBAL_MIN = { redis: "5.0.6", valkey: "7.2" } as const;

/**
 * Aurora PostgreSQL: the first minor of each major that supports Aurora global databases, and the
 * first that supports global write forwarding (16 and later: every minor). Sources:
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.Aurora_Fea_Regions_DB-eng.Feature.GlobalDatabase.html
 * and https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-write-forwarding-apg.html
 * ("16 and higher major versions ... all minor versions ... 15.4 and higher ... 14.9 and higher"),
 * recorded 2026-12-02. Majors 11 and 12 are past end of standard support and not listed.
 */
export const AURORA_PG_GLOBAL: Readonly<Record<number, { globalFrom: number; writeForwardingFrom?: number }>> = {
  13: { globalFrom: 3 },
  14: { globalFrom: 3, writeForwardingFrom: 9 },
  15: { globalFrom: 2, writeForwardingFrom: 4 },
  16: { globalFrom: 1, writeForwardingFrom: 0 },
  17: { globalFrom: 4, writeForwardingFrom: 0 },
};

/**
 * Aurora PostgreSQL instance classes (family -> sizes) with memory per `large` (GiB; sizes scale
 * linearly: medium 0.5x, xlarge 2x, Nxlarge 2N x). Source: DB instance classes supported by Aurora,
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.DBInstanceClass.SupportAurora.html
 * and hardware specs https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.DBInstanceClass.Summary.html
 * (recorded 2026-12-02).
 */
const R_SIZES = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"];
export const AURORA_PG_CLASSES: Readonly<Record<string, { largeGiB: number; sizes: readonly string[] }>> = {
  r5: { largeGiB: 16, sizes: [...R_SIZES, "24xlarge"] },
  r6g: { largeGiB: 16, sizes: R_SIZES },
  r6i: { largeGiB: 16, sizes: [...R_SIZES, "24xlarge", "32xlarge"] },
  r7g: { largeGiB: 16, sizes: R_SIZES },
  r7i: { largeGiB: 16, sizes: [...R_SIZES, "24xlarge", "48xlarge"] },
  r8g: { largeGiB: 16, sizes: [...R_SIZES, "24xlarge", "48xlarge"] },
  x2g: { largeGiB: 32, sizes: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"] },
  t3: { largeGiB: 8, sizes: ["medium", "large"] },
  t4g: { largeGiB: 8, sizes: ["medium", "large"] },
};

/** Nominal memory (GiB) of an Aurora PostgreSQL class, or undefined when the class is not in the table. */
export function auroraClassMemoryGiB(instanceClass: string): number | undefined {
  const m = /^db\.([a-z0-9]+)\.([a-z0-9]+)$/.exec(instanceClass);
  const family = m ? AURORA_PG_CLASSES[m[1]] : undefined;
  if (!m || !family || !family.sizes.includes(m[2])) return undefined;
  const nx = /^(\d+)xlarge$/.exec(m[2]);
  const factor = nx ? Number(nx[1]) * 2 : ({ medium: 0.5, large: 1, xlarge: 2 } as Record<string, number>)[m[2]];
  return family.largeGiB * factor;
}

/**
 * Aurora PostgreSQL's default max_connections, LEAST({DBInstanceClassMemory/9531392}, 5000), on the
 * nominal memory. DBInstanceClassMemory is a little below nominal (the OS and RDS processes keep
 * some), so the figure can sit a few percent high. Source: Aurora user guide, "Maximum connections
 * to an Aurora PostgreSQL DB instance",
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.Managing.html
 * (recorded 2026-12-02).
 */
export function auroraDefaultMaxConnections(memoryGiB: number): number {
  return Math.min(Math.floor((memoryGiB * 1024 ** 3) / 9531392), 5000);
}

/**
 * EKS managed node group AMI types and the CPU architecture of the instances they run on. Source:
 * https://docs.aws.amazon.com/eks/latest/APIReference/API_Nodegroup.html#AmazonEKS-Type-Nodegroup-amiType
 * (recorded 2026-12-02).
 */
export const AMI_TYPE_ARCH: Readonly<Record<string, Arch>> = {
  AL2023_x86_64_STANDARD: "amd64",
  AL2023_ARM_64_STANDARD: "arm64",
  BOTTLEROCKET_x86_64: "amd64",
  BOTTLEROCKET_ARM_64: "arm64",
};

export type Arch = "amd64" | "arm64";

/**
 * EC2 instance family -> architecture. Graviton families carry a "g" right after the generation
 * digit (m7g, c6gn, r8gd, im4gn, is4gen, x2gd, hpc7g) and a1 is Graviton 1; every other current
 * family is x86_64. Source: https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html
 * ("g – AWS Graviton processors"), recorded 2026-12-02. Listed exceptions override the rule.
 */
const FAMILY_ARCH_EXCEPTIONS: Readonly<Record<string, Arch>> = { a1: "arm64", mac2: "arm64" };

export function familyArch(family: string): Arch | undefined {
  if (FAMILY_ARCH_EXCEPTIONS[family]) return FAMILY_ARCH_EXCEPTIONS[family];
  const m = /^(u-|[a-z]+)(\d+)([a-z-]*)$/.exec(family);
  if (!m) return undefined;
  return m[3].startsWith("g") ? "arm64" : "amd64";
}

/** Architecture of an instance type like m7g.large, or undefined when its family is not recognised. */
export function instanceTypeArch(instanceType: string): Arch | undefined {
  return familyArch(instanceType.split(".")[0]);
}
