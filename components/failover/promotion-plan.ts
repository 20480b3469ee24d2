/**
 * The writer promotion as plain data: the SSM Automation document that moves the Aurora writer and
 * the Global Datastore primary to one region and repoints the cache writer name, the least access
 * it needs, and the alarm that starts it. AWS APIs used (read 2026-12-07):
 * - rds FailoverGlobalCluster (AllowDataLoss: the writer region is gone) and SwitchoverGlobalCluster
 *   (planned, no data loss): https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_FailoverGlobalCluster.html
 * - elasticache FailoverGlobalReplicationGroup (the chosen secondary becomes primary):
 *   https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_FailoverGlobalReplicationGroup.html
 * The cache writer name follows by itself (writer-dns.ts): no Route53 control-plane call, which
 * lives in us-east-1 and may be the region that is lost.
 * - Automation actions aws:branch, aws:executeAwsApi, aws:waitForAwsResourceProperty:
 *   https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-actions.html
 */

/** What one region's document promotes, as plain identifiers. */
export interface PromotionTarget {
  readonly region: string;
  readonly account: string;
  readonly globalClusterId: string;
  readonly clusterId: string;
  /** Global Datastore id and this region's member; undefined without a global cache. */
  readonly cache?: { readonly globalGroupId: string; readonly groupId: string };
  readonly automationRoleArn: string;
}

export const clusterArn = (t: Pick<PromotionTarget, "region" | "account" | "clusterId">) =>
  `arn:aws:rds:${t.region}:${t.account}:cluster:${t.clusterId}`;
export const globalClusterArn = (t: Pick<PromotionTarget, "account" | "globalClusterId">) =>
  `arn:aws:rds::${t.account}:global-cluster:${t.globalClusterId}`;
export const replicationGroupArn = (region: string, account: string, id: string) =>
  `arn:aws:elasticache:${region}:${account}:replicationgroup:${id}`;
export const globalReplicationGroupArn = (account: string, id: string) =>
  `arn:aws:elasticache::${account}:globalreplicationgroup:${id}`;

/** The Automation document (schema 0.3): start both promotions, then wait for both. */
export function promotionDocument(t: PromotionTarget): Record<string, unknown> {
  const db = { GlobalClusterIdentifier: t.globalClusterId, TargetDbClusterIdentifier: clusterArn(t) };
  const steps: Record<string, unknown>[] = [
    {
      name: "chooseMode",
      action: "aws:branch",
      inputs: {
        Choices: [{ NextStep: "switchoverDatabase", Variable: "{{ Mode }}", StringEquals: "switchover" }],
        Default: "failoverDatabase",
      },
    },
    {
      name: "failoverDatabase",
      action: "aws:executeAwsApi",
      inputs: { Service: "rds", Api: "FailoverGlobalCluster", ...db, AllowDataLoss: true },
      nextStep: "promoteCache",
    },
    {
      name: "switchoverDatabase",
      action: "aws:executeAwsApi",
      inputs: { Service: "rds", Api: "SwitchoverGlobalCluster", ...db },
      nextStep: "promoteCache",
    },
  ];
  if (t.cache)
    steps.push({
      name: "promoteCache",
      action: "aws:executeAwsApi",
      inputs: {
        Service: "elasticache",
        Api: "FailoverGlobalReplicationGroup",
        GlobalReplicationGroupId: t.cache.globalGroupId,
        PrimaryRegion: t.region,
        PrimaryReplicationGroupId: t.cache.groupId,
      },
    });
  else steps.push({ name: "promoteCache", action: "aws:sleep", inputs: { Duration: "PT1S" } });
  // Both promotions run side by side; the waits report when each is done.
  steps.push({
    name: "waitDatabase",
    action: "aws:waitForAwsResourceProperty",
    timeoutSeconds: 900,
    inputs: {
      Service: "rds",
      Api: "DescribeGlobalClusters",
      GlobalClusterIdentifier: t.globalClusterId,
      PropertySelector: "$.GlobalClusters[0].Status",
      DesiredValues: ["available"],
    },
  });
  if (t.cache)
    steps.push({
      name: "waitCache",
      action: "aws:waitForAwsResourceProperty",
      timeoutSeconds: 900,
      isEnd: true,
      inputs: {
        Service: "elasticache",
        Api: "DescribeReplicationGroups",
        ReplicationGroupId: t.cache.groupId,
        PropertySelector: "$.ReplicationGroups[0].Status",
        DesiredValues: ["available"],
      },
    });
  return {
    schemaVersion: "0.3",
    description:
      `Promote ${t.region} to writer: Aurora global failover (data loss up to the replication lag) or ` +
      "switchover, and Global Datastore failover, side by side. docs/runbook-region-failover.md",
    assumeRole: "{{ AutomationAssumeRole }}",
    parameters: {
      Mode: {
        type: "String",
        allowedValues: ["failover", "switchover"],
        default: "failover",
        description: "failover: the writer region is lost (AllowDataLoss); switchover: planned, no data loss",
      },
      AutomationAssumeRole: { type: "String", default: t.automationRoleArn },
    },
    mainSteps: steps,
  };
}

export interface Grant {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/**
 * The automation role's grants, resource by resource. RDS authorizes Failover/Switchover on the
 * global cluster and on the target cluster; FailoverGlobalReplicationGroup on the global group and
 * the member it promotes. Describe calls cannot be narrowed below the stated resources.
 */
export function promotionGrants(t: PromotionTarget): Grant[] {
  const grants: Grant[] = [
    {
      actions: ["rds:FailoverGlobalCluster", "rds:SwitchoverGlobalCluster"],
      resources: [globalClusterArn(t), clusterArn(t)],
    },
    { actions: ["rds:DescribeGlobalClusters"], resources: [globalClusterArn(t)] },
  ];
  if (t.cache) {
    const member = replicationGroupArn(t.region, t.account, t.cache.groupId);
    grants.push(
      {
        actions: ["elasticache:FailoverGlobalReplicationGroup"],
        resources: [globalReplicationGroupArn(t.account, t.cache.globalGroupId), member],
      },
      { actions: ["elasticache:DescribeReplicationGroups"], resources: [member] },
    );
  }
  return grants;
}

/** An IAM policy document from grants. */
export function policyDocument(grants: readonly Grant[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: grants.map((g) => ({ Effect: "Allow", Action: [...g.actions], Resource: [...g.resources] })),
  });
}

/** The automation definition EventBridge starts (its $DEFAULT version). */
export const automationDefinitionArn = (region: string, account: string, documentName: string) =>
  `arn:aws:ssm:${region}:${account}:automation-definition/${documentName}:$DEFAULT`;

/** The one command an operator runs instead of waiting for the alarm. */
export function operatorCommand(region: string, documentName: string, mode: "failover" | "switchover"): string {
  return `aws ssm start-automation-execution --region ${region} --document-name ${documentName} --parameters Mode=${mode}`;
}

/** The standby's writer-lost alarm name, plain: the cache writer's health check names it. */
export function writerLostAlarmName(prefix: string, regionCodeOf: string): string {
  return `${prefix}-${regionCodeOf}-writer-lost`;
}
