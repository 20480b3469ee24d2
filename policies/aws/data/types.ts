/** Type tokens the data-tier policies inspect. */
export const RDS_CLUSTER = "aws:rds/cluster:Cluster";
export const RDS_GLOBAL_CLUSTER = "aws:rds/globalCluster:GlobalCluster";
export const RDS_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
export const RDS_INSTANCE = "aws:rds/instance:Instance";
export const RDS_CLUSTER_PARAMETER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
export const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

/**
 * A Global Datastore secondary inherits engine, encryption and AUTH from the global group
 * (AWS refuses them on the secondary), so those checks apply to the primary only.
 */
export function isGlobalSecondary(props: Record<string, unknown>): boolean {
  return isSet(() => props.globalReplicationGroupId);
}

/**
 * True when a property holds a non-empty value, or a value unknown during `pulumi preview`
 * (an output of another resource, e.g. a generated password or a global group id): unknown
 * means "will be set", which is what these policies ask.
 */
export function isSet(read: () => unknown): boolean {
  try {
    const v = read();
    return v !== undefined && v !== null && v !== "";
  } catch (e) {
    // Matched by name like lib/policy.ts `known`: @pulumi/policy's proxy throws on unknown values.
    if (e instanceof Error && e.constructor.name === "UnknownValueError") return true;
    throw e;
  }
}
