import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config";
import { POSTGRES_PORT } from "./connection";
import { clusterParameters, dataNames, parameterGroupFamily } from "./plan";
import { withProtect } from "./protection";
import { regionalDataSecurityGroup, type DataRegionInput } from "./regional";

export interface AuroraMemberArgs {
  config: PlatformConfig;
  /** Every region (the security group admits the peers' VPC ranges). */
  regions: Readonly<Record<string, DataRegionInput>>;
  key: aws.kms.Key;
  monitoringRoleArn: pulumi.Input<string>;
  /** The monitoring role's policy: RDS refuses an instance whose monitoring role cannot publish yet. */
  monitoringGrants: pulumi.Resource[];
  /** The GlobalCluster to join; undefined for a lone regional cluster (dev). */
  globalClusterId?: pulumi.Input<string>;
  isPrimary: boolean;
  /** Only the primary creates the database and its master user; secondaries replicate them. */
  credentials?: { username: string; password: pulumi.Input<string> };
  dependsOn: pulumi.Resource[];
}

/**
 * What the cluster's options and write-forwarding setting are, as plain values: members of a
 * global database ignore engineVersion drift (the GlobalCluster owns the version and AWS's minor
 * upgrades land on members; @pulumi/aws rds/globalCluster "Upgrading Engine Versions"), and every
 * member outside `database.writerRegion` forwards writes to the writer.
 */
export function auroraMemberSettings(
  config: Pick<PlatformConfig, "database">,
  r: string,
  a: { global: boolean },
): { ignoreChanges: string[]; enableGlobalWriteForwarding?: boolean; protect: boolean } {
  // AWS sets the replication source on whichever clusters are secondaries after a switchover or
  // failover, and a failover with data loss can leave the old writer outside the global cluster
  // until AWS adds it back: Pulumi must not try to undo the topology the promotion chose.
  const ignoreChanges = ["replicationSourceIdentifier", "globalClusterIdentifier"];
  if (a.global) ignoreChanges.push("engineVersion");
  return {
    ignoreChanges,
    enableGlobalWriteForwarding: a.global ? r !== config.database.writerRegion : undefined,
    protect: config.database.protect,
  };
}

/** One region's Aurora cluster, its instances and reader autoscaling. Children of `parent`. */
export function createAuroraMember(
  parent: pulumi.Resource,
  name: string,
  r: string,
  a: AuroraMemberArgs,
): { cluster: aws.rds.Cluster; instances: aws.rds.ClusterInstance[] } {
  const { config } = a;
  const db = config.database;
  const region = a.regions[r];
  const names = dataNames(config, r);
  const prod = config.environment === "prod";
  const opts: pulumi.CustomResourceOptions = { parent, provider: region.provider };
  const settings = auroraMemberSettings(config, r, { global: a.globalClusterId !== undefined });

  const subnetGroup = new aws.rds.SubnetGroup(
    `${name}-${r}-subnets`,
    {
      name: names.subnetGroup,
      description: "Aurora on the isolated database subnets",
      subnetIds: region.vpc.databaseSubnetIds,
    },
    opts,
  );
  const sg = regionalDataSecurityGroup(`${name}-${r}-sg`, "Aurora PostgreSQL", POSTGRES_PORT, r, a.regions, opts);
  const params = new aws.rds.ClusterParameterGroup(
    `${name}-${r}-params`,
    {
      name: names.parameterGroup,
      family: parameterGroupFamily(db.engineVersion),
      description: "Aurora PostgreSQL: TLS only, connection and slow-query logging",
      parameters: clusterParameters(db).map((p) => ({ ...p })),
    },
    opts,
  );

  const cluster = new aws.rds.Cluster(
    `${name}-${r}-cluster`,
    {
      clusterIdentifier: names.cluster,
      engine: "aurora-postgresql",
      engineVersion: db.engineVersion,
      globalClusterIdentifier: a.globalClusterId,
      enableGlobalWriteForwarding: settings.enableGlobalWriteForwarding,
      ...(a.credentials
        ? {
            databaseName: db.databaseName,
            masterUsername: a.credentials.username,
            masterPassword: a.credentials.password,
          }
        : {}),
      storageEncrypted: true,
      kmsKeyId: a.key.arn,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [sg.id],
      dbClusterParameterGroupName: params.name,
      port: POSTGRES_PORT,
      backupRetentionPeriod: db.backupRetentionDays,
      preferredBackupWindow: "03:00-04:00",
      preferredMaintenanceWindow: "sun:05:00-sun:06:00",
      copyTagsToSnapshot: true,
      iamDatabaseAuthenticationEnabled: true,
      enabledCloudwatchLogsExports: ["postgresql"],
      deletionProtection: db.deletionProtection,
      skipFinalSnapshot: !prod,
      finalSnapshotIdentifier: prod ? names.finalSnapshot : undefined,
    },
    withProtect({ ...opts, dependsOn: a.dependsOn, ignoreChanges: settings.ignoreChanges }, settings.protect),
  );

  // 1 + readers.min instances in every region, so a promoted secondary has a writer and readers.
  // No engineVersion: instances follow their cluster (an instance-level version never upgrades
  // anything, per the provider docs, and would only show drift after AWS's minor upgrades).
  const instances: aws.rds.ClusterInstance[] = [];
  for (let i = 1; i <= 1 + db.readers.min; i++) {
    instances.push(
      new aws.rds.ClusterInstance(
        `${name}-${r}-instance-${i}`,
        {
          identifier: names.instance(String(i)),
          clusterIdentifier: cluster.id,
          engine: "aurora-postgresql",
          instanceClass: db.instanceClass,
          dbSubnetGroupName: subnetGroup.name,
          publiclyAccessible: false,
          promotionTier: i === 1 ? 0 : 1,
          performanceInsightsEnabled: true,
          performanceInsightsKmsKeyId: a.key.arn,
          performanceInsightsRetentionPeriod: db.performanceInsightsRetentionDays,
          monitoringInterval: db.monitoringIntervalSeconds,
          monitoringRoleArn: a.monitoringRoleArn,
          copyTagsToSnapshot: true,
        },
        { ...opts, dependsOn: a.monitoringGrants },
      ),
    );
  }

  const target = new aws.appautoscaling.Target(
    `${name}-${r}-readers`,
    {
      serviceNamespace: "rds",
      scalableDimension: "rds:cluster:ReadReplicaCount",
      resourceId: pulumi.interpolate`cluster:${cluster.clusterIdentifier}`,
      minCapacity: db.readers.min,
      maxCapacity: db.readers.max,
    },
    { ...opts, dependsOn: instances },
  );
  new aws.appautoscaling.Policy(
    `${name}-${r}-readers-cpu`,
    {
      policyType: "TargetTrackingScaling",
      serviceNamespace: target.serviceNamespace,
      scalableDimension: target.scalableDimension,
      resourceId: target.resourceId,
      targetTrackingScalingPolicyConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: "RDSReaderAverageCPUUtilization" },
        targetValue: db.readers.targetCpuPercent,
        scaleInCooldown: db.readers.scaleInCooldownSeconds,
        scaleOutCooldown: db.readers.scaleOutCooldownSeconds,
      },
    },
    opts,
  );
  return { cluster, instances };
}
