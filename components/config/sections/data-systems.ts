import type { ConfigIssue } from "../errors";
import { cacheScalingIssues, cacheScalingSchema, type CacheScalingConfig } from "./cache-scaling";
import { dynamodbIssues, dynamodbSchema, resolveDynamodb, type DynamodbConfig } from "./dynamodb";
import { burstProcessorIssues, burstProcessorSchema, type BurstProcessorConfig } from "./lambda";
import { kafkaIssues, kafkaSchema, resolveKafka, type KafkaConfig } from "./kafka";
import type { ParsedSections } from "../schema";

/**
 * The seed's data and event systems beside the core data tier: `platform:dynamodb`,
 * `platform:burstProcessor`, `platform:cacheScaling`. One registry entry here per section; the
 * config loader spreads these into its sections.
 */
export const DATA_SYSTEM_SECTIONS = {
  dynamodb: dynamodbSchema,
  burstProcessor: burstProcessorSchema,
  cacheScaling: cacheScalingSchema,
  kafka: kafkaSchema,
} as const;

/** The sections resolved, as PlatformConfig carries them. */
export interface DataSystemsConfig {
  /** DynamoDB global table (seed 002): replica regions and protection resolved. */
  readonly dynamodb: DynamodbConfig;
  /** Lambda burst processor on each region's job queue (seed 002). */
  readonly burstProcessor: BurstProcessorConfig;
  /** ElastiCache replica auto scaling (seed 002), off unless AWS allows it for the cache. */
  readonly cacheScaling: CacheScalingConfig;
  /** MSK cluster per region (seed 001), broker type and storage resolved per environment. */
  readonly kafka: KafkaConfig;
}

/**
 * The job queue's visibility timeout (seconds), as the Workloads component sets it; the burst
 * processor's timeout is checked against it.
 */
export const JOB_QUEUE_VISIBILITY_TIMEOUT_SECONDS = 60;

type Sections = { [K in keyof ParsedSections]?: ParsedSections[K] };

/** Defaults that depend on other keys: replica regions (every other region) and prod protection. */
export function resolveDataSystems(p: ParsedSections, primaryRegion: string): DataSystemsConfig {
  const others = p.regions.map((r) => r.name).filter((r) => r !== primaryRegion);
  return {
    dynamodb: resolveDynamodb(p.dynamodb, others, p.environment === "prod"),
    burstProcessor: p.burstProcessor,
    cacheScaling: p.cacheScaling,
    kafka: resolveKafka(p.kafka, p.environment === "prod"),
  };
}

/** Cross-key rules of the three sections (paths in the `platform:` namespace). */
export function dataSystemIssues(c: Sections): ConfigIssue[] {
  const names = c.regions?.map((r) => r.name) ?? [];
  const primary = c.primaryRegion ?? names[0];
  const cacheSecondaries = c.cache?.secondaryRegions ?? names.filter((r) => r !== primary).slice(0, 2);
  const cache = c.cache && {
    enabled: c.cache.enabled,
    engine: c.cache.engine,
    engineVersion: c.cache.engineVersion,
    nodeType: c.cache.nodeType,
    global: (c.cache.global ?? names.length > 1) && cacheSecondaries.length > 0,
    // The cache's replication groups set numCacheClusters: cluster mode disabled.
    clusterMode: false,
  };
  return [
    ...dynamodbIssues(c.dynamodb, names, primary),
    ...burstProcessorIssues(c.burstProcessor, JOB_QUEUE_VISIBILITY_TIMEOUT_SECONDS),
    ...cacheScalingIssues(c.cacheScaling, cache),
    ...kafkaIssues(c.kafka, c.services, c.network?.azCount),
  ];
}
