import { strict as assert } from "assert";
import { cacheAlarms, databaseAlarms } from "../../components/data/alarms";
import { connectionEnv, dbUserArn, type ConnectionInfo } from "../../components/data/connection";
import { dataEndpointsConfigMap } from "../../components/workloads/manifests";
import {
  cacheMemberIds,
  clusterParameters,
  dataNames,
  maxConnections,
  parameterGroupFamily,
  planDataTier,
  secretReplicaArn,
} from "../../components/data/plan";
import { validateManifest } from "../helpers/schemas";
import { loadStandIn } from "../helpers/stand-in";

const ctx = { project: "platform", stack: "prod" };
const regions = [
  { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
  { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
  { name: "eu-west-1", vpcCidr: "10.2.0.0/16" },
];
const load = (extra: Record<string, unknown> = {}, regionList = regions) =>
  loadStandIn(
    Object.fromEntries(
      Object.entries({ environment: "prod", regions: regionList, ...extra }).map(([k, v]) => [
        `platform:${k}`,
        JSON.stringify(v),
      ]),
    ),
    ctx,
  );

describe("data tier planning (pure)", () => {
  describe("planDataTier", () => {
    it("puts the primary first and every other region behind it by default (seed 002)", () => {
      const p = planDataTier(load());
      assert.deepEqual(p.database, {
        enabled: true,
        global: true,
        secondaryRegions: ["us-west-2", "eu-west-1"],
        regions: ["us-east-1", "us-west-2", "eu-west-1"],
      });
      assert.deepEqual(p.cache, {
        enabled: true,
        global: true,
        secondaryRegions: ["us-west-2", "eu-west-1"],
        regions: ["us-east-1", "us-west-2", "eu-west-1"],
      });
    });
    it("honours explicit secondary lists", () => {
      const p = planDataTier(
        load({
          cache: { secondaryRegions: ["us-west-2"], regionsWithoutMember: "use-writer" },
          database: { secondaryRegions: ["eu-west-1"] },
        }),
      );
      assert.deepEqual(p.cache.regions, ["us-east-1", "us-west-2"]);
      assert.deepEqual(p.database.regions, ["us-east-1", "eu-west-1"]);
    });
    it("is a single regional cluster and replication group with one region", () => {
      const p = planDataTier(load({}, [regions[0]]));
      assert.equal(p.database.global, false);
      assert.equal(p.cache.global, false);
      assert.deepEqual(p.database.regions, ["us-east-1"]);
      assert.deepEqual(p.cache.regions, ["us-east-1"]);
    });
    it("drops the cache secondaries when cache.global is false", () => {
      assert.deepEqual(planDataTier(load({ cache: { global: false } })).cache.regions, ["us-east-1"]);
    });
  });

  describe("names", () => {
    it("derive from project, stack and region only, within AWS limits", () => {
      const n = dataNames({ name: "platform", stack: "prod" }, "eu-west-1");
      assert.equal(n.cluster, "platform-prod-euw1-aurora");
      assert.equal(n.instance("2"), "platform-prod-euw1-aurora-2");
      assert.equal(n.globalCluster, "platform-prod-aurora-global");
      assert.equal(n.replicationGroup, "platform-prod-euw1-cache");
      const long = dataNames({ name: "a-very-long-platform-name-for-testing", stack: "production" }, "ap-southeast-2");
      assert.ok(long.replicationGroup.length <= 40, long.replicationGroup);
      assert.ok(long.cluster.length <= 63, long.cluster);
    });
  });

  describe("max_connections", () => {
    it("reads the limit config resolved (test/config/resolve.spec.ts covers the formula)", () => {
      assert.equal(maxConnections({ instanceClass: "db.r7g.large", connectionLimit: 1802 }), 1802);
    });
    it("writes an explicit value to the parameter group", () => {
      assert.deepEqual(
        clusterParameters({ maxConnections: 900 }).find((p) => p.name === "max_connections"),
        { name: "max_connections", value: "900", applyMethod: "pending-reboot" },
      );
      assert.equal(
        clusterParameters({}).find((p) => p.name === "max_connections"),
        undefined,
      );
    });
    it("refuses to guess an unknown class", () =>
      assert.throws(
        () => maxConnections({ instanceClass: "db.z1d.large", connectionLimit: undefined }),
        /set database.instanceMemoryGiB or database.maxConnections/,
      ));
  });

  it("forces TLS in the cluster parameter group and picks the family from the version", () => {
    assert.deepEqual(clusterParameters({})[0], { name: "rds.force_ssl", value: "1", applyMethod: "immediate" });
    assert.equal(parameterGroupFamily("16.6"), "aurora-postgresql16");
  });

  it("maps a secret ARN to its replica in another region", () =>
    assert.equal(
      secretReplicaArn(
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:platform-prod-aurora-master-AbCdEf",
        "eu-west-1",
      ),
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:platform-prod-aurora-master-AbCdEf",
    ));

  describe("alarms", () => {
    const config = load();
    it("alarms the primary on CPU, connections at 80% of max_connections and freeable memory, without replication lag", () => {
      const specs = databaseAlarms(config.database, "c1", false);
      assert.deepEqual(
        specs.map((s) => s.metricName),
        ["CPUUtilization", "DatabaseConnections", "FreeableMemory"],
      );
      const conn = specs.find((s) => s.metricName === "DatabaseConnections")!;
      assert.equal(conn.threshold, 1441); // floor(1802 * 0.8)
      assert.equal(conn.evaluationPeriods * conn.periodSeconds, 120); // seed 002: for 2m
      assert.deepEqual(conn.dimensions, { DBClusterIdentifier: "c1", Role: "WRITER" });
      assert.equal(specs.find((s) => s.metricName === "FreeableMemory")!.threshold, Math.floor(16 * 1024 ** 3 * 0.1));
    });
    it("adds AuroraGlobalDBReplicationLag on secondaries", () => {
      const lag = databaseAlarms(config.database, "c2", true).find(
        (s) => s.metricName === "AuroraGlobalDBReplicationLag",
      );
      assert.deepEqual(lag?.dimensions, { DBClusterIdentifier: "c2" });
      assert.equal(lag?.threshold, 5000);
    });
    it("alarms every cache node, with GlobalDatastoreReplicationLag only on secondaries", () => {
      assert.deepEqual(cacheMemberIds("g", 3), ["g-001", "g-002", "g-003"]);
      const primary = cacheAlarms(config.cache, "g", false);
      assert.equal(primary.length, 6);
      assert.deepEqual(
        [...new Set(primary.map((s) => s.metricName))],
        ["EngineCPUUtilization", "DatabaseMemoryUsagePercentage"],
      );
      const secondary = cacheAlarms(config.cache, "g", true);
      assert.deepEqual(
        secondary
          .filter((s) => s.metricName === "GlobalDatastoreReplicationLag")
          .map((s) => s.dimensions.CacheClusterId),
        ["g-001", "g-002", "g-003"],
      );
    });
  });

  it("dbUserArn: rds-db:connect on one user of one cluster, partition/region/account from the cluster ARN", () =>
    assert.equal(
      dbUserArn("arn:aws:rds:eu-west-1:123456789012:cluster:c", "cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ", "user_service"),
      "arn:aws:rds-db:eu-west-1:123456789012:dbuser:cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ/user_service",
    ));

  describe("connectionEnv", () => {
    // eu-west-1, not the writer region: database writes forwarded, cache writes to us-east-1's primary.
    const info: ConnectionInfo = {
      writerEndpoint: "c.cluster-ro-x.eu-west-1.rds.amazonaws.com",
      writeForwarding: true,
      globalWriterEndpoint: "gdb.global-x.global.rds.amazonaws.com",
      readerEndpoint: "c.cluster-ro-x.eu-west-1.rds.amazonaws.com",
      databasePort: 5432,
      databaseName: "platform",
      redisWriterEndpoint: "master.g.x.use1.cache.amazonaws.com",
      redisReaderEndpoint: "replica.g.x.euw1.cache.amazonaws.com",
      redisPort: 6379,
    };
    it("is one ConfigMap saying which host takes writes and which reads, valid against the Kubernetes schema", async () => {
      const cm = dataEndpointsConfigMap(connectionEnv(info));
      await validateManifest("kubernetes-models/v1/ConfigMap", "ConfigMap", cm);
      assert.deepEqual((cm.metadata as Record<string, unknown>).name, "data-endpoints");
      const data = cm.data as Record<string, string>;
      assert.deepEqual(
        Object.keys(data).filter((k) => /_HOST$/.test(k)),
        [
          "DATABASE_WRITER_HOST",
          "DATABASE_GLOBAL_WRITER_HOST",
          "DATABASE_READER_HOST",
          "REDIS_WRITER_HOST",
          "REDIS_READER_HOST",
        ],
      );
      assert.equal(data.DATABASE_WRITER_HOST, info.writerEndpoint);
      assert.equal(data.DATABASE_WRITE_FORWARDING, "true");
      assert.equal(data.DATABASE_GLOBAL_WRITER_HOST, info.globalWriterEndpoint);
      assert.equal(data.DATABASE_READER_HOST, info.readerEndpoint);
      assert.equal(data.REDIS_WRITER_HOST, "master.g.x.use1.cache.amazonaws.com");
      assert.equal(data.REDIS_READER_HOST, "replica.g.x.euw1.cache.amazonaws.com");
      // IAM authentication as the service's own user, server verified against the RDS CA; the
      // master secret is not offered to anyone.
      assert.equal(data.DATABASE_AUTH, "iam");
      assert.equal(data.DATABASE_SSLMODE, "verify-full");
      assert.equal(data.DATABASE_SSLROOTCERT, "/etc/ssl/certs/rds-global-bundle.pem");
      assert.ok(!Object.keys(data).some((k) => k.startsWith("DATABASE_SECRET")));
      // The cache too: each service as its own user with an IAM token; no shared token is offered.
      assert.equal(data.REDIS_AUTH, "iam");
      assert.ok(!Object.keys(data).some((k) => k.startsWith("REDIS_AUTH_SECRET")));
      for (const [k, v] of Object.entries(data)) assert.equal(typeof v, "string", k);
      assert.ok(!JSON.stringify(cm).toLowerCase().includes("password"));
    });
  });
});
