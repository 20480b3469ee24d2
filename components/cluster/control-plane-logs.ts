import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName } from "../naming";
import { nameTags } from "../tags";

/**
 * The log group EKS writes control-plane logs to. EKS creates it on first use if it is missing,
 * with no retention (kept forever) and no customer key, so the program creates it first under this
 * exact name. Source: https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
 * ("/aws/eks/my-cluster/cluster"), read 2026-12-02.
 */
export function controlPlaneLogGroupName(clusterName: string): string {
  return `/aws/eks/${clusterName}/cluster`;
}

/** A KMS key policy document (the subset we write). */
export interface KeyPolicy {
  Version: "2012-10-17";
  Statement: Record<string, unknown>[];
}

export interface LogsKeyPolicyArgs {
  partition: string;
  accountId: string;
  region: string;
  logGroupName: string;
}

/**
 * The account keeps full control (IAM policies apply); CloudWatch Logs in this region may use the
 * key only for this one log group: the encryption context CloudWatch Logs sends carries the log
 * group's ARN. Statement as documented in "Encrypt log data in CloudWatch Logs using AWS KMS",
 * step 2, restricting the key to a single log group ARN
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html and
 * awsdocs/amazon-cloudwatch-logs-user-guide doc_source/encrypt-log-data-kms.md at f7d74a66, read
 * 2026-12-02). The service principal must be in the key's region.
 */
export function logsKeyPolicy(a: LogsKeyPolicyArgs): KeyPolicy {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:${a.partition}:iam::${a.accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "CloudWatchLogsForTheControlPlaneLogGroup",
        Effect: "Allow",
        Principal: { Service: `logs.${a.region}.amazonaws.com` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: {
          ArnEquals: {
            "kms:EncryptionContext:aws:logs:arn": `arn:${a.partition}:logs:${a.region}:${a.accountId}:log-group:${a.logGroupName}`,
          },
        },
      },
    ],
  };
}

export interface ControlPlaneLogsArgs {
  /** The EKS cluster's name (plain): the log group is `/aws/eks/<clusterName>/cluster`. */
  clusterName: string;
  /** AWS region of the provider (the logs service principal is regional). */
  region: string;
  /** `platform:cluster.logRetentionDays`, one of CLOUDWATCH_RETENTION_DAYS (checked by loadConfig). */
  retentionDays: number;
  /** In prod the key is protected: losing it makes the retained logs unreadable. */
  protect: boolean;
}

export interface ControlPlaneLogs {
  readonly key: aws.kms.Key;
  readonly logGroup: aws.cloudwatch.LogGroup;
}

/** The region's control-plane log key and the log group the cluster must wait for. */
export function createControlPlaneLogs(
  name: string,
  args: ControlPlaneLogsArgs,
  opts: { parent: pulumi.Resource; provider: aws.Provider },
): ControlPlaneLogs {
  const logGroupName = controlPlaneLogGroupName(args.clusterName);
  const identity = aws.getCallerIdentityOutput({}, opts);
  const partition = aws.getPartitionOutput({}, opts);
  const keyName = physicalName([args.clusterName, "logs"]);
  const key = new aws.kms.Key(
    `${name}-logs-key`,
    {
      description: `Encrypts the control-plane logs of ${args.clusterName} (${logGroupName})`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: pulumi
        .all([partition.partition, identity.accountId])
        .apply(([p, accountId]) =>
          JSON.stringify(logsKeyPolicy({ partition: p, accountId, region: args.region, logGroupName })),
        ),
      tags: nameTags(keyName),
    },
    { ...opts, protect: args.protect },
  );
  new aws.kms.Alias(`${name}-logs-key-alias`, { name: `alias/${keyName}`, targetKeyId: key.keyId }, opts);
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-control-plane-logs`,
    {
      name: logGroupName,
      retentionInDays: args.retentionDays,
      kmsKeyId: key.arn,
      tags: nameTags(logGroupName),
    },
    opts,
  );
  return { key, logGroup };
}
