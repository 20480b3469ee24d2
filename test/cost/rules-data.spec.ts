import { strict as assert } from "node:assert";
import { estimateCost } from "../../tools/cost/estimate";
import type { CostReport, CostResource } from "../../tools/cost/types";
import { INSTANCE, plan, res } from "./fixtures";

/**
 * The data-tier rules (Aurora instances and clusters, ElastiCache groups and the Global Datastore)
 * on small hand-built plans with non-default usage. Prices written from their pages:
 * - Aurora https://aws.amazon.com/rds/aurora/pricing/: db.r7g.large $0.276/h (us-east-1); storage $0.10 per
 *   GB-month (us-east-1), $0.11 (eu-west-1); I/O $0.20 per 1M (us-east-1), $0.22 (eu-west-1); replicated
 *   write I/O $0.20 per 1M (us-east-1). Sizes scale linearly: xlarge = 2 x large.
 * - ElastiCache https://aws.amazon.com/elasticache/pricing/: cache.r7g.large $0.219/h (us-east-1), $0.242/h
 *   (eu-west-1); cache.m7g.large $0.158/h (us-west-2); Valkey nodes 20 % below Redis OSS (ElastiCache FAQ).
 * - Inter-region transfer https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer: $0.02/GB from us-east-1.
 * - CloudWatch Logs ingestion https://aws.amazon.com/cloudwatch/pricing/: $0.50/GB (us-east-1).
 */
const USAGE = {
  traffic: { peakRps: 1000, averageToPeak: 0.5, cacheHitPercent: 90, writePercent: 20 },
  database: { storageGB: 200, ioPerRead: 2, ioPerWrite: 3 },
  logs: { databaseGBPerCluster: 3 },
  network: { cacheReplicationGBPerSecondary: 30 },
};
const run = (resources: CostResource[], over: Record<string, unknown> = USAGE): CostReport =>
  estimateCost(plan(resources, over));
const lines = (r: CostReport) => r.lines.map((l) => [l.line, l.region, l.monthly, l.basis]);
const unpriced = (r: CostReport) => r.unpriced.map((u) => [u.region, u.kind, u.reason]);
const CLUSTER = "aws:rds/cluster:Cluster";
const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const GLOBAL = "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup";

describe("cost rules: data tier", () => {
  it("prices an Aurora instance from its family's .large rate and size, and names unknown classes", () => {
    const r = run([
      res(INSTANCE, "us-east-1", { instanceClass: "db.r7g.xlarge" }),
      res(INSTANCE, "us-east-1", { instanceClass: "db.x2g.large" }),
      res(INSTANCE, "us-east-1", { instanceClass: "db.r7g.huge" }),
      res(INSTANCE, "us-east-1", { instanceClass: "db.r7g" }),
      res(INSTANCE, "ap-south-1", { instanceClass: "db.r7g.large" }),
    ]);
    assert.deepEqual(lines(r), [
      ["Aurora instance db.r7g.xlarge", "us-east-1", 402.96, "db.r7g.xlarge at $0.552/h x 730 h"],
    ]);
    assert.deepEqual(unpriced(r), [
      ["us-east-1", "price", "db.x2g.large has no pinned price"],
      ["us-east-1", "price", "db.r7g.huge has no pinned price"],
      ["us-east-1", "price", "db.r7g has no pinned price"],
      [
        "ap-south-1",
        "price",
        "no pinned price for db.r7g.large in ap-south-1 (see https://aws.amazon.com/rds/aurora/pricing/)",
      ],
    ]);
  });

  it("prices a global Aurora database: storage, reads by share, writes on the primary, replication, log export", () => {
    const primary = res(
      CLUSTER,
      "us-east-1",
      {
        engine: "aurora-postgresql",
        masterUsername: "app",
        globalClusterIdentifier: "g",
        enabledCloudwatchLogsExports: ["postgresql"],
      },
      "primary",
    );
    const secondary = res(
      CLUSTER,
      "eu-west-1",
      { engine: "aurora-postgresql", globalClusterIdentifier: "g" },
      "second",
    );
    const other = res(CLUSTER, "us-west-2", { engine: "postgres" }, "plain");
    const r = run([primary, secondary, other]);
    // Average 1,000 x 0.5 = 500 req/s; no load balancer: each of the 2 Aurora clusters takes half.
    // Reads: 500 x 0.5 x 10 % misses x 2 I/Os x 2,628,000 s = 131.4M; writes: 500 x 20 % x 3 x 2,628,000 = 788.4M.
    const reads = "131.4M read I/Os (avg 500 req/s x share 0.50 x cache misses 10 % x ioPerRead 2)";
    assert.deepEqual(
      lines(r).filter(([, region]) => region !== "us-west-2"),
      [
        ["Aurora storage", "us-east-1", 20, "database.storageGB 200 x $0.10/GB-month"],
        [
          "Aurora I/O",
          "us-east-1",
          183.96, // (131.4M + 788.4M) x $0.20/1M
          `${reads} + 788.4M write I/Os (writePercent 20 % x ioPerWrite 3; writes forwarded to the primary) x $0.20/1M`,
        ],
        [
          "Aurora global replicated writes",
          "us-east-1",
          157.68, // 788.4M x 1 secondary x $0.20/1M
          "788.4M write I/Os x 1 secondary regions x $0.20/1M",
        ],
        ["Aurora log export", "us-east-1", 1.5, "logs.databaseGBPerCluster 3 GB x $0.50/GB ingested"],
        ["Aurora storage", "eu-west-1", 22, "database.storageGB 200 x $0.11/GB-month"],
        ["Aurora I/O", "eu-west-1", 28.91, `${reads} x $0.22/1M`], // 131.4M x $0.22/1M = 28.908
      ],
    );
  });

  it("reads the serving regions' traffic shares when load balancers exist, and leaves a region without prices", () => {
    const alb = (region: string) => res("aws:lb/loadBalancer:LoadBalancer", region, { internal: true });
    const secondary = res(CLUSTER, "eu-west-1", { engine: "aurora-mysql" }, "second");
    const r = run([alb("us-east-1"), alb("eu-west-1"), secondary], {
      ...USAGE,
      traffic: { ...USAGE.traffic, regionShare: { "us-east-1": 3, "eu-west-1": 1 } },
    });
    // 500 x 0.25 x 10 % x 2 x 2,628,000 = 65.7M reads x $0.22/1M = 14.454.
    assert.deepEqual(
      lines(r).find(([l]) => l === "Aurora I/O"),
      [
        "Aurora I/O",
        "eu-west-1",
        14.45,
        "65.7M read I/Os (avg 500 req/s x share 0.25 x cache misses 10 % x ioPerRead 2) x $0.22/1M",
      ],
    );
    const away = run([res(CLUSTER, "ap-south-1", { engine: "aurora-postgresql" })]);
    assert.deepEqual(lines(away), []);
    assert.deepEqual(
      unpriced(away).map(([, , why]) => why),
      [
        "no pinned price for Aurora storage in ap-south-1 (see https://aws.amazon.com/rds/aurora/pricing/)",
        "no pinned price for Aurora I/O in ap-south-1 (see https://aws.amazon.com/rds/aurora/pricing/)",
      ],
    );
  });

  it("prices cache nodes: Valkey at 80 % of Redis OSS, secondaries on the primary's node type", () => {
    const primary = res(
      GROUP,
      "us-east-1",
      { nodeType: "cache.r7g.xlarge", engine: "valkey", numCacheClusters: 3, globalReplicationGroupId: "g" },
      "primary",
    );
    const secondary = res(
      GROUP,
      "eu-west-1",
      { globalReplicationGroupId: "g", numNodeGroups: 2, replicasPerNodeGroup: 1 },
      "second",
    );
    assert.deepEqual(lines(run([primary, secondary])), [
      // 3 x $0.438 x 0.8 = $0.3504/h x 730 h
      [
        "ElastiCache cache.r7g.xlarge nodes",
        "us-east-1",
        767.38,
        "3 x cache.r7g.xlarge valkey at $0.3504/h (Redis OSS $0.438 x Valkey 0.8) x 730 h",
      ],
      // 2 shards x (1 replica + 1) = 4 x $0.484 x 0.8 = $0.3872/h x 730 h
      [
        "ElastiCache cache.r7g.xlarge nodes",
        "eu-west-1",
        1130.62,
        "4 x cache.r7g.xlarge valkey at $0.3872/h (Redis OSS $0.484 x Valkey 0.8) x 730 h; node type of the Global Datastore primary",
      ],
    ]);
    // Alone, without an engine: Redis OSS, one shard without replicas.
    assert.deepEqual(lines(run([res(GROUP, "us-west-2", { nodeType: "cache.m7g.large" })])), [
      ["ElastiCache cache.m7g.large nodes", "us-west-2", 115.34, "1 x cache.m7g.large redis at $0.158/h x 730 h"],
    ]);
    const lone = run([res(GROUP, "us-east-1", {})]);
    assert.deepEqual(unpriced(lone), [["us-east-1", "price", "? has no pinned price"]]);
  });

  it("prices the Global Datastore's replication stream to each secondary", () => {
    const member = (region: string) =>
      res(GROUP, region, { nodeType: "cache.r7g.large", globalReplicationGroupId: "g" });
    const r = run([res(GLOBAL, "us-east-1", {}, "global"), member("eu-west-1"), member("us-west-2")]);
    assert.deepEqual(
      lines(r).filter(([l]) => l === "Global Datastore replication transfer"),
      [
        [
          "Global Datastore replication transfer",
          "us-east-1",
          1.2, // 2 x 30 GB x $0.02/GB
          "30 GB -> eu-west-1 x $0.02/GB + 30 GB -> us-west-2 x $0.02/GB (network.cacheReplicationGBPerSecondary)",
        ],
      ],
    );
    const none = run([
      res(GLOBAL, "us-east-1", {}, "global"),
      res(GROUP, "us-east-1", { nodeType: "cache.r7g.large" }),
    ]);
    assert.deepEqual(lines(none)[0], [
      "Global Datastore replication transfer",
      "us-east-1",
      0,
      "no secondaries (network.cacheReplicationGBPerSecondary)",
    ]);
    const far = run([res(GLOBAL, "ap-south-1", {}, "global"), member("eu-west-1")]);
    assert.deepEqual(unpriced(far)[0], [
      "ap-south-1",
      "price",
      "no pinned inter-region transfer price ap-south-1->eu-west-1",
    ]);
  });
});
