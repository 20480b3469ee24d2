import type { DatabaseConfig, PlatformConfig } from "../config";
import { physicalName, regionCode } from "../naming";

/** Which regions hold what. Plain values: they decide how many resources exist. */
export interface DataTierPlan {
  readonly primaryRegion: string;
  readonly database: {
    readonly enabled: boolean;
    /** A GlobalCluster exists only when there is a secondary to replicate to (burstable dev classes cannot join one). */
    readonly global: boolean;
    readonly secondaryRegions: readonly string[];
    /** Primary first, then secondaries in config order. */
    readonly regions: readonly string[];
  };
  readonly cache: {
    readonly enabled: boolean;
    readonly global: boolean;
    /** Empty when not global: a lone replication group has no secondaries. */
    readonly secondaryRegions: readonly string[];
    readonly regions: readonly string[];
  };
}

export function planDataTier(config: Pick<PlatformConfig, "primaryRegion" | "database" | "cache">): DataTierPlan {
  const { primaryRegion, database, cache } = config;
  const dbSecondaries = database.enabled ? [...database.secondaryRegions] : [];
  const cacheSecondaries = cache.enabled && cache.global ? [...cache.secondaryRegions] : [];
  return {
    primaryRegion,
    database: {
      enabled: database.enabled,
      global: dbSecondaries.length > 0,
      secondaryRegions: dbSecondaries,
      regions: database.enabled ? [primaryRegion, ...dbSecondaries] : [],
    },
    cache: {
      enabled: cache.enabled,
      global: cacheSecondaries.length > 0,
      secondaryRegions: cacheSecondaries,
      regions: cache.enabled ? [primaryRegion, ...cacheSecondaries] : [],
    },
  };
}

/**
 * AWS identifiers. They derive from project, stack and region only (never from the role a
 * region plays), so a switchover that makes us-west-2 the primary renames nothing.
 * RDS identifiers: 63 chars, letters/digits/hyphens; ElastiCache replication group ids: 40.
 */
export function dataNames(config: Pick<PlatformConfig, "name" | "stack">, region: string) {
  const base = [config.name, config.stack];
  const code = regionCode(region);
  return {
    globalCluster: physicalName([...base, "aurora-global"]),
    cluster: physicalName([...base, code, "aurora"]),
    instance: (role: string) => physicalName([...base, code, "aurora", role]),
    subnetGroup: physicalName([...base, code, "aurora"], 255),
    parameterGroup: physicalName([...base, code, "aurora-pg16"], 255),
    finalSnapshot: physicalName([...base, code, "aurora-final"]),
    dbSecret: physicalName([config.name, config.stack, "aurora-master"], 256),
    replicationGroup: physicalName([...base, code, "cache"], 40),
    globalReplicationGroupSuffix: physicalName([...base, "cache"], 40),
    cacheSubnetGroup: physicalName([...base, code, "cache"], 255),
    cacheSecret: physicalName([config.name, config.stack, "cache-auth"], 256),
  };
}

/**
 * max_connections the alarm divides by: config's resolved limit (explicit maxConnections, which is
 * also written to the parameter group, or Aurora's default for the instance's memory).
 */
export function maxConnections(db: Pick<DatabaseConfig, "instanceClass" | "connectionLimit">): number {
  if (db.connectionLimit === undefined)
    throw new Error(
      `no memory figure for ${db.instanceClass}: set database.instanceMemoryGiB or database.maxConnections`,
    );
  return db.connectionLimit;
}

export function memoryBytesOf(db: Pick<DatabaseConfig, "memoryGiB">): number | undefined {
  return db.memoryGiB === undefined ? undefined : db.memoryGiB * 1024 ** 3;
}

export interface ClusterParameter {
  readonly name: string;
  readonly value: string;
  readonly applyMethod: "immediate" | "pending-reboot";
}

/** Cluster parameters: TLS only, and enough logging to debug slow queries and connection storms. */
export function clusterParameters(db: Pick<DatabaseConfig, "maxConnections">): ClusterParameter[] {
  const params: ClusterParameter[] = [
    { name: "rds.force_ssl", value: "1", applyMethod: "immediate" },
    { name: "log_connections", value: "1", applyMethod: "immediate" },
    { name: "log_disconnections", value: "1", applyMethod: "immediate" },
    { name: "log_min_duration_statement", value: "1000", applyMethod: "immediate" },
    { name: "log_lock_waits", value: "1", applyMethod: "immediate" },
    { name: "log_temp_files", value: "0", applyMethod: "immediate" },
  ];
  if (db.maxConnections !== undefined)
    params.push({ name: "max_connections", value: String(db.maxConnections), applyMethod: "pending-reboot" });
  return params;
}

/** The Aurora parameter group family for an engine version ("16.6" -> aurora-postgresql16). */
export function parameterGroupFamily(engineVersion: string): string {
  return `aurora-postgresql${engineVersion.split(".")[0]}`;
}

/** ElastiCache member cluster ids of a replication group with numCacheClusters nodes: `<id>-001`, ... */
export function cacheMemberIds(replicationGroupId: string, nodes: number): string[] {
  return Array.from({ length: nodes }, (_, i) => `${replicationGroupId}-${String(i + 1).padStart(3, "0")}`);
}

/** A Secrets Manager replica keeps the primary secret's name and suffix; only the region differs. */
export function secretReplicaArn(primaryArn: string, region: string): string {
  return primaryArn.replace(/^(arn:[^:]+:secretsmanager:)[^:]+:/, `$1${region}:`);
}
