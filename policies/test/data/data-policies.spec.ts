import { strict as assert } from "node:assert";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { dataDeletionProtection } from "../../aws/data/data-deletion-protection";
import { elasticacheAuth } from "../../aws/data/elasticache-auth";
import { elasticacheEncryption } from "../../aws/data/elasticache-encryption";
import { elasticacheMultiAz } from "../../aws/data/elasticache-multi-az";
import { rdsBackupRetention } from "../../aws/data/rds-backup-retention";
import { rdsEncryption } from "../../aws/data/rds-encryption";
import { rdsIamAuth } from "../../aws/data/rds-iam-auth";
import { rdsNotPublic } from "../../aws/data/rds-not-public";
import { rdsPerformanceInsights } from "../../aws/data/rds-performance-insights";
import { awsProvider, PLATFORM_TAGS, resourceArgs, runResource, type ResourceOptions } from "../harness";

const CLUSTER = "aws:rds/cluster:Cluster";
const GLOBAL = "aws:rds/globalCluster:GlobalCluster";
const INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const PARAMS = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

/** A property whose value is unknown during preview, the way @pulumi/policy's proxy reports it. */
class UnknownValueError extends Error {}
const withUnknown = (props: Record<string, unknown>, key: string) =>
  Object.defineProperty({ ...props }, key, {
    enumerable: true,
    get: () => {
      throw new UnknownValueError(key);
    },
  });

const goodCluster = {
  engine: "aurora-postgresql",
  storageEncrypted: true,
  dbClusterParameterGroupName: "pg16",
  backupRetentionPeriod: 14,
  deletionProtection: true,
  skipFinalSnapshot: false,
  finalSnapshotIdentifier: "final",
  iamDatabaseAuthenticationEnabled: true,
};
const goodGroup = {
  atRestEncryptionEnabled: true,
  transitEncryptionEnabled: true,
  authToken: "[secret]",
  automaticFailoverEnabled: true,
  multiAzEnabled: true,
  numCacheClusters: 3,
};
const secondaryGroup = {
  globalReplicationGroupId: "ldgnf-platform-prod-cache",
  automaticFailoverEnabled: true,
  multiAzEnabled: true,
  numCacheClusters: 3,
};

const run = (policy: ResourceValidationPolicy, type: string, props: Record<string, unknown>, o: ResourceOptions = {}) =>
  runResource(policy, resourceArgs(type, props, { name: "db", ...o })).messages;

describe("policies: data tier", () => {
  describe("aws-rds-encryption", () => {
    let p: ReturnType<typeof rdsEncryption>;
    beforeEach(() => {
      p = rdsEncryption();
    });
    it("is mandatory", () => assert.equal(p.enforcementLevel, "mandatory"));
    it("passes an encrypted cluster with its own parameter group, and a forcing group", () => {
      assert.deepEqual(run(p, CLUSTER, goodCluster), []);
      assert.deepEqual(run(p, GLOBAL, { storageEncrypted: true }), []);
      assert.deepEqual(
        run(p, PARAMS, { family: "aurora-postgresql16", parameters: [{ name: "rds.force_ssl", value: "1" }] }),
        [],
      );
    });
    it("treats a parameter group name unknown during preview as set", () =>
      assert.deepEqual(run(p, CLUSTER, withUnknown(goodCluster, "dbClusterParameterGroupName")), []));
    it("reports an unencrypted cluster and global cluster", () => {
      assert.deepEqual(run(p, CLUSTER, { ...goodCluster, storageEncrypted: false }), [
        'Aurora cluster "db" must set storageEncrypted: true',
      ]);
      assert.deepEqual(run(p, GLOBAL, {}), ['global cluster "db" must set storageEncrypted: true']);
    });
    it("reports the default parameter group and a group without rds.force_ssl", () => {
      assert.deepEqual(run(p, CLUSTER, { ...goodCluster, dbClusterParameterGroupName: undefined }), [
        'Aurora cluster "db" must use a cluster parameter group with rds.force_ssl=1 (the default group allows plaintext)',
      ]);
      assert.deepEqual(
        run(p, PARAMS, { family: "aurora-postgresql16", parameters: [{ name: "rds.force_ssl", value: "0" }] }),
        ['cluster parameter group "db" must set rds.force_ssl = 1'],
      );
    });
  });

  describe("aws-elasticache-encryption", () => {
    let p: ReturnType<typeof elasticacheEncryption>;
    beforeEach(() => {
      p = elasticacheEncryption();
    });
    it("passes an encrypted primary and a Global Datastore secondary (inherits)", () => {
      assert.deepEqual(run(p, GROUP, goodGroup), []);
      assert.deepEqual(run(p, GROUP, secondaryGroup), []);
      assert.deepEqual(run(p, GROUP, withUnknown(secondaryGroup, "globalReplicationGroupId")), []);
    });
    it("reports missing encryption at rest and in transit", () =>
      assert.deepEqual(
        run(p, GROUP, { ...goodGroup, atRestEncryptionEnabled: false, transitEncryptionEnabled: undefined }),
        [
          'replication group "db" must set atRestEncryptionEnabled: true',
          'replication group "db" must set transitEncryptionEnabled: true',
        ],
      ));
  });

  describe("aws-rds-not-public", () => {
    let p: ReturnType<typeof rdsNotPublic>;
    beforeEach(() => {
      p = rdsNotPublic();
    });
    it("passes a private instance", () => assert.deepEqual(run(p, INSTANCE, { publiclyAccessible: false }), []));
    it("reports a public or unspecified instance", () => {
      assert.deepEqual(run(p, INSTANCE, { publiclyAccessible: true }), [
        'database instance "db" must set publiclyAccessible: false',
      ]);
      assert.deepEqual(run(p, "aws:rds/instance:Instance", {}), [
        'database instance "db" must set publiclyAccessible: false',
      ]);
    });
  });

  describe("aws-rds-backup-retention", () => {
    let p: ReturnType<typeof rdsBackupRetention>;
    beforeEach(() => {
      p = rdsBackupRetention();
    });
    it("passes 7 days or more", () => assert.deepEqual(run(p, CLUSTER, { backupRetentionPeriod: 7 }), []));
    it("reports fewer days and the AWS default", () => {
      assert.deepEqual(run(p, CLUSTER, { backupRetentionPeriod: 3 }), [
        'Aurora cluster "db" keeps backups 3 days; at least 7 required',
      ]);
      assert.deepEqual(run(p, CLUSTER, {}), [
        'Aurora cluster "db" keeps backups for the default 1 day; at least 7 required',
      ]);
    });
    it("honours minDays from config", () =>
      assert.deepEqual(run(p, CLUSTER, { backupRetentionPeriod: 14 }, { config: { minDays: 30 } }), [
        'Aurora cluster "db" keeps backups 14 days; at least 30 required',
      ]));
  });

  describe("aws-data-deletion-protection", () => {
    let p: ReturnType<typeof dataDeletionProtection>;
    beforeEach(() => {
      p = dataDeletionProtection();
    });
    const prod = { config: { environment: "prod" } };
    it("passes a protected prod cluster and anything in dev", () => {
      assert.deepEqual(run(p, CLUSTER, goodCluster, prod), []);
      assert.deepEqual(
        run(p, CLUSTER, { deletionProtection: false, skipFinalSnapshot: true }, { config: { environment: "dev" } }),
        [],
      );
    });
    it("reports an unprotected prod cluster and global cluster", () => {
      assert.deepEqual(run(p, CLUSTER, { ...goodCluster, deletionProtection: false, skipFinalSnapshot: true }, prod), [
        'Aurora cluster "db" must set deletionProtection: true in prod',
        'Aurora cluster "db" must set skipFinalSnapshot: false (with a finalSnapshotIdentifier) in prod',
      ]);
      assert.deepEqual(run(p, GLOBAL, { deletionProtection: false }, prod), [
        'global cluster "db" must set deletionProtection: true in prod',
      ]);
    });
    it("falls back to the resource's environment tag when config and stack tags are silent", () =>
      assert.deepEqual(
        run(p, GLOBAL, {}, { provider: awsProvider("us-east-1", { ...PLATFORM_TAGS, environment: "prod" }) }),
        ['global cluster "db" must set deletionProtection: true in prod'],
      ));
  });

  describe("aws-rds-iam-auth", () => {
    let p: ReturnType<typeof rdsIamAuth>;
    beforeEach(() => {
      p = rdsIamAuth();
    });
    it("is advisory (escalated in prod)", () => assert.equal(p.enforcementLevel, "advisory"));
    it("passes IAM auth", () => assert.deepEqual(run(p, CLUSTER, goodCluster), []));
    it("reports a cluster without it", () =>
      assert.deepEqual(run(p, CLUSTER, {}), ['Aurora cluster "db" must set iamDatabaseAuthenticationEnabled: true']));
  });

  describe("aws-rds-performance-insights", () => {
    let p: ReturnType<typeof rdsPerformanceInsights>;
    beforeEach(() => {
      p = rdsPerformanceInsights();
    });
    it("passes an instance with Performance Insights", () =>
      assert.deepEqual(run(p, INSTANCE, { performanceInsightsEnabled: true }), []));
    it("reports one without", () =>
      assert.deepEqual(run(p, INSTANCE, {}), ['Aurora instance "db" must set performanceInsightsEnabled: true']));
  });

  describe("aws-elasticache-multi-az", () => {
    let p: ReturnType<typeof elasticacheMultiAz>;
    beforeEach(() => {
      p = elasticacheMultiAz();
    });
    it("passes primary and secondary groups with failover", () => {
      assert.deepEqual(run(p, GROUP, goodGroup), []);
      assert.deepEqual(run(p, GROUP, secondaryGroup), []);
    });
    it("reports missing failover, single AZ and a single node", () =>
      assert.deepEqual(
        run(p, GROUP, {
          ...goodGroup,
          automaticFailoverEnabled: false,
          multiAzEnabled: undefined,
          numCacheClusters: 1,
        }),
        [
          'replication group "db" must set automaticFailoverEnabled: true',
          'replication group "db" must set multiAzEnabled: true',
          'replication group "db" has 1 node; failover needs at least 2',
        ],
      ));
  });

  describe("aws-elasticache-auth", () => {
    let p: ReturnType<typeof elasticacheAuth>;
    beforeEach(() => {
      p = elasticacheAuth();
    });
    it("passes an AUTH token (even one unknown during preview), RBAC user groups, and a secondary", () => {
      assert.deepEqual(run(p, GROUP, goodGroup), []);
      assert.deepEqual(run(p, GROUP, withUnknown(goodGroup, "authToken")), []);
      assert.deepEqual(run(p, GROUP, { ...goodGroup, authToken: undefined, userGroupIds: ["app-users"] }), []);
      assert.deepEqual(run(p, GROUP, secondaryGroup), []);
    });
    it("reports a group without authentication", () =>
      assert.deepEqual(run(p, GROUP, { ...goodGroup, authToken: undefined, userGroupIds: [] }), [
        'replication group "db" must set authToken or userGroupIds',
      ]));
  });
});
