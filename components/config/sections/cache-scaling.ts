import { z } from "zod";
import type { ConfigIssue } from "../errors";
import { positiveInt } from "../primitives";

/**
 * What ElastiCache auto scaling supports, from the ElastiCache developer guide, read 2026-12-07:
 * prerequisites https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoScaling.html,
 * replicas https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoScaling-Scaling-Policies-Replicas-Replicas.html,
 * per-shard replica maximum https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ConfigureShard.html.
 */
export const CACHE_AUTOSCALING = {
  source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoScaling.html (read 2026-12-07)",
  /** Valkey 7.2 onwards, Redis OSS 6.0 onwards, cluster mode enabled only. */
  minimumEngineVersion: { valkey: [7, 2], redis: [6, 0] } as Readonly<Record<string, readonly number[]>>,
  families: ["r7g", "r6g", "r6gd", "r5", "m7g", "m6g", "m5", "c7gn"] as readonly string[],
  sizes: ["large", "xlarge", "2xlarge"] as readonly string[],
  /** ElastiCacheReplicaEngineCPUUtilization target: 35..70 percent. */
  targetCpu: { min: 35, max: 70 },
  /** NewReplicaCount of a shard: at most 5. */
  maxReplicasPerShard: 5,
  scalableDimension: "elasticache:replication-group:Replicas",
  metric: "ElastiCacheReplicaEngineCPUUtilization",
} as const;

/**
 * `platform:cacheScaling`: seed 002's ElastiCache AutoScaling (target 70 %, scale-in cooldown
 * 300 s, scale-out 60 s, capacity 3..10) as Application Auto Scaling of the replicas per shard.
 * The seed's capacities count nodes (its group has NumCacheClusters 3 = 1 primary + 2 replicas);
 * the scalable dimension counts replicas per shard, at most 5, so the defaults are 2..5: the seed's
 * floor, and AWS's ceiling instead of its 10 (more read capacity than 5 replicas means shards).
 * Off by default: AWS does not scale Global Datastore members or cluster-mode-disabled groups.
 */
export const cacheScalingSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    minReplicas: positiveInt.default(2),
    maxReplicas: positiveInt
      .max(CACHE_AUTOSCALING.maxReplicasPerShard, {
        error: `at most ${CACHE_AUTOSCALING.maxReplicasPerShard} (ElastiCache allows 5 replicas per shard; seed 002's 10 nodes need shards, not replicas)`,
      })
      .default(5),
    targetCpuPercent: z
      .number({ error: "a percentage from 35 to 70" })
      .min(CACHE_AUTOSCALING.targetCpu.min, { error: "a percentage from 35 to 70 (ElastiCache replica target range)" })
      .max(CACHE_AUTOSCALING.targetCpu.max, { error: "a percentage from 35 to 70 (ElastiCache replica target range)" })
      .default(70),
    scaleInCooldownSeconds: positiveInt.default(300),
    scaleOutCooldownSeconds: positiveInt.default(60),
  })
  .prefault({});

export type CacheScalingConfig = z.output<typeof cacheScalingSchema>;

/** The cache as the scaling rules see it (from `platform:cache` and the stack's regions). */
export interface ScaledCache {
  readonly enabled: boolean;
  readonly engine: string;
  readonly engineVersion: string;
  readonly nodeType: string;
  /** Member of a Global Datastore (a secondary region exists). */
  readonly global: boolean;
  /** Cluster mode enabled (shards); the platform's groups set numCacheClusters, i.e. disabled. */
  readonly clusterMode: boolean;
}

/** Every reason AWS would refuse auto scaling on this cache; empty when it is allowed. */
export function cacheScalingRefusals(cache: ScaledCache): string[] {
  const out: string[] = [];
  const a = CACHE_AUTOSCALING;
  if (cache.global) out.push("ElastiCache does not auto scale clusters in a Global Datastore");
  if (!cache.clusterMode)
    out.push("ElastiCache auto scales cluster-mode-enabled groups only, and the cache runs cluster mode disabled");
  const min = a.minimumEngineVersion[cache.engine];
  const version = cache.engineVersion.split(".").map(Number);
  if (min && (version[0] < min[0] || (version[0] === min[0] && (version[1] ?? 0) < min[1])))
    out.push(`${cache.engine} ${cache.engineVersion} is older than ${min.join(".")}, the first it auto scales`);
  const [, family, size] = cache.nodeType.split(".");
  if (!a.families.includes(family) || !a.sizes.includes(size))
    out.push(
      `${cache.nodeType} is not a supported node type (families ${a.families.join(", ")}; sizes ${a.sizes.join(", ")})`,
    );
  return out;
}

/** Config problems: bounds in order, and every AWS refusal when scaling is on. */
export function cacheScalingIssues(s: CacheScalingConfig | undefined, cache: ScaledCache | undefined): ConfigIssue[] {
  if (!s?.enabled) return [];
  const issues: ConfigIssue[] = [];
  if (s.minReplicas > s.maxReplicas)
    issues.push({
      path: "platform:cacheScaling.minReplicas",
      value: s.minReplicas,
      expected: `at most maxReplicas (${s.maxReplicas})`,
    });
  if (!cache?.enabled)
    issues.push({ path: "platform:cacheScaling.enabled", value: true, expected: "false while cache.enabled is false" });
  else {
    const refusals = cacheScalingRefusals(cache);
    if (refusals.length > 0)
      issues.push({
        path: "platform:cacheScaling.enabled",
        value: true,
        expected: `false: ${refusals.join("; ")} (${CACHE_AUTOSCALING.source})`,
      });
  }
  return issues;
}
