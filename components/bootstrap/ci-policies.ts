/**
 * The policy documents of the CI roles (ci-roles.ts plans which role gets which): what a preview
 * may read, what it may never read, and the boundary that caps a deploy.
 */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: Record<string, string>;
  Action?: string | string[];
  NotAction?: string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/**
 * What `pulumi preview` reads: describe/list/get-configuration on the services the program uses
 * (the AWS modules in plan.json; test/ci/ci-roles.spec.ts keeps the two in step). No `Get*` on
 * services whose Get reads data (s3, secretsmanager, ssm, kms): their configuration reads are named.
 * CloudFront, ELB and WAF reads are named too: a distribution's config and listing carry the origin
 * custom headers (the origin-verify secret), ELB DescribeRules returns the listener rule matching
 * that header, and WAF GetSampledRequests returns real requests' headers and cookies.
 */
export const PREVIEW_READ_ACTIONS: readonly string[] = [
  "acm:Describe*",
  "acm:List*",
  "application-autoscaling:Describe*",
  "aps:Describe*",
  "aps:List*",
  "cloudfront:GetCachePolicy",
  "cloudfront:GetCachePolicyConfig",
  "cloudfront:GetResponseHeadersPolicy",
  "cloudfront:GetResponseHeadersPolicyConfig",
  "cloudfront:ListCachePolicies",
  "cloudfront:ListResponseHeadersPolicies",
  "cloudfront:ListTagsForResource",
  "cloudwatch:Describe*",
  "cloudwatch:List*",
  "codebuild:BatchGet*",
  "codebuild:List*",
  "codeconnections:Get*",
  "codeconnections:List*",
  "config:Describe*",
  "dynamodb:DescribeContinuousBackups",
  "dynamodb:DescribeTable",
  "dynamodb:DescribeTimeToLive",
  "dynamodb:ListTables",
  "dynamodb:ListTagsOfResource",
  "ec2:Describe*",
  "ec2:Get*",
  // aws.ecr.getImage / getRepository: each pinned prod image's tag and digest, and that its repository
  // keeps tags immutable (components/security/image-digests.ts).
  "ecr:DescribeImages",
  "ecr:DescribeRepositories",
  "eks:Describe*",
  "eks:List*",
  "elasticache:Describe*",
  "elasticfilesystem:Describe*",
  "elasticache:List*",
  "elasticloadbalancing:DescribeListenerAttributes",
  "elasticloadbalancing:DescribeListenerCertificates",
  "elasticloadbalancing:DescribeListeners",
  "elasticloadbalancing:DescribeLoadBalancerAttributes",
  "elasticloadbalancing:DescribeLoadBalancers",
  "elasticloadbalancing:DescribeSSLPolicies",
  "elasticloadbalancing:DescribeTags",
  "elasticloadbalancing:DescribeTargetGroupAttributes",
  "elasticloadbalancing:DescribeTargetGroups",
  "guardduty:Get*",
  "guardduty:List*",
  "iam:Get*",
  "iam:List*",
  // MSK clusters and configurations (aws.msk.*); GetBootstrapBrokers returns endpoints, no credentials.
  "kafka:DescribeCluster",
  "kafka:DescribeClusterV2",
  "kafka:DescribeConfiguration",
  "kafka:DescribeConfigurationRevision",
  "kafka:GetBootstrapBrokers",
  "kafka:ListClusters",
  "kafka:ListConfigurations",
  "kafka:ListTagsForResource",
  "kms:Describe*",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:List*",
  // Not GetFunction/GetFunctionConfiguration/ListFunctions: they return environment variables.
  "lambda:GetEventSourceMapping",
  "lambda:GetFunctionConcurrency",
  "lambda:GetPolicy",
  "lambda:ListEventSourceMappings",
  "lambda:ListTags",
  "logs:Describe*",
  "logs:ListTagsForResource",
  "rds:Describe*",
  "rds:List*",
  "route53:Get*",
  "route53:List*",
  "s3:GetBucket*",
  "s3:GetEncryptionConfiguration",
  "s3:GetLifecycleConfiguration",
  "s3:GetReplicationConfiguration",
  "s3:ListAllMyBuckets",
  "secretsmanager:DescribeSecret",
  "secretsmanager:GetResourcePolicy",
  "secretsmanager:ListSecrets",
  "securityhub:Describe*",
  "securityhub:Get*",
  "securityhub:List*",
  "sns:GetSubscriptionAttributes",
  "sns:GetTopicAttributes",
  "sns:List*",
  // Parameter metadata only: values (GetParameter*) are denied below.
  "ssm:DescribeDocument",
  "ssm:DescribeParameters",
  "ssm:GetDocument",
  "ssm:ListTagsForResource",
  "sqs:GetQueueAttributes",
  "sqs:GetQueueUrl",
  "sqs:List*",
  "sts:GetCallerIdentity",
  "wafv2:GetLoggingConfiguration",
  "wafv2:GetWebACL",
  "wafv2:GetWebACLForResource",
  "wafv2:ListTagsForResource",
  "wafv2:ListWebACLs",
];

/** Data reads a preview never needs; denied outright so no later grant can add them. */
export const PREVIEW_DENIED_DATA_READS: readonly string[] = [
  "cloudfront:GetDistribution",
  "cloudfront:GetDistributionConfig",
  "cloudfront:ListDistributions*",
  "dynamodb:BatchGetItem",
  "dynamodb:GetItem",
  "dynamodb:GetRecords",
  "dynamodb:Query",
  "dynamodb:Scan",
  "ec2:GetConsoleOutput",
  "ec2:GetConsoleScreenshot",
  "ec2:GetPasswordData",
  "kms:Decrypt",
  "kms:GenerateDataKey*",
  "lambda:GetFunction",
  "lambda:GetFunctionConfiguration",
  "lambda:ListFunctions",
  "lambda:ListVersionsByFunction",
  "rds-db:connect",
  "s3:GetObject*",
  "secretsmanager:GetSecretValue",
  "sqs:ReceiveMessage",
  "ssm:GetParameter*",
  "elasticloadbalancing:DescribeRules",
  "wafv2:GetSampledRequests",
];

/**
 * Services that are global or answer only in us-east-1, exempt from the deploy boundary's region
 * deny (pattern of https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_
 * aws_deny-requested-region.html, checked 2026-12-02), limited to what this program calls.
 */
export const GLOBAL_SERVICE_ACTIONS: readonly string[] = [
  "cloudfront:*",
  "iam:*",
  "route53:*",
  "sts:*",
  "support:*",
  "budgets:*",
  "ce:*",
];

/**
 * The boundary every role a deploy creates must carry: a workload may not create or widen IAM
 * principals, mint long-lived credentials, or lift its own boundary.
 */
export function workloadBoundary(): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "Ceiling", Effect: "Allow", Action: "*", Resource: "*" },
      {
        Sid: "NoIamEscalation",
        Effect: "Deny",
        Action: [
          "iam:AttachRolePolicy",
          "iam:CreateAccessKey",
          "iam:CreatePolicy",
          "iam:CreatePolicyVersion",
          "iam:CreateRole",
          "iam:CreateUser",
          "iam:DeleteRolePermissionsBoundary",
          "iam:PutRolePermissionsBoundary",
          "iam:PutRolePolicy",
          "iam:UpdateAssumeRolePolicy",
        ],
        Resource: "*",
      },
    ],
  };
}

/**
 * A deploy: admin below this boundary. Roles it creates must carry the stack's workload boundary
 * (`iam:PermissionsBoundary`, https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_
 * boundaries.html#access_policies_boundaries-delegate, read 2026-12-07), and no boundary can be removed.
 */
export function deployBoundary(
  allowedRegions: readonly string[],
  names: { roles: string[]; boundaries: string[]; workloadBoundary: string; requireWorkloadBoundary?: boolean },
): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "Ceiling", Effect: "Allow", Action: "*", Resource: "*" },
      {
        Sid: "OnlyAllowedRegions",
        Effect: "Deny",
        NotAction: [...GLOBAL_SERVICE_ACTIONS],
        Resource: "*",
        Condition: { StringNotEquals: { "aws:RequestedRegion": [...allowedRegions] } },
      },
      {
        // A deploy must not widen its own (or the preview roles') trust or lift a boundary.
        Sid: "ProtectCiTrust",
        Effect: "Deny",
        Action: ["iam:*"],
        Resource: [
          ...names.roles.map((r) => `arn:aws:iam::*:role/${r}`),
          ...names.boundaries.map((b) => `arn:aws:iam::*:policy/${b}`),
          `arn:aws:iam::*:oidc-provider/${GITHUB_OIDC_HOST}`,
        ],
      },
      {
        // Re-bounding a role to anything but the workload boundary would widen what it may do.
        Sid: "BoundaryIsTheWorkloadOne",
        Effect: "Deny",
        Action: ["iam:PutRolePermissionsBoundary"],
        Resource: "*",
        Condition: { ArnNotLike: { "iam:PermissionsBoundary": `arn:aws:iam::*:policy/${names.workloadBoundary}` } },
      },
      ...(names.requireWorkloadBoundary
        ? [
            {
              Sid: "CreatedRolesCarryTheWorkloadBoundary",
              Effect: "Deny" as const,
              Action: ["iam:CreateRole"],
              Resource: "*",
              Condition: {
                ArnNotLike: { "iam:PermissionsBoundary": `arn:aws:iam::*:policy/${names.workloadBoundary}` },
              },
            },
          ]
        : []),
      { Sid: "BoundariesStay", Effect: "Deny", Action: ["iam:DeleteRolePermissionsBoundary"], Resource: "*" },
      {
        Sid: "NoLongLivedCredentials",
        Effect: "Deny",
        Action: ["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"],
        Resource: "*",
      },
    ],
  };
}

export function previewPolicy(sid: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: sid, Effect: "Allow", Action: [...PREVIEW_READ_ACTIONS], Resource: "*" },
      { Sid: "NoDataReads", Effect: "Deny", Action: [...PREVIEW_DENIED_DATA_READS], Resource: "*" },
    ],
  };
}
