import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AlarmSpec } from "./alarms";

/** What the data tier needs from one region; built from a Region (see fromRegion in index.ts). */
export interface DataRegionInput {
  /** AWS region name, e.g. "us-west-2". */
  readonly name: string;
  /** The region's aws.Provider; every resource of that region uses it. */
  readonly provider: aws.Provider;
  readonly vpcId: pulumi.Input<string>;
  /** Isolated database subnets (no route to the internet), one per AZ. */
  readonly databaseSubnetIds: pulumi.Input<string>[];
  /** Private (node/pod) subnet CIDRs: the fallback source when no cluster security group exists. */
  readonly privateSubnetCidrs: readonly string[];
  /** EKS cluster security group (nodes and pods); preferred source for ingress. */
  readonly clusterSecurityGroupId?: pulumi.Input<string>;
}

/** Per-region customer-managed key: each region encrypts with its own key (KMS keys are regional). */
export function dataKey(name: string, description: string, opts: pulumi.CustomResourceOptions): aws.kms.Key {
  return new aws.kms.Key(name, { description, enableKeyRotation: true, deletionWindowInDays: 30 }, opts);
}

/**
 * A group admitting `port` only from the region's cluster security group. Without a cluster
 * (data tier planned before EKS exists, or a data-only stack) it falls back to the private
 * subnet CIDRs where nodes and pods live: still never the VPC's public subnets.
 */
export function dataSecurityGroup(
  name: string,
  what: string,
  port: number,
  region: DataRegionInput,
  opts: pulumi.CustomResourceOptions,
): aws.ec2.SecurityGroup {
  const rule =
    region.clusterSecurityGroupId !== undefined
      ? {
          securityGroups: [region.clusterSecurityGroupId],
          description: `${what} from the EKS cluster security group (nodes and pods)`,
        }
      : { cidrBlocks: [...region.privateSubnetCidrs], description: `${what} from the private (node and pod) subnets` };
  return new aws.ec2.SecurityGroup(
    name,
    {
      vpcId: region.vpcId,
      description: `${what}: admits port ${port} from the cluster only`,
      ingress: [{ protocol: "tcp", fromPort: port, toPort: port, ...rule }],
      // Aurora and ElastiCache never open connections to clients: no egress rule at all.
      egress: [],
    },
    opts,
  );
}

/** CloudWatch alarms from plain specs; missing data does not breach (nodes come and go). */
export function createAlarms(
  prefix: string,
  specs: AlarmSpec[],
  alarmTopicArn: pulumi.Input<string> | undefined,
  opts: pulumi.CustomResourceOptions,
): aws.cloudwatch.MetricAlarm[] {
  const actions = alarmTopicArn !== undefined ? [alarmTopicArn] : [];
  return specs.map(
    (s) =>
      new aws.cloudwatch.MetricAlarm(
        `${prefix}-alarm-${s.role}`,
        {
          alarmDescription: s.description,
          namespace: s.namespace,
          metricName: s.metricName,
          dimensions: { ...s.dimensions },
          statistic: s.statistic,
          comparisonOperator: s.comparisonOperator,
          threshold: s.threshold,
          period: s.periodSeconds,
          evaluationPeriods: s.evaluationPeriods,
          treatMissingData: "notBreaching",
          alarmActions: actions,
          okActions: actions,
        },
        opts,
      ),
  );
}
