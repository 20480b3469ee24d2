/**
 * What the capacity proof assumes, each with its reason. Figures from the seeds are marked as such;
 * the rest are stated assumptions a reader can challenge and change here (tests pin the derived
 * figures, so a change shows up in review).
 */
export const ASSUMPTIONS = {
  /** Seed 004: "scale from 1 user to 100+ million users". */
  users: 100_000_000,
  /** Seed 004 capacity planning: "Total users: 5,000,000 (with 10% active)": 10 % use it on a given day. */
  dailyActiveShare: 0.1,
  /** Assumption: ~10 screens per active user per day, ~10 API calls each (nothing cached at the CDN: conservative). */
  requestsPerActiveUserPerDay: 100,
  /** Assumption: the busiest hour carries 3x the daily mean (a diurnal peak; one region's evening). */
  peakToAverage: 3,
  /** Seed 003: throughput target "> 10K RPS" (a floor for the design peak). */
  seedTargetRps: 10_000,
  /**
   * Seed 004 "Per Instance Capacity: 1,000 requests/second" on "(2 CPU, 4GB)": 500 rps per core of
   * app work, so a pod limited to 200m CPU serves 100 rps, the seed 002 per-pod target.
   */
  appRpsPerCore: 500,
  /** Assumption: nginx as a keepalive reverse proxy behind the ALB (no TLS), conservative. */
  gatewayRpsPerCore: 4_000,
  /** Assumption: share of requests per service (the gateway's routes); the seed gives no mix. */
  routeShare: {
    frontend: 0.2,
    "user-service": 0.3,
    "activity-service": 0.4,
    "notification-service": 0.1,
  } as Record<string, number>,
  /** Assumption: each app pod holds a pool of this many database connections (seed 004 shows a pool). */
  dbPoolPerPod: 10,
  /** Assumption: each app pod holds this many cache connections. */
  cachePoolPerPod: 10,
  /** Assumption: cache operations per request served (a read, sometimes a write). */
  cacheOpsPerRequest: 2,
  /** Assumption: sustained simple GET/SET ops per second per ElastiCache node (one Redis/Valkey engine thread). */
  cacheOpsPerNode: 100_000,
  /** Assumption: bytes of session + hot data per daily active user kept in the cache. */
  cacheBytesPerActiveUser: 1_024,
  /** ElastiCache reserved-memory-percent default 25 %: 75 % of a node's memory holds data. */
  cacheUsableShare: 0.75,
  /** Redis/Valkey maxclients on ElastiCache: 65,000 per node. */
  cacheMaxClientsPerNode: 65_000,
  /** Assumption: share of node capacity pods can request (DaemonSets, kubelet reserve, bin packing). */
  nodeUsableShare: 0.8,
};

export type Assumptions = typeof ASSUMPTIONS;

const GiB = 1024 ** 3;

/**
 * Memory per instance class (AWS: RDS "DB instance classes" hardware specifications; ElastiCache
 * "Supported node types", checked 2026-12-02). Aurora PostgreSQL max_connections defaults to
 * LEAST({DBInstanceClassMemory/9531392}, 5000) (Aurora user guide, "Maximum connections to an
 * Aurora PostgreSQL DB instance").
 */
export const DB_CLASS_MEMORY_BYTES: Record<string, number> = {
  "db.t4g.medium": 4 * GiB,
  "db.t4g.large": 8 * GiB,
  "db.r6g.large": 16 * GiB,
  "db.r6g.xlarge": 32 * GiB,
  "db.r6g.2xlarge": 64 * GiB,
  "db.r7g.large": 16 * GiB,
  "db.r7g.xlarge": 32 * GiB,
  "db.r7g.2xlarge": 64 * GiB,
  "db.r7g.4xlarge": 128 * GiB,
  "db.r8g.large": 16 * GiB,
  "db.r8g.xlarge": 32 * GiB,
};

export const CACHE_NODE_MEMORY_BYTES: Record<string, number> = {
  "cache.t4g.micro": 0.5 * GiB,
  "cache.t4g.small": 1.37 * GiB,
  "cache.t4g.medium": 3.09 * GiB,
  "cache.m6g.large": 6.38 * GiB,
  "cache.m7g.large": 6.38 * GiB,
  "cache.r6g.large": 13.07 * GiB,
  "cache.r7g.large": 13.07 * GiB,
  "cache.r7g.xlarge": 26.32 * GiB,
  "cache.r7g.2xlarge": 52.82 * GiB,
};

/** Aurora PostgreSQL default max_connections for an instance class. */
export function auroraMaxConnections(memoryBytes: number): number {
  return Math.min(Math.floor(memoryBytes / 9531392), 5000);
}
