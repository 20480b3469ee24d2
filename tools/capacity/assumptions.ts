/**
 * What the capacity proof assumes about the platform's parts, each with its reason. Figures from
 * the seeds are marked as such; the rest are stated assumptions a reader can challenge and change
 * here. The traffic itself (users, peak) is the stack's `platform:demand`, read from plan.json.
 */
export const ASSUMPTIONS = {
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
 * Memory per ElastiCache node type (AWS "Supported node types", checked 2026-12-02). Aurora's
 * memory and max_connections come from components/config/aws-domains.ts, as the platform sizes its
 * alarms with them.
 */
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
