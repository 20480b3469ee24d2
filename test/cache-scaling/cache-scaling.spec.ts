import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import fc from "fast-check";
import { CacheReplicaScaling, replicaScalingPlan } from "../../components/cache-scaling/replica-scaling";
import {
  cacheScalingIssues,
  cacheScalingRefusals,
  cacheScalingSchema,
  type ScaledCache,
} from "../../components/config/sections/cache-scaling";
import { runProgram } from "../../tools/engine/run";
import { ALONE, named } from "../helpers/stand-in";

/** A cache AWS scales: Valkey 8.0, cluster mode enabled, r7g.large, single region. */
const ELIGIBLE: ScaledCache = {
  enabled: true,
  engine: "valkey",
  engineVersion: "8.0",
  nodeType: "cache.r7g.large",
  global: false,
  clusterMode: true,
};
const SOURCE = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoScaling.html (read 2026-12-07)";

describe("cache replica scaling", () => {
  it("defaults: off; seed 002's target 70 %, cooldowns in 300 s / out 60 s; replicas 2..5", () => {
    const s = cacheScalingSchema.parse(undefined);
    assert.equal(s.enabled, false);
    assert.equal(s.targetCpuPercent, 70);
    assert.equal(s.scaleInCooldownSeconds, 300);
    assert.equal(s.scaleOutCooldownSeconds, 60);
    assert.equal(s.minReplicas, 2);
    assert.equal(s.maxReplicas, 5);
  });

  it("refuses seed 002's 10 as a replica count: ElastiCache allows 5 per shard", () => {
    const r = cacheScalingSchema.safeParse({ maxReplicas: 10 });
    assert.equal(r.success, false);
    assert.equal(
      r.error!.issues[0].message,
      "at most 5 (ElastiCache allows 5 replicas per shard; seed 002's 10 nodes need shards, not replicas)",
    );
    assert.equal(cacheScalingSchema.safeParse({ maxReplicas: 5 }).success, true);
  });

  it("refuses a target outside ElastiCache's 35..70 % and accepts both ends", () => {
    assert.equal(cacheScalingSchema.safeParse({ targetCpuPercent: 71 }).success, false);
    assert.equal(cacheScalingSchema.safeParse({ targetCpuPercent: 34 }).success, false);
    assert.equal(cacheScalingSchema.safeParse({ targetCpuPercent: 35 }).success, true);
    assert.equal(cacheScalingSchema.safeParse({ targetCpuPercent: 70 }).success, true);
  });

  it("allows an eligible cache and refuses each thing AWS does not scale, with the reason", () => {
    assert.deepEqual(cacheScalingRefusals(ELIGIBLE), []);
    assert.deepEqual(cacheScalingRefusals({ ...ELIGIBLE, global: true }), [
      "ElastiCache does not auto scale clusters in a Global Datastore",
    ]);
    assert.deepEqual(cacheScalingRefusals({ ...ELIGIBLE, clusterMode: false }), [
      "ElastiCache auto scales cluster-mode-enabled groups only, and the cache runs cluster mode disabled",
    ]);
    assert.deepEqual(cacheScalingRefusals({ ...ELIGIBLE, engineVersion: "7.1" }), [
      "valkey 7.1 is older than 7.2, the first it auto scales",
    ]);
    assert.deepEqual(cacheScalingRefusals({ ...ELIGIBLE, engine: "redis", engineVersion: "5.0.6" }), [
      "redis 5.0.6 is older than 6.0, the first it auto scales",
    ]);
    assert.deepEqual(cacheScalingRefusals({ ...ELIGIBLE, engine: "redis", engineVersion: "6.2" }), []);
    assert.equal(cacheScalingRefusals({ ...ELIGIBLE, nodeType: "cache.t4g.small" }).length, 1);
    assert.equal(cacheScalingRefusals({ ...ELIGIBLE, nodeType: "cache.r7g.4xlarge" }).length, 1);
    assert.deepEqual(cacheScalingRefusals({ ...ELIGIBLE, nodeType: "cache.c7gn.xlarge" }), []);
  });

  it("turns refusals into one config error on enabled, naming the source", () => {
    const s = cacheScalingSchema.parse({ enabled: true });
    // The platform's prod cache: a Global Datastore of cluster-mode-disabled groups.
    assert.deepEqual(cacheScalingIssues(s, { ...ELIGIBLE, global: true, clusterMode: false }), [
      {
        path: "platform:cacheScaling.enabled",
        value: true,
        expected:
          "false: ElastiCache does not auto scale clusters in a Global Datastore; ElastiCache auto scales " +
          `cluster-mode-enabled groups only, and the cache runs cluster mode disabled (${SOURCE})`,
      },
    ]);
    assert.deepEqual(cacheScalingIssues(s, ELIGIBLE), []);
    assert.deepEqual(cacheScalingIssues(cacheScalingSchema.parse({}), { ...ELIGIBLE, global: true }), []);
    assert.deepEqual(
      cacheScalingIssues(cacheScalingSchema.parse({ enabled: true, minReplicas: 4, maxReplicas: 3 }), ELIGIBLE),
      [{ path: "platform:cacheScaling.minReplicas", value: 4, expected: "at most maxReplicas (3)" }],
    );
  });

  it("property: a cache is refused exactly when one AWS condition fails", () =>
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom("7.1", "7.2", "8.0"),
        fc.constantFrom("cache.r7g.large", "cache.t4g.small", "cache.m5.2xlarge", "cache.r6g.4xlarge"),
        (global, clusterMode, engineVersion, nodeType) => {
          const ok =
            !global &&
            clusterMode &&
            engineVersion !== "7.1" &&
            ["cache.r7g.large", "cache.m5.2xlarge"].includes(nodeType);
          const refused = cacheScalingRefusals({ ...ELIGIBLE, global, clusterMode, engineVersion, nodeType });
          assert.equal(refused.length === 0, ok);
        },
      ),
    ));

  it("registers the replicas dimension with a target-tracking policy (mock engine)", async () => {
    const s = cacheScalingSchema.parse({ enabled: true, minReplicas: 3, maxReplicas: 4, targetCpuPercent: 60 });
    const run = await runProgram({
      ...ALONE,
      program: () => {
        const provider = new aws.Provider("use1", { region: "us-east-1" });
        const group = new aws.elasticache.ReplicationGroup("group", { description: "g" }, { provider });
        new CacheReplicaScaling("cache-use1-scaling", {
          config: s,
          replicationGroupId: "platform-test-use1",
          replicationGroup: group,
          provider,
        });
        return {};
      },
    });
    const target = named(run.resources, "cache-use1-scaling-target");
    assert.equal(target.inputs.scalableDimension, "elasticache:replication-group:Replicas");
    assert.equal(target.inputs.resourceId, "replication-group/platform-test-use1");
    assert.equal(target.inputs.minCapacity, 3);
    assert.equal(target.inputs.maxCapacity, 4);
    assert.ok(target.dependencies.includes(named(run.resources, "group").urn));
    const policy = named(run.resources, "cache-use1-scaling-policy");
    assert.deepEqual(policy.inputs.targetTrackingScalingPolicyConfiguration, {
      predefinedMetricSpecification: { predefinedMetricType: "ElastiCacheReplicaEngineCPUUtilization" },
      targetValue: 60,
      scaleInCooldown: 300,
      scaleOutCooldown: 60,
    });
    assert.deepEqual(replicaScalingPlan(s, "x").target.serviceNamespace, "elasticache");
  });
});
