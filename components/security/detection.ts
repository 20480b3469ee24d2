import * as aws from "@pulumi/aws";
import { serviceTrustPolicy } from "../iam-trust";
import * as pulumi from "@pulumi/pulumi";
import { denyInsecureTransport, type PolicyDocument } from "../edge/bucket-policies";
import { logBucket } from "../edge/log-bucket";
import { physicalName } from "../naming";
import type { SecurityPlan } from "../config/sections/security";
import { GUARDDUTY_HIGH_FINDINGS, routeFindings, SECURITYHUB_HIGH_FINDINGS } from "./findings";

/**
 * GuardDuty features for EKS (GuardDuty API DetectorFeature names, read 2026-12-02):
 * EKS_AUDIT_LOGS reads the control plane's audit log, RUNTIME_MONITORING watches nodes and pods
 * through the GuardDuty agent, which EKS_ADDON_MANAGEMENT lets GuardDuty install as an add-on.
 */
export const GUARDDUTY_FEATURES = [
  { name: "EKS_AUDIT_LOGS", additionalConfigurations: [] },
  { name: "RUNTIME_MONITORING", additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }] },
] as const;

/** AWS Config's delivery bucket policy (AWS Config developer guide, "Permissions for the Amazon S3 bucket"). */
export function configBucketPolicy(bucketArn: string, accountId: string): PolicyDocument {
  const source = { StringEquals: { "AWS:SourceAccount": accountId } };
  const principal = { Service: "config.amazonaws.com" };
  return {
    Version: "2012-10-17",
    Statement: [
      denyInsecureTransport(bucketArn),
      {
        Sid: "ConfigAclCheck",
        Effect: "Allow",
        Principal: principal,
        Action: "s3:GetBucketAcl",
        Resource: bucketArn,
        Condition: source,
      },
      {
        Sid: "ConfigListBucket",
        Effect: "Allow",
        Principal: principal,
        Action: "s3:ListBucket",
        Resource: bucketArn,
        Condition: source,
      },
      {
        Sid: "ConfigDelivery",
        Effect: "Allow",
        Principal: principal,
        Action: "s3:PutObject",
        Resource: `${bucketArn}/AWSLogs/${accountId}/Config/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "AWS:SourceAccount": accountId } },
      },
    ],
  };
}

/**
 * What the recorder's role needs on a delivery bucket in the same account, where Config writes with
 * the role rather than its service principal (AWS Config developer guide, "Permissions for the IAM
 * role assigned to AWS Config", IAM role policy for the S3 bucket; AWS_ConfigRole grants no S3 access).
 */
export function configRolePolicy(bucketArn: string, accountId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ConfigDelivery",
        Effect: "Allow",
        Action: "s3:PutObject",
        Resource: `${bucketArn}/AWSLogs/${accountId}/Config/*`,
        Condition: { StringLike: { "s3:x-amz-acl": "bucket-owner-full-control" } },
      },
      { Sid: "ConfigAclCheck", Effect: "Allow", Action: "s3:GetBucketAcl", Resource: bucketArn },
    ],
  };
}

export interface DetectionArgs {
  plan: SecurityPlan;
  /** Platform physical name prefix (e.g. platform-prod). */
  prefix: string;
  /**
   * Regions with their providers and alarm topics (high and critical findings publish there); the
   * first is the primary (Config records global IAM there only).
   */
  regions: readonly { name: string; provider: aws.Provider; alarmTopicArn?: pulumi.Input<string> }[];
}

/**
 * Detection and response in every platform region: a GuardDuty detector with EKS audit-log and
 * runtime monitoring, Security Hub, and an AWS Config recorder delivering to one bucket in the
 * primary region. Out of scope: an organization-wide CloudTrail and cross-account aggregation
 * (the organization's security account owns those).
 */
export class Detection extends pulumi.ComponentResource {
  constructor(name: string, args: DetectionArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:security:Detection", name, {}, opts);
    const { plan, regions, prefix } = args;
    const primary = regions[0];
    const primaryOpts = { parent: this, provider: primary.provider };
    const accountId = aws.getCallerIdentityOutput({}, primaryOpts).accountId;

    let config: { bucket: pulumi.Output<string>; ready: pulumi.Resource[]; roleArn: pulumi.Output<string> } | undefined;
    if (plan.awsConfig) {
      const logs = logBucket(
        `${name}-config-bucket`,
        {
          bucketName: accountId.apply((a) => physicalName([prefix, "config", a], 63)),
          expirationDays: plan.configRetentionDays,
          policy: (arn) => pulumi.all([arn, accountId]).apply(([b, a]) => configBucketPolicy(b, a)),
        },
        primaryOpts,
      );
      const role = new aws.iam.Role(
        `${name}-config-role`,
        {
          description: "AWS Config recorder",
          assumeRolePolicy: accountId.apply((a) => serviceTrustPolicy("config.amazonaws.com", a)),
        },
        primaryOpts,
      );
      const attach = new aws.iam.RolePolicyAttachment(
        `${name}-config-managed`,
        { role: role.name, policyArn: "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole" },
        primaryOpts,
      );
      const delivery = new aws.iam.RolePolicy(
        `${name}-config-delivery`,
        {
          role: role.id,
          policy: pulumi
            .all([logs.bucket.arn, accountId])
            .apply(([arn, a]) => JSON.stringify(configRolePolicy(arn, a))),
        },
        primaryOpts,
      );
      config = { bucket: logs.bucket.bucket, ready: [...logs.ready, attach, delivery], roleArn: role.arn };
    }

    for (const r of regions) {
      const child = { parent: this, provider: r.provider };
      if (plan.guardDuty) {
        const detector = new aws.guardduty.Detector(
          `${name}-${r.name}-guardduty`,
          { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES" },
          child,
        );
        if (r.alarmTopicArn)
          routeFindings(
            `${name}-${r.name}-guardduty-findings`,
            {
              ruleName: `${prefix}-guardduty-high`,
              description: "GuardDuty findings of severity 7 or more: to the region's alarm topic",
              pattern: GUARDDUTY_HIGH_FINDINGS,
              topicArn: r.alarmTopicArn,
            },
            child,
          );
        for (const f of GUARDDUTY_FEATURES)
          new aws.guardduty.DetectorFeature(
            `${name}-${r.name}-guardduty-${f.name.toLowerCase().replace(/_/g, "-")}`,
            {
              detectorId: detector.id,
              name: f.name,
              status: "ENABLED",
              additionalConfigurations: f.additionalConfigurations.map((c) => ({ ...c })),
            },
            child,
          );
      }
      if (plan.securityHub) {
        const hub = new aws.securityhub.Account(`${name}-${r.name}-securityhub`, {}, child);
        if (r.alarmTopicArn)
          routeFindings(
            `${name}-${r.name}-securityhub-findings`,
            {
              ruleName: `${prefix}-securityhub-high`,
              description: "New, active Security Hub findings labelled CRITICAL or HIGH: to the region's alarm topic",
              pattern: SECURITYHUB_HIGH_FINDINGS,
              topicArn: r.alarmTopicArn,
            },
            { ...child, dependsOn: [hub] },
          );
      }
      if (config) {
        const recorder = new aws.cfg.Recorder(
          `${name}-${r.name}-config-recorder`,
          {
            name: "default",
            roleArn: config.roleArn,
            // Global resources (IAM) are recorded once, in the primary region.
            recordingGroup: { allSupported: true, includeGlobalResourceTypes: r.name === primary.name },
          },
          child,
        );
        const channel = new aws.cfg.DeliveryChannel(
          `${name}-${r.name}-config-channel`,
          { name: "default", s3BucketName: config.bucket },
          { ...child, dependsOn: [recorder, ...config.ready] },
        );
        new aws.cfg.RecorderStatus(
          `${name}-${r.name}-config-status`,
          { name: recorder.name, isEnabled: true },
          { ...child, dependsOn: [channel] },
        );
      }
    }
    this.registerOutputs({});
  }
}
