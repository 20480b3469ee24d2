/**
 * The in-network runners, planned (pure): which jobs each CodeBuild project takes, its webhook
 * filter groups and its service role's permissions. deployer.ts creates them.
 *
 * Two projects, each with its own role and security group, so a job that reaches one never holds
 * the other's network position or credentials:
 * - the deploy runner takes queued jobs of the `deploy` workflow (deploy.yml, push to main);
 * - the preview runner takes queued jobs of the `pull-request` workflow (the approved prod preview).
 *
 * CodeBuild filter types for WORKFLOW_JOB_QUEUED (WebhookFilter, CodeBuild API reference, read
 * 2026-12-07: https://docs.aws.amazon.com/codebuild/latest/APIReference/API_WebhookFilter.html):
 * EVENT, WORKFLOW_NAME ("works with WORKFLOW_JOB_QUEUED events only") and ACTOR_ACCOUNT_ID (the
 * webhook payload's `sender.id`, the GitHub account whose action queued the job). HEAD_REF is
 * documented for push and pull request events only and BASE_REF for pull requests only, so neither
 * applies to a queued job; REPOSITORY_NAME and ORGANIZATION_NAME apply to organization and global
 * webhooks, and these are repository webhooks. What keeps a branch's job off the deploy runner
 * besides these filters: the `prod` environment admits main only, and the deploy role trusts only
 * deploy.yml at refs/heads/main (components/bootstrap/ci-roles.ts).
 */
export const CODEBUILD_RUNNER_SOURCE =
  "https://docs.aws.amazon.com/codebuild/latest/userguide/action-runner.html" as const;
export const WEBHOOK_FILTER_SOURCE =
  "https://docs.aws.amazon.com/codebuild/latest/APIReference/API_WebhookFilter.html" as const;
/** AWS-managed CodeBuild image with Node.js 20 (CodeBuild "Docker images provided by CodeBuild"). */
export const RUNNER_IMAGE = "aws/codebuild/amazonlinux-x86_64-standard:5.0";

export type RunnerKind = "deploy" | "preview";

export interface RunnerSpec {
  /** The workflow (its `name:`) whose queued jobs this runner takes. */
  workflow: string;
  /** Suffix of the Pulumi names and the project name (`deployer` keeps the first runner's URNs). */
  suffix: string;
  description: string;
}

export const RUNNERS: Readonly<Record<RunnerKind, RunnerSpec>> = {
  deploy: {
    workflow: "deploy",
    suffix: "deployer",
    description: "Self-hosted GitHub Actions runner for pulumi up inside the network (deploy workflow only)",
  },
  preview: {
    workflow: "pull-request",
    suffix: "previewer",
    description: "Self-hosted GitHub Actions runner for the approved prod preview (pull-request workflow only)",
  },
};

/** Workflows that have a runner, for the specs that hold workflows and runners in step. */
export const RUNNER_WORKFLOWS = Object.values(RUNNERS).map((r) => r.workflow);

/** The `runs-on` label a workflow uses for a runner project. */
export function runnerLabel(projectName: string): string {
  return `codebuild-${projectName}-\${{ github.run_id }}-\${{ github.run_attempt }}`;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * One filter group: a queued job of exactly this runner's workflow, started by one of the
 * maintainers (numeric GitHub account ids; none given means any actor, which config refuses in prod).
 */
export function runnerWebhookFilterGroups(kind: RunnerKind, actorAccountIds: readonly string[]) {
  for (const id of actorAccountIds)
    if (!/^[1-9]\d*$/.test(id)) throw new Error(`runner actor account id "${id}": a numeric GitHub account id`);
  return [
    {
      filters: [
        { type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" },
        { type: "WORKFLOW_NAME", pattern: `^${escape(RUNNERS[kind].workflow)}$` },
        ...(actorAccountIds.length ? [{ type: "ACTOR_ACCOUNT_ID", pattern: `^(${actorAccountIds.join("|")})$` }] : []),
      ],
    },
  ];
}

export const CODEBUILD_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/**
 * A runner's service role: logs, the VPC ENI calls CodeBuild makes for a VPC build, and the
 * GitHub connection. It deploys nothing itself: the job assumes the stack's deploy or preview role
 * through GitHub OIDC, as on GitHub-hosted runners (CodeBuild user guide, "Allow CodeBuild to
 * access AWS services required to create a VPC network interface").
 */
export function runnerPolicy(args: { logGroupArn: string; connectionArn: string; subnetArns: string[] }) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: [args.logGroupArn, `${args.logGroupArn}:*`],
      },
      {
        Effect: "Allow",
        Action: [
          "ec2:CreateNetworkInterface",
          "ec2:DescribeDhcpOptions",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DeleteNetworkInterface",
          "ec2:DescribeSubnets",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeVpcs",
        ],
        Resource: "*",
      },
      {
        Effect: "Allow",
        Action: "ec2:CreateNetworkInterfacePermission",
        Resource: "arn:aws:ec2:*:*:network-interface/*",
        Condition: {
          StringEquals: { "ec2:AuthorizedService": "codebuild.amazonaws.com" },
          ArnEquals: { "ec2:Subnet": args.subnetArns },
        },
      },
      {
        Effect: "Allow",
        Action: [
          "codeconnections:GetConnectionToken",
          "codeconnections:GetConnection",
          "codeconnections:UseConnection",
        ],
        Resource: args.connectionArn,
      },
    ],
  };
}
