import { readFileSync } from "fs";
import { join } from "path";

// The calls each requirement of the access model asks for, per need source, on prod (three regions,
// every feature on): those the page each requirement cites lists (tools/access/requirements.ts:
// AWS Config's iamrole-permissions page, the flow logs role page, the ELB access-log page, the
// KMS/SNS/EventBridge pages, MSK's kafka-actions page, ...). The controllers' calls are their
// maintainers' published policies (tools/access/upstream/*.json), read here straight from the JSON.
const upstreamActions = (file: string, skip: string[] = []): string[] => {
  const doc = JSON.parse(readFileSync(join(__dirname, "..", "..", "tools", "access", "upstream", file), "utf8")) as {
    policies: Record<string, { Statement: { Effect: string; Action: string | string[] }[] }>;
  };
  const acts = Object.entries(doc.policies)
    .filter(([name]) => !skip.includes(name))
    .flatMap(([, p]) => p.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => [s.Action].flat()));
  return [...new Set(acts)].sort();
};
// Karpenter: every statement but zonal shift, which the platform leaves off (enableZonalShift false).
const KARPENTER = upstreamActions("karpenter-controller-policy.json", ["KarpenterControllerZonalShiftPolicy"]);
const LB = upstreamActions("lb-controller-iam-policy.json");

export const EXPECTED: Record<string, Record<string, string[]>> = {
  serviceNeeds: {
    "codebuild-runner required": [
      "codeconnections:GetConnection",
      "codeconnections:GetConnectionToken",
      "codeconnections:UseConnection",
      "ec2:CreateNetworkInterface",
      "ec2:CreateNetworkInterfacePermission",
      "ec2:DeleteNetworkInterface",
      "ec2:DescribeDhcpOptions",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeSubnets",
      "ec2:DescribeVpcs",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "sts:AssumeRole",
    ],
    "lambda-sqs-source required": ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
    "lambda-logs required": ["logs:CreateLogStream", "logs:PutLogEvents"],
    "config-delivery required": ["s3:GetBucketAcl", "s3:PutObject"],
    "config-assume-role required": ["sts:AssumeRole"],
    "elb-access-logs required": ["s3:PutObject"],
    "flow-logs-delivery required": [
      "logs:CreateLogStream",
      "logs:DescribeLogGroups",
      "logs:DescribeLogStreams",
      "logs:PutLogEvents",
    ],
    "flow-logs-assume-role required": ["sts:AssumeRole"],
    "alarm-publish required": ["sns:Publish"],
    "alarm-topic-key required": ["kms:Decrypt", "kms:GenerateDataKey"],
    "eventbridge-to-sqs required": ["sqs:SendMessage"],
    "eventbridge-to-sns required": ["kms:Decrypt", "kms:GenerateDataKey", "sns:Publish"],
    "rds-enhanced-monitoring required": ["logs:CreateLogStream", "logs:PutLogEvents"],
    "rds-monitoring-assume-role required": ["sts:AssumeRole"],
    "log-group-key required": ["kms:Decrypt", "kms:GenerateDataKey"],
  },
  controllerNeeds: {
    "lb-controller required": LB,
    "karpenter required": KARPENTER,
    "amp-remote-write required": ["aps:RemoteWrite"],
    "keda-sqs required": ["sqs:GetQueueAttributes"],
    "alertmanager-publish required": ["kms:Decrypt", "kms:GenerateDataKey", "sns:Publish"],
    "vpc-cni required": ["ec2:AssignPrivateIpAddresses", "ec2:CreateNetworkInterface", "ec2:DescribeInstances"],
    "ebs-csi required": ["ec2:AttachVolume", "ec2:CreateVolume"],
    "node-role required": [
      "ecr:BatchGetImage",
      "ecr:GetAuthorizationToken",
      "eks-auth:AssumeRoleForPodIdentity",
      "sts:AssumeRole",
    ],
    "fargate-pod-execution required": ["ecr:BatchGetImage", "ecr:GetAuthorizationToken", "sts:AssumeRole"],
    "fargate-log-router required": ["logs:CreateLogStream", "logs:PutLogEvents"],
  },
  podNeeds: {
    "pod-identity-assume-role required": ["sts:AssumeRole", "sts:TagSession"],
    "service-own-database-user required": ["rds-db:connect"],
    "service-other-database-user forbidden": ["rds-db:connect"],
    "service-other-queue forbidden": [
      "sqs:ChangeMessageVisibility",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
      "sqs:ReceiveMessage",
      "sqs:SendMessage",
    ],
    "service-other-secret forbidden": ["secretsmanager:GetSecretValue"],
    "service-own-queue required": [
      "sqs:ChangeMessageVisibility",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
      "sqs:ReceiveMessage",
      "sqs:SendMessage",
    ],
    "service-no-table forbidden": [
      "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:ConditionCheckItem",
      "dynamodb:DeleteItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
    ],
    "service-own-table required": [
      "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:ConditionCheckItem",
      "dynamodb:DeleteItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
      "kms:Decrypt",
      "kms:DescribeKey",
    ],
    "service-own-kafka-topics required": [
      "kafka-cluster:AlterGroup",
      "kafka-cluster:Connect",
      "kafka-cluster:CreateTopic",
      "kafka-cluster:DescribeCluster",
      "kafka-cluster:DescribeGroup",
      "kafka-cluster:DescribeTopic",
      "kafka-cluster:ReadData",
      "kafka-cluster:WriteData",
      "kafka-cluster:WriteDataIdempotently",
    ],
    "service-no-kafka forbidden": [
      "kafka-cluster:Connect",
      "kafka-cluster:DescribeCluster",
      "kafka-cluster:ReadData",
      "kafka-cluster:WriteData",
    ],
    "service-kafka-overreach forbidden": [
      "kafka-cluster:AlterTopic",
      "kafka-cluster:DeleteTopic",
      "kafka-cluster:ReadData",
      "kafka-cluster:WriteData",
    ],
    "keda-kafka-lag required": ["kafka-cluster:Connect", "kafka-cluster:DescribeGroup", "kafka-cluster:DescribeTopic"],
    "service-own-cache-user required": ["elasticache:Connect"],
    "cache-user-scoped required": ["elasticache:Connect"],
    "service-other-cache-user forbidden": ["elasticache:Connect"],
    "service-no-cache forbidden": ["elasticache:Connect"],
    "no-pass-role forbidden": ["iam:PassRole"],
  },
  ciNeeds: {
    "preview-reads-aws required": [
      "ec2:DescribeManagedPrefixLists",
      "eks:DescribeAddonVersions",
      "route53:GetHostedZone",
      "route53:ListHostedZones",
      "s3:ListAllMyBuckets",
      "sts:GetCallerIdentity",
    ],
    "preview-no-secret-values forbidden": [
      "cloudfront:GetDistribution",
      "cloudfront:GetDistributionConfig",
      "cloudfront:ListDistributions",
      "dynamodb:Scan",
      "elasticloadbalancing:DescribeRules",
      "lambda:GetFunctionConfiguration",
      "secretsmanager:GetSecretValue",
      "ssm:GetParameter",
      "wafv2:GetSampledRequests",
    ],
    "waf-logging-setup required": ["logs:PutResourcePolicy"],
    "deploy-role-boundary required": ["iam:CreateRole"],
    "deploy-role-boundary forbidden": ["iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary"],
    "deploy-creates-planned-role required": ["iam:CreateRole"],
    "preview-reads-cluster required": ["kubernetes:get apps/deployments", "kubernetes:list core/configmaps"],
    "preview-no-cluster-writes-or-secrets forbidden": [
      "kubernetes:create core/pods",
      "kubernetes:create core/pods/exec",
      "kubernetes:get core/secrets",
      "kubernetes:list core/secrets",
      "kubernetes:patch apps/deployments",
    ],
    "cloudfront-standard-logs required": ["s3:PutObject"],
    "other-account-no-access forbidden": [
      "cloudfront:GetDistributionConfig",
      "dynamodb:GetItem",
      "kms:Decrypt",
      "s3:GetObject",
      "secretsmanager:GetSecretValue",
      "sns:Publish",
      "sqs:ReceiveMessage",
      "sqs:SendMessage",
      "wafv2:GetSampledRequests",
    ],
  },
  jenkinsNeeds: {
    "jenkins-codebuild required": [
      "codebuild:BatchGetBuilds",
      "codebuild:StartBuild",
      "codebuild:StopBuild",
      "logs:CreateLogStream",
      "logs:FilterLogEvents",
      "logs:GetLogEvents",
    ],
    "jenkins-codebuild-only forbidden": ["codebuild:StartBuild", "iam:PassRole"],
    "jenkins-no-deploy forbidden": ["sts:AssumeRole"],
    "jenkins-no-data forbidden": [
      "dynamodb:GetItem",
      "rds-db:connect",
      "secretsmanager:GetSecretValue",
      "sqs:ReceiveMessage",
    ],
    "efs-csi required": [
      "ec2:DescribeAvailabilityZones",
      "elasticfilesystem:DescribeAccessPoints",
      "elasticfilesystem:DescribeFileSystems",
      "elasticfilesystem:DescribeMountTargets",
    ],
    "efs-csi forbidden": ["elasticfilesystem:CreateAccessPoint", "elasticfilesystem:DeleteAccessPoint"],
  },
  failoverNeeds: {
    "writer-promotion-assume-role required": ["sts:AssumeRole"],
    "writer-promotion required": [
      "elasticache:DescribeReplicationGroups",
      "elasticache:FailoverGlobalReplicationGroup",
      "rds:DescribeGlobalClusters",
      "rds:FailoverGlobalCluster",
      "rds:SwitchoverGlobalCluster",
    ],
    "writer-promotion-no-harm forbidden": [
      "elasticache:DeleteGlobalReplicationGroup",
      "elasticache:DeleteReplicationGroup",
      "elasticache:DisassociateGlobalReplicationGroup",
      "iam:PassRole",
      "rds:DeleteDBCluster",
      "rds:DeleteGlobalCluster",
      "rds:FailoverGlobalCluster",
      "rds:RemoveFromGlobalCluster",
      "route53:ChangeResourceRecordSets",
    ],
    "writer-promotion-start required": ["iam:PassRole", "ssm:StartAutomationExecution"],
    "writer-promotion-start-only forbidden": ["iam:PassRole", "ssm:StartAutomationExecution"],
  },
};

/**
 * The condition keys each need's request carries (needs with none are left out): those the cited
 * pages say the service sends (aws:SourceArn/SourceAccount for service principals, Pod Identity's
 * session tags, CloudWatch Logs' encryption context, kms:ViaService, iam:PassedToService, ...).
 * Karpenter's and the LB controller's come from their upstream policies' conditions.
 */
export const CONTEXT_KEYS: Record<string, string[]> = {
  "alarm-publish": ["AWS:SourceOwner aws:SourceAccount aws:SourceArn"],
  "alarm-topic-key": ["AWS:SourceOwner aws:SourceAccount aws:SourceArn"],
  "alertmanager-publish": ["aws:RequestedRegion"],
  "amp-remote-write": ["aws:RequestedRegion"],
  "codebuild-runner": ["", "aws:SourceAccount", "ec2:AuthorizedService ec2:Subnet"],
  "config-assume-role": ["aws:SourceAccount"],
  "config-delivery": ["", "s3:x-amz-acl"],
  "deploy-creates-planned-role": ["aws:RequestedRegion"],
  "deploy-role-boundary": ["aws:RequestedRegion", "aws:RequestedRegion iam:PermissionsBoundary"],
  "ebs-csi": ["aws:RequestTag/ebs.csi.aws.com/cluster aws:RequestedRegion", "aws:RequestedRegion"],
  "elb-access-logs": ["aws:SourceAccount"],
  "eventbridge-to-sns": ["aws:SourceAccount aws:SourceArn"],
  "eventbridge-to-sqs": ["aws:SourceAccount aws:SourceArn"],
  "fargate-pod-execution": ["", "aws:SourceAccount aws:SourceArn"],
  "flow-logs-assume-role": ["aws:SourceAccount"],
  "keda-sqs": ["aws:RequestedRegion"],
  "log-group-key": ["aws:SourceAccount kms:EncryptionContext:aws:logs:arn"],
  "no-pass-role": ["iam:PassedToService"],
  "pod-identity-assume-role": [
    "aws:RequestTag/eks-cluster-arn aws:RequestTag/eks-cluster-name aws:RequestTag/kubernetes-namespace aws:RequestTag/kubernetes-service-account aws:SourceAccount aws:SourceArn",
  ],
  "preview-no-secret-values": ["aws:RequestedRegion"],
  "preview-reads-aws": ["aws:RequestedRegion"],
  "rds-monitoring-assume-role": ["aws:SourceAccount"],
  "service-own-table": ["", "kms:ViaService"],
  "vpc-cni": ["aws:RequestedRegion"],
  "waf-logging-setup": ["aws:RequestedRegion"],
  "writer-promotion-assume-role": ["aws:SourceAccount"],
  "writer-promotion-start": ["", "iam:PassedToService"],
  "writer-promotion-start-only": ["", "iam:PassedToService"],
};
