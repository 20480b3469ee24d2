import { z } from "zod";
import { percent, positiveInt } from "../primitives";

/** `platform:database`: Aurora PostgreSQL Global Database (seed 002). */
export const databaseSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    /**
     * Set on the GlobalCluster (members ignore drift: AWS's minor upgrades land there). Default
     * 16.13: the newest Aurora PostgreSQL 16 minor when recorded (released 2026-04-06, AWS "Aurora
     * PostgreSQL updates",
     * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraPostgreSQLReleaseNotes/AuroraPostgreSQL.Updates.html,
     * as tracked by endoflife-date/release-data releases/amazon-aurora-postgresql.json, read
     * 2026-12-02). Each minor stays creatable for at least 12 months after release
     * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.VersionPolicy.html),
     * so until 2027-04 at least; major 16 is in standard support until 2029-02-28. Every 16.x
     * supports global databases and global write forwarding (config/aws-domains.ts AURORA_PG_GLOBAL).
     * Before a first deploy check the Region still offers it:
     * `aws rds describe-db-engine-versions --engine aurora-postgresql --engine-version 16.13
     * --query 'DBEngineVersions[].SupportsGlobalDatabases'`.
     */
    engineVersion: z
      .string()
      .regex(/^\d+\.\d+$/, { error: 'an Aurora PostgreSQL version like "16.13"' })
      .default("16.13"),
    /** Memory-optimized classes; Global Database does not support burstable (db.t*) classes. */
    instanceClass: z
      .string()
      .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, { error: "an RDS instance class like db.r7g.large" })
      .default("db.r7g.large"),
    databaseName: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,62}$/, { error: "a PostgreSQL identifier (lowercase, starts with a letter)" })
      .default("platform"),
    masterUsername: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,15}$/, { error: "a PostgreSQL user name of at most 16 characters" })
      .default("platform_admin"),
    /** Regions holding a read-only secondary cluster. Default: every non-primary region. Max 5 (AWS limit). */
    secondaryRegions: z.array(z.string()).optional(),
    /** Aurora reader instances per region, autoscaled on CPU (seed 002: 1..5 at 70%). */
    readers: z
      .strictObject({
        min: positiveInt.default(1),
        max: positiveInt.default(5),
        targetCpuPercent: percent.default(70),
        scaleInCooldownSeconds: positiveInt.default(300),
        scaleOutCooldownSeconds: positiveInt.default(60),
      })
      .prefault({}),
    backupRetentionDays: z
      .number()
      .int()
      .min(7, { error: "at least 7 days of backups" })
      .max(35, { error: "at most 35 days (AWS limit)" })
      .default(14),
    deletionProtection: z.boolean().default(true),
    /** Pulumi `protect` on the global cluster, clusters and KMS keys. Default: on in prod (components/data/protection.ts). */
    protect: z.boolean().optional(),
    /**
     * Where the Aurora writer is now. Default: primaryRegion. After a switchover or failover set it
     * to the promoted region and `pulumi up`: write forwarding moves to the other clusters and the
     * data-endpoints ConfigMaps follow; no resource is replaced (docs/failover.md).
     */
    writerRegion: z.string().optional(),
    performanceInsightsRetentionDays: z
      .union([z.literal(7), z.literal(731)], { error: "7 (free tier) or 731" })
      .default(7),
    monitoringIntervalSeconds: z
      .union([z.literal(1), z.literal(5), z.literal(10), z.literal(15), z.literal(30), z.literal(60)], {
        error: "one of 1, 5, 10, 15, 30, 60",
      })
      .default(60),
    /** Alarm when connections exceed this share of max_connections (seed 002 DatabaseConnectionsHigh). */
    connectionsAlarmPercent: percent.default(80),
    /**
     * Explicit max_connections, written to the cluster parameter group so the alarm and the
     * database agree. Default: unset, AWS's formula LEAST(DBInstanceClassMemory/9531392, 5000).
     */
    maxConnections: z
      .number()
      .int()
      .min(10, { error: "at least 10 connections" })
      .max(262143, { error: "at most 262143 (PostgreSQL limit)" })
      .optional(),
    /** Memory of instanceClass in GiB, for classes the built-in table does not know (sizes the connection and memory alarms). */
    instanceMemoryGiB: positiveInt.optional(),
    /** Alarm when a writer's CPU stays above this (percent). */
    cpuAlarmPercent: percent.default(80),
    /** Alarm when FreeableMemory falls below this share of the instance's memory (percent). */
    freeableMemoryAlarmPercent: percent.default(10),
    /** Alarm when a secondary lags the primary by more than this (AuroraGlobalDBReplicationLag, milliseconds). */
    replicationLagAlarmMs: positiveInt.default(5000),
  })
  .prefault({});

/** `platform:cache`: ElastiCache Global Datastore (seed 002). */
export const cacheSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    engine: z.enum(["redis", "valkey"], { error: '"redis" or "valkey"' }).default("valkey"),
    engineVersion: z
      .string()
      .regex(/^\d+(\.\d+){0,2}$/, { error: 'an engine version like "8.0" (Redis OSS 5: "5.0.6")' })
      .default("8.0"),
    /** Non-burstable node types only: Global Datastore rejects cache.t* types. */
    nodeType: z
      .string()
      .regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, { error: "an ElastiCache node type like cache.r7g.large" })
      .default("cache.r7g.large"),
    /** Nodes per replication group (primary + replicas); seed 002: 3. */
    nodesPerRegion: z
      .number()
      .int()
      .min(2, { error: "at least 2 nodes (automatic failover needs a replica)" })
      .max(6, { error: "at most 6 nodes" })
      .default(3),
    /** Regions with a secondary replication group. Default: the first non-primary region (seed 002: us-west-2). Max 2 (AWS limit). */
    secondaryRegions: z.array(z.string()).optional(),
    /** Whether to create a Global Datastore at all (dev: single region, no global datastore). */
    global: z.boolean().optional(),
    /**
     * What the regions without a Global Datastore member do (a Global Datastore has at most two
     * secondaries): "use-writer" = their pods read and write the writer region's group over the
     * peering, a cross-region round trip on every cache call. Required once such a region exists.
     */
    regionsWithoutMember: z.enum(["use-writer"], { error: '"use-writer"' }).optional(),
    snapshotRetentionDays: z.number().int().min(0).max(35).default(7),
    /** Pulumi `protect` on the replication groups, Global Datastore and KMS keys. Default: on in prod. */
    protect: z.boolean().optional(),
    /** Where the Global Datastore's primary is now (writes go there). Default: primaryRegion. See database.writerRegion. */
    writerRegion: z.string().optional(),
    /** Alarm when EngineCPUUtilization (the Redis/Valkey main thread) stays above this (percent). */
    engineCpuAlarmPercent: percent.default(80),
    /** Alarm when DatabaseMemoryUsagePercentage stays above this (percent; seed 002/003: resources > 85%). */
    memoryAlarmPercent: percent.default(85),
    /** Alarm when a secondary lags the primary by more than this (GlobalDatastoreReplicationLag, seconds). */
    replicationLagAlarmSeconds: positiveInt.default(5),
  })
  .prefault({});
