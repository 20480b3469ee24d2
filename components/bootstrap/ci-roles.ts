/**
 * The IAM roles GitHub Actions assumes for this repository (issue 19, CI trust). Pure: input in,
 * role plans (trust policy, permissions, permissions boundary) out; ci-roles-component.ts creates
 * them, bootstrap/index.ts is the tiny Pulumi program that runs it once per AWS account.
 *
 * Trust, as GitHub documents the OIDC `sub` claim (https://docs.github.com/en/actions/reference/
 * security/oidc, "Example subject claims", checked 2026-12-02):
 * - a job that references an environment gets `repo:<owner>/<repo>:environment:<name>`, whatever
 *   the event (the environment takes precedence);
 * - a `pull_request` job without an environment gets `repo:<owner>/<repo>:pull_request`.
 * So each deploy role trusts exactly `environment:<stack>` (deploy.yml's jobs declare `environment:
 * dev` / `prod`, whose deployment-branch rule admits only main and whose secrets hold the deploy
 * token), and each preview role trusts exactly `pull_request` (pull-request.yml's preview job declares
 * no environment: declaring one would change its subject). Audience `sts.amazonaws.com` is what
 * aws-actions/configure-aws-credentials requests. Conditions use StringEquals: a `*` or `?` in a
 * subject would turn it into a pattern (StringLike), so the planner refuses them.
 */
import { z } from "zod";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_URL = `https://${GITHUB_OIDC_HOST}`;
export const STS_AUDIENCE = "sts.amazonaws.com";

export type CiRoleKind = "preview" | "deploy";

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

export interface CiRolePlan {
  /** Pulumi resource name suffix and stable key, e.g. `prod-deploy`. */
  key: string;
  /** IAM role name (no path: EKS access entries name the role ARN as is). */
  roleName: string;
  kind: CiRoleKind;
  stack: string;
  /** The exact `sub` this role trusts. */
  subject: string;
  /** GitHub environment a job must declare to get `subject`; undefined for preview (no environment). */
  environment?: string;
  /** Repository variable the workflows read the role ARN from. */
  variable: string;
  /** Seconds; deploy jobs run up to 120 min (deploy.yml timeout-minutes) and ask for that long. */
  maxSessionDuration: number;
  managedPolicyArns: string[];
  inlinePolicy?: PolicyDocument;
  boundaryName: string;
  boundary: PolicyDocument;
}

const name = z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: "letters, digits, '.', '_' or '-' (no wildcards)" });
export const ciRolesInputSchema = z.strictObject({
  /** "owner/name" exactly as GitHub spells it. */
  repository: z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9_.-]+$/, {
    error: 'a GitHub repository as "owner/name" (no wildcards)',
  }),
  /** Stacks whose roles live in this account (run once per account: dev and prod may be apart). */
  stacks: z.array(name).min(1, { error: "at least one stack" }).default(["dev", "prod"]),
  /** Regions deploys may touch (the boundary denies others); keep equal to the stacks' platform:allowedRegions. */
  allowedRegions: z
    .array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: "an AWS region like us-east-1" }))
    .min(1)
    .default(["us-east-1", "us-west-2", "eu-west-1"]),
  /** Role and policy name prefix; matches the placeholders in Pulumi.prod.yaml (platform-prod-deploy). */
  namePrefix: name.default("platform"),
});
export type CiRolesInput = z.output<typeof ciRolesInputSchema>;

export type GithubContext = { environment: string } | "pull_request";

/** The `sub` GitHub issues for a job of this repository in this context (refuses wildcards). */
export function githubSubject(repository: string, context: GithubContext): string {
  const subject =
    context === "pull_request"
      ? `repo:${repository}:pull_request`
      : `repo:${repository}:environment:${context.environment}`;
  if (/[*?]/.test(subject)) throw new Error(`OIDC subject "${subject}": wildcards are refused (exact subjects only)`);
  return subject;
}

/** Trust policy: GitHub's OIDC provider, audience sts.amazonaws.com, exactly one subject. */
export function trustPolicy(providerArn: string, subject: string): PolicyDocument {
  if (/[*?]/.test(subject)) throw new Error(`OIDC subject "${subject}": wildcards are refused (exact subjects only)`);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE, [`${GITHUB_OIDC_HOST}:sub`]: subject },
        },
      },
    ],
  };
}

/**
 * What `pulumi preview` reads: describe/list/get-configuration on the services the program uses
 * (the AWS modules in plan.json; test/ci/ci-roles.spec.ts keeps the two in step). No `Get*` on
 * services whose Get reads data (s3, secretsmanager, ssm, kms): their configuration reads are named.
 */
export const PREVIEW_READ_ACTIONS: readonly string[] = [
  "acm:Describe*",
  "acm:List*",
  "application-autoscaling:Describe*",
  "aps:Describe*",
  "aps:List*",
  "cloudfront:Get*",
  "cloudfront:List*",
  "cloudwatch:Describe*",
  "cloudwatch:List*",
  "codebuild:BatchGet*",
  "codebuild:List*",
  "codeconnections:Get*",
  "codeconnections:List*",
  "ec2:Describe*",
  "ec2:Get*",
  "eks:Describe*",
  "eks:List*",
  "elasticache:Describe*",
  "elasticache:List*",
  "elasticloadbalancing:Describe*",
  "iam:Get*",
  "iam:List*",
  "kms:Describe*",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:List*",
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
  "sns:GetTopicAttributes",
  "sns:GetSubscriptionAttributes",
  "sns:List*",
  "sqs:GetQueueAttributes",
  "sqs:GetQueueUrl",
  "sqs:List*",
  "sts:GetCallerIdentity",
  "wafv2:Get*",
  "wafv2:List*",
];

/** Data reads a preview never needs; denied outright so no later grant can add them. */
export const PREVIEW_DENIED_DATA_READS: readonly string[] = [
  "kms:Decrypt",
  "kms:GenerateDataKey*",
  "rds-db:connect",
  "s3:GetObject*",
  "secretsmanager:GetSecretValue",
  "sqs:ReceiveMessage",
  "ssm:GetParameter*",
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

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

function ciRoleNames(input: CiRolesInput): { roles: string[]; boundaries: string[] } {
  const roles = input.stacks.flatMap((s) => [`${input.namePrefix}-${s}-preview`, `${input.namePrefix}-${s}-deploy`]);
  return { roles, boundaries: roles.map((r) => `${r}-boundary`) };
}

function deployBoundary(input: CiRolesInput): PolicyDocument {
  const names = ciRoleNames(input);
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "Ceiling", Effect: "Allow", Action: "*", Resource: "*" },
      {
        Sid: "OnlyAllowedRegions",
        Effect: "Deny",
        NotAction: [...GLOBAL_SERVICE_ACTIONS],
        Resource: "*",
        Condition: { StringNotEquals: { "aws:RequestedRegion": [...input.allowedRegions] } },
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
        Sid: "NoLongLivedCredentials",
        Effect: "Deny",
        Action: ["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"],
        Resource: "*",
      },
    ],
  };
}

function previewPolicy(sid: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: sid, Effect: "Allow", Action: [...PREVIEW_READ_ACTIONS], Resource: "*" },
      { Sid: "NoDataReads", Effect: "Deny", Action: [...PREVIEW_DENIED_DATA_READS], Resource: "*" },
    ],
  };
}

/** IAM name limits (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html, checked 2026-12-02). */
export const IAM_ROLE_NAME_MAX = 64;
export const IAM_POLICY_NAME_MAX = 128;

/** Plans one preview and one deploy role per stack. */
export function planCiRoles(input: CiRolesInput): CiRolePlan[] {
  const { roles, boundaries } = ciRoleNames(input);
  for (const [names, max, what] of [
    [roles, IAM_ROLE_NAME_MAX, "role"],
    [boundaries, IAM_POLICY_NAME_MAX, "policy"],
  ] as const)
    for (const n of names)
      if (n.length > max)
        throw new Error(
          `IAM ${what} name "${n}" is ${n.length} characters; IAM allows ${max} (shorten namePrefix or the stack name)`,
        );
  return input.stacks.flatMap((stack): CiRolePlan[] => {
    const upper = stack.toUpperCase().replace(/[^A-Z0-9]/g, "_");
    const preview = `${input.namePrefix}-${stack}-preview`;
    const deploy = `${input.namePrefix}-${stack}-deploy`;
    const previewSubject = githubSubject(input.repository, "pull_request");
    const deploySubject = githubSubject(input.repository, { environment: stack });
    return [
      {
        key: `${stack}-preview`,
        roleName: preview,
        kind: "preview",
        stack,
        subject: previewSubject,
        variable: `AWS_${upper}_PREVIEW_ROLE_ARN`,
        maxSessionDuration: 3600,
        managedPolicyArns: [],
        inlinePolicy: previewPolicy("PreviewReads"),
        boundaryName: `${preview}-boundary`,
        boundary: previewPolicy("Ceiling"),
      },
      {
        key: `${stack}-deploy`,
        roleName: deploy,
        kind: "deploy",
        stack,
        subject: deploySubject,
        environment: stack,
        variable: `AWS_${upper}_DEPLOY_ROLE_ARN`,
        maxSessionDuration: 7200,
        managedPolicyArns: [ADMIN],
        boundaryName: `${deploy}-boundary`,
        boundary: deployBoundary(input),
      },
    ];
  });
}

/** Parses the bootstrap program's config; errors name the key, the value and what was expected. */
export function parseCiRolesInput(raw: unknown, namespace = "ci-bootstrap"): CiRolesInput {
  const result = ciRolesInputSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => {
    const key = [namespace, ...i.path.map(String)].join(":").replace(/:(\d+)/g, "[$1]");
    const value = i.path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k as string], raw);
    return `  ${key} = ${JSON.stringify(value)}: expected ${i.message}`;
  });
  throw new Error(`Invalid bootstrap config:\n${lines.join("\n")}`);
}
