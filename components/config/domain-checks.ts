import { Address4 } from "ip-address";
import type { ConfigIssue } from "./errors";
import type { ParsedSections } from "./schema";
import { MAX_AZS } from "./sections/network";
import { requiredVpcPrefix } from "../network/subnets";
import {
  AMI_TYPE_ARCH,
  AURORA_PG_CLASSES,
  AURORA_PG_GLOBAL,
  CLOUDWATCH_RETENTION_DAYS,
  ELASTICACHE_GLOBAL_MIN,
  ELASTICACHE_VERSIONS,
  VPC_PREFIX,
  auroraClassMemoryGiB,
  availabilityZonesOf,
  azCountOf,
  familyArch,
  instanceTypeArch,
  otherPartitionOf,
} from "./aws-domains";

type Sections = { [K in keyof ParsedSections]?: ParsedSections[K] };
type Add = (path: string, value: unknown, expected: string) => void;

/**
 * Checks of config values against AWS's value domains (./aws-domains.ts). Paths use the
 * `platform:` namespace; the loader rewrites it to the project's.
 */
export function domainIssues(c: Sections): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add: Add = (path, value, expected) => issues.push({ path, value, expected });
  checkRegions(c, add);
  checkRetention(c, add);
  checkDatabase(c, add);
  checkCache(c, add);
  checkNodes(c, add);
  return issues;
}

/** Region names a region check can trust (known, in the aws partition). */
export function regionProblem(name: string): string | undefined {
  const partition = otherPartitionOf(name);
  if (partition)
    return `a region in the aws partition: ${name} is in the ${partition} partition, and this program supports only the aws partition (its ARNs and service principals)`;
  return undefined;
}

function checkRegions(c: Sections, add: Add): void {
  const prefixes = c.network?.subnetPrefixes;
  const needed = prefixes ? requiredVpcPrefix(prefixes, MAX_AZS) : undefined;
  if (prefixes && needed !== undefined && needed < VPC_PREFIX.largest)
    add(
      "platform:network.subnetPrefixes",
      prefixes,
      `prefixes whose ${MAX_AZS} reserved AZ slots fit in a /${VPC_PREFIX.largest} VPC (the largest AWS allows): /${prefixes.private} private, /${prefixes.public} public and /${prefixes.database} database subnets need a /${needed}; use longer prefixes (defaults: private 19, public 24, database 24)`,
    );
  (c.regions ?? []).forEach((r, i) => {
    const at = `platform:regions[${i}]`;
    const vpcPrefix = Address4.isValid(r.vpcCidr) ? new Address4(r.vpcCidr).subnetMask : undefined;
    if (vpcPrefix !== undefined && (vpcPrefix < VPC_PREFIX.largest || vpcPrefix > VPC_PREFIX.smallest))
      add(
        `${at}.vpcCidr`,
        r.vpcCidr,
        `a VPC CIDR between /${VPC_PREFIX.largest} and /${VPC_PREFIX.smallest} (AWS's VPC size limits)`,
      );
    const zones = availabilityZonesOf(r.name);
    if (!zones) return;
    if (r.availabilityZones) {
      r.availabilityZones.forEach((az, j) => {
        if (!zones.includes(az))
          add(`${at}.availabilityZones[${j}]`, az, `an availability zone of ${r.name} (${zones.join(", ")})`);
      });
    } else if (c.network && c.network.azCount > azCountOf(r.name)!) {
      add(
        "platform:network.azCount",
        c.network.azCount,
        `at most ${azCountOf(r.name)}: ${r.name} (regions[${i}]) has ${azCountOf(r.name)} availability zones (${zones.join(", ")})`,
      );
    }
  });
}

function checkRetention(c: Sections, add: Add): void {
  const fields: [string, number | undefined][] = [
    ["platform:network.flowLogs.retentionDays", c.network?.flowLogs.retentionDays],
    ["platform:cluster.logRetentionDays", c.cluster?.logRetentionDays],
    ["platform:edge.waf.logRetentionDays", c.edge?.waf.logRetentionDays],
  ];
  for (const [path, days] of fields) {
    if (days === undefined || CLOUDWATCH_RETENTION_DAYS.includes(days)) continue;
    const near = [...CLOUDWATCH_RETENTION_DAYS].sort((a, b) => Math.abs(a - days) - Math.abs(b - days))[0];
    add(
      path,
      days,
      `a CloudWatch Logs retention AWS accepts (nearest: ${near}): one of ${CLOUDWATCH_RETENTION_DAYS.join(", ")}`,
    );
  }
}

const secondariesOf = (c: Sections, configured: string[] | undefined): string[] => {
  const names = (c.regions ?? []).map((r) => r.name);
  const primary = c.primaryRegion ?? names[0];
  return configured ?? names.filter((n) => n !== primary);
};

function checkDatabase(c: Sections, add: Add): void {
  const db = c.database;
  if (!db?.enabled) return;
  if (auroraClassMemoryGiB(db.instanceClass) === undefined) {
    const family = AURORA_PG_CLASSES[/^db\.([a-z0-9]+)\./.exec(db.instanceClass)?.[1] ?? ""];
    const families = Object.keys(AURORA_PG_CLASSES).join(", ");
    add(
      "platform:database.instanceClass",
      db.instanceClass,
      family
        ? `a size this family comes in on Aurora PostgreSQL (${family.sizes.join(", ")})`
        : `an instance class Aurora PostgreSQL offers, like db.r7g.large (families: ${families})`,
    );
  }
  const m = /^(\d+)\.(\d+)$/.exec(db.engineVersion);
  if (!m || !c.regions || secondariesOf(c, db.secondaryRegions).length === 0) return;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  const support = AURORA_PG_GLOBAL[major];
  const majors = Object.keys(AURORA_PG_GLOBAL).join(", ");
  if (!support) {
    add(
      "platform:database.engineVersion",
      db.engineVersion,
      `an Aurora PostgreSQL major that supports global databases (${majors}); secondary regions make this a global database`,
    );
  } else if (minor < support.globalFrom) {
    add(
      "platform:database.engineVersion",
      db.engineVersion,
      `${major}.${support.globalFrom} or a later ${major}.x: earlier minors do not support Aurora global databases`,
    );
  } else if (support.writeForwardingFrom === undefined || minor < support.writeForwardingFrom) {
    add(
      "platform:database.engineVersion",
      db.engineVersion,
      "a version with global write forwarding (the secondary regions write through it): 14.9 or a later 14.x, 15.4 or a later 15.x, or any 16.x or 17.x",
    );
  }
}

const ENGINE_NAME = { redis: "Redis OSS", valkey: "Valkey" } as const;

function checkCache(c: Sections, add: Add): void {
  const cache = c.cache;
  if (!cache?.enabled) return;
  const known: readonly string[] = ELASTICACHE_VERSIONS[cache.engine];
  const at = "platform:cache.engineVersion";
  if (!known.includes(cache.engineVersion)) {
    const hint =
      cache.engine === "redis" && versionAtLeast(cache.engineVersion, "7.2")
        ? 'Redis OSS on ElastiCache stops at 7.1; for 7.2 and later set cache.engine to "valkey"'
        : cache.engine === "valkey" && !versionAtLeast(cache.engineVersion, "7.2")
          ? 'Valkey on ElastiCache starts at 7.2; for older versions set cache.engine to "redis"'
          : undefined;
    add(
      at,
      cache.engineVersion,
      `a ${ENGINE_NAME[cache.engine]} version ElastiCache offers (${known.join(", ")})${hint ? `; ${hint}` : ""}`,
    );
    return;
  }
  const global = cache.global ?? secondariesOf(c, cache.secondaryRegions).length > 0;
  const min = ELASTICACHE_GLOBAL_MIN[cache.engine];
  if (c.regions && global && !versionAtLeast(cache.engineVersion, min))
    add(at, cache.engineVersion, `${min} or later: Global Datastore needs ${ENGINE_NAME[cache.engine]} ${min}+`);
}

function checkNodes(c: Sections, add: Add): void {
  const ng = c.cluster?.systemNodeGroup;
  if (ng) {
    const arch = AMI_TYPE_ARCH[ng.amiType];
    ng.instanceTypes.forEach((t, i) => {
      const got = instanceTypeArch(t);
      const at = `platform:cluster.systemNodeGroup.instanceTypes[${i}]`;
      if (got === undefined) add(at, t, "an EC2 instance type of a known family, like m7i.large or m7g.large");
      else if (arch && got !== arch)
        add(
          at,
          t,
          `an ${arch} instance type for amiType ${ng.amiType} (${t} is ${got}); pick the ${got === "arm64" ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD"} AMI type or ${arch} instances`,
        );
    });
  }
  c.karpenter?.nodePools.forEach((pool, i) => {
    const at = `platform:karpenter.nodePools[${i}]`;
    const archs = pool.instanceFamilies.map(familyArch);
    pool.instanceFamilies.forEach((f, j) => {
      if (archs[j] === undefined) add(`${at}.instanceFamilies[${j}]`, f, "an EC2 instance family like m7i or m7g");
    });
    const usable = pool.instanceFamilies.filter((_, j) => archs[j] && pool.architectures.includes(archs[j]!));
    if (archs.every((a) => a !== undefined) && usable.length === 0)
      add(
        `${at}.architectures`,
        pool.architectures,
        `an architecture of at least one of its instanceFamilies (${pool.instanceFamilies.map((f, j) => `${f}: ${archs[j]}`).join(", ")}); as written, NodePool "${pool.name}" can never launch a node`,
      );
  });
}

export function versionAtLeast(version: string, min: string): boolean {
  const a = version.split(".").map(Number);
  const b = min.split(".").map(Number);
  for (let i = 0; i < b.length; i++) if ((a[i] ?? 0) !== b[i]) return (a[i] ?? 0) > b[i];
  return true;
}
