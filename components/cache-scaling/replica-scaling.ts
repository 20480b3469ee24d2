import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CACHE_AUTOSCALING, type CacheScalingConfig } from "../config/sections/cache-scaling";

/** Application Auto Scaling inputs for one replication group's replicas, as plain data. */
export function replicaScalingPlan(s: CacheScalingConfig, replicationGroupId: string) {
  return {
    target: {
      serviceNamespace: "elasticache",
      scalableDimension: CACHE_AUTOSCALING.scalableDimension,
      resourceId: `replication-group/${replicationGroupId}`,
      minCapacity: s.minReplicas,
      maxCapacity: s.maxReplicas,
    },
    policy: {
      policyType: "TargetTrackingScaling",
      targetTrackingScalingPolicyConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: CACHE_AUTOSCALING.metric },
        targetValue: s.targetCpuPercent,
        scaleInCooldown: s.scaleInCooldownSeconds,
        scaleOutCooldown: s.scaleOutCooldownSeconds,
      },
    },
  };
}

export interface CacheReplicaScalingArgs {
  /** `platform:cacheScaling`, already checked against the cache (config refuses what AWS refuses). */
  config: CacheScalingConfig;
  /** The replication group's id (plain: it names the scalable target). */
  replicationGroupId: string;
  /** The group resource: the target is registered once it exists. */
  replicationGroup: pulumi.Resource;
  provider: aws.Provider;
}

/**
 * Seed 002's cache auto scaling for one replication group: a scalable target on
 * elasticache:replication-group:Replicas and a target-tracking policy on
 * ElastiCacheReplicaEngineCPUUtilization. Application Auto Scaling then owns the replica count:
 * the group's own replica setting must be ignored on later updates, or each `pulumi up` undoes
 * a scale-out.
 */
export class CacheReplicaScaling extends pulumi.ComponentResource {
  constructor(name: string, args: CacheReplicaScalingArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:cache:CacheReplicaScaling", name, {}, opts);
    const plan = replicaScalingPlan(args.config, args.replicationGroupId);
    const child = { parent: this, provider: args.provider };
    const target = new aws.appautoscaling.Target(`${name}-target`, plan.target, {
      ...child,
      dependsOn: [args.replicationGroup],
    });
    new aws.appautoscaling.Policy(
      `${name}-policy`,
      {
        name: `${args.replicationGroupId}-replicas-cpu`,
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        ...plan.policy,
      },
      child,
    );
    this.registerOutputs({});
  }
}
