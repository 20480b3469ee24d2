import type { CacheConfig, DatabaseConfig } from "../config";
import { cacheMemberIds, maxConnections, memoryBytesOf } from "./plan";

/** A CloudWatch alarm as plain data; the components turn each into an aws.cloudwatch.MetricAlarm. */
export interface AlarmSpec {
  /** Stable role used in the Pulumi name (`${name}-<region>-alarm-<role>`). */
  readonly role: string;
  readonly namespace: "AWS/RDS" | "AWS/ElastiCache";
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: "Average" | "Maximum" | "Minimum";
  readonly comparisonOperator: "GreaterThanThreshold" | "LessThanThreshold";
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly description: string;
}

const minutes = (n: number) => ({ periodSeconds: 60, evaluationPeriods: n });

/**
 * Aurora alarms for one regional cluster. Cluster-level dimensions (DBClusterIdentifier + Role)
 * so the alarms survive reader autoscaling and writer failover without naming instances.
 */
export function databaseAlarms(db: DatabaseConfig, clusterId: string, isSecondary: boolean): AlarmSpec[] {
  // A secondary has no writer: its instances are all readers.
  const role = isSecondary ? "READER" : "WRITER";
  const dims = { DBClusterIdentifier: clusterId, Role: role };
  const max = maxConnections(db);
  const memory = memoryBytesOf(db);
  const specs: AlarmSpec[] = [
    {
      role: "cpu",
      namespace: "AWS/RDS",
      metricName: "CPUUtilization",
      dimensions: dims,
      statistic: "Average",
      comparisonOperator: "GreaterThanThreshold",
      threshold: db.cpuAlarmPercent,
      ...minutes(5),
      description: `Aurora ${clusterId} ${role.toLowerCase()} CPU above ${db.cpuAlarmPercent}% for 5 minutes`,
    },
    {
      role: "connections",
      namespace: "AWS/RDS",
      metricName: "DatabaseConnections",
      dimensions: dims,
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: Math.floor((max * db.connectionsAlarmPercent) / 100),
      ...minutes(2),
      description: `DatabaseConnectionsHigh: ${clusterId} above ${db.connectionsAlarmPercent}% of max_connections (${max}) for 2 minutes`,
    },
  ];
  if (memory !== undefined) {
    specs.push({
      role: "freeable-memory",
      namespace: "AWS/RDS",
      metricName: "FreeableMemory",
      dimensions: dims,
      statistic: "Minimum",
      comparisonOperator: "LessThanThreshold",
      threshold: Math.floor((memory * db.freeableMemoryAlarmPercent) / 100),
      ...minutes(5),
      description: `Aurora ${clusterId} freeable memory below ${db.freeableMemoryAlarmPercent}% of instance memory for 5 minutes`,
    });
  }
  if (isSecondary) {
    specs.push({
      role: "replication-lag",
      namespace: "AWS/RDS",
      metricName: "AuroraGlobalDBReplicationLag",
      dimensions: { DBClusterIdentifier: clusterId },
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: db.replicationLagAlarmMs,
      ...minutes(5),
      description: `Aurora global replication lag to ${clusterId} above ${db.replicationLagAlarmMs} ms for 5 minutes`,
    });
  }
  return specs;
}

/**
 * ElastiCache publishes per node (CacheClusterId = `<group>-00N`), so one alarm per node and
 * metric. The replication lag is reported by whichever node is the secondary's primary, which
 * can move: every node gets the alarm and missing data does not breach.
 */
export function cacheAlarms(cache: CacheConfig, replicationGroupId: string, isSecondary: boolean): AlarmSpec[] {
  const specs: AlarmSpec[] = [];
  cacheMemberIds(replicationGroupId, cache.nodesPerRegion).forEach((member, i) => {
    const n = i + 1;
    const dims = { CacheClusterId: member };
    specs.push(
      {
        role: `engine-cpu-${n}`,
        namespace: "AWS/ElastiCache",
        metricName: "EngineCPUUtilization",
        dimensions: dims,
        statistic: "Average",
        comparisonOperator: "GreaterThanThreshold",
        threshold: cache.engineCpuAlarmPercent,
        ...minutes(5),
        description: `Cache node ${member} engine CPU above ${cache.engineCpuAlarmPercent}% for 5 minutes`,
      },
      {
        role: `memory-${n}`,
        namespace: "AWS/ElastiCache",
        metricName: "DatabaseMemoryUsagePercentage",
        dimensions: dims,
        statistic: "Maximum",
        comparisonOperator: "GreaterThanThreshold",
        threshold: cache.memoryAlarmPercent,
        ...minutes(5),
        description: `Cache node ${member} memory usage above ${cache.memoryAlarmPercent}% for 5 minutes`,
      },
    );
    if (isSecondary) {
      specs.push({
        role: `replication-lag-${n}`,
        namespace: "AWS/ElastiCache",
        metricName: "GlobalDatastoreReplicationLag",
        dimensions: dims,
        statistic: "Maximum",
        comparisonOperator: "GreaterThanThreshold",
        threshold: cache.replicationLagAlarmSeconds,
        ...minutes(5),
        description: `Global Datastore replication lag to ${member} above ${cache.replicationLagAlarmSeconds} s for 5 minutes`,
      });
    }
  });
  return specs;
}
