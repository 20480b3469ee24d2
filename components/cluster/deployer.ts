import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { deployerModeOf } from "../config/sections/cluster";
import type { ClusterConfig } from "../config/types";
import { physicalName } from "../naming";
import { nameTags } from "../tags";

/**
 * The in-network deployer (`platform:cluster.deployer.mode: in-network`): a CodeBuild project
 * that AWS runs as a self-hosted GitHub Actions runner (a workflow job with
 * `runs-on: codebuild-<project>-${{ github.run_id }}-${{ github.run_attempt }}` starts a build
 * through the WORKFLOW_JOB_QUEUED webhook). It sits in the primary region's private subnets and
 * reaches every cluster's private endpoint over the inter-region peering.
 * Source (checked 2026-12-02): https://docs.aws.amazon.com/codebuild/latest/userguide/action-runner.html
 */
export const CODEBUILD_RUNNER_SOURCE =
  "https://docs.aws.amazon.com/codebuild/latest/userguide/action-runner.html" as const;
/** AWS-managed CodeBuild image with Node.js 20 (CodeBuild "Docker images provided by CodeBuild"). */
export const RUNNER_IMAGE = "aws/codebuild/amazonlinux-x86_64-standard:5.0";

/** The `runs-on` label a workflow uses for the runner (the deploy workflow builds it the same way). */
export function runnerLabel(projectName: string): string {
  return `codebuild-${projectName}-\${{ github.run_id }}-\${{ github.run_attempt }}`;
}

/**
 * The workflows (their `name:`) whose jobs the runner takes: deploy.yml (up-prod) and
 * pull-request.yml (preview-prod). CodeBuild starts a build for every WORKFLOW_JOB_QUEUED event of
 * the repository whatever triggered the run (push or pull_request alike); a WORKFLOW_NAME filter
 * is the only filter besides EVENT and ACTOR_ACCOUNT_ID that applies to that event (HEAD_REF and
 * BASE_REF work with push and pull-request events only). Source (checked 2026-12-02):
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-codebuild-project-webhookfilter.html
 * A branch can rename a workflow, so this keeps other workflows off the runner by mistake, not by
 * force: what keeps unreviewed code from prod credentials is the environment approval (GitHub
 * queues a job, and so starts the build, only once the environment's protection rules pass) and
 * the roles trusting only environment subjects (components/bootstrap/ci-roles.ts).
 */
export const RUNNER_WORKFLOWS = ["deploy", "pull-request"] as const;

/** The webhook's filter groups: queued jobs of the runner's workflows, in this repository only. */
export function runnerWebhookFilterGroups(workflows: readonly string[] = RUNNER_WORKFLOWS) {
  const names = workflows.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  return [
    {
      filters: [
        { type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" },
        { type: "WORKFLOW_NAME", pattern: `^(${names})$` },
      ],
    },
  ];
}

const CODEBUILD_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/**
 * The runner's service role: logs, the VPC ENI calls CodeBuild makes for a VPC build, and the
 * GitHub connection. It deploys nothing itself: the job assumes the stack's deploy role through
 * GitHub OIDC, as on GitHub-hosted runners (CodeBuild user guide, "Allow CodeBuild to access AWS
 * services required to create a VPC network interface").
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

/** Attests a created connection's completed handshake (tools/order/aws-state.json reads the tag). */
const handshakeTags = (a: { connectionAvailable?: boolean }) =>
  a.connectionAvailable ? { "platform.io/handshake": "completed" } : undefined;

export interface DeployerRunnerArgs {
  /** Physical name prefix of the primary region, e.g. `platform-prod-use1`. */
  physicalName: string;
  vpcId: pulumi.Input<string>;
  privateSubnetIds: pulumi.Input<string>[];
  /** `owner/name` of the repository whose workflow jobs the runner takes. */
  githubRepository: string;
  /** Existing connection; unset: created here (PENDING until a person completes it in the console). */
  connectionArn?: string;
  /** The created connection is AVAILABLE: only then the webhook (held back while PENDING; the plan says why). */
  connectionAvailable?: boolean;
  computeType: string;
  logRetentionDays: number;
}

export interface DeployerRunner {
  project: aws.codebuild.Project;
  securityGroup: aws.ec2.SecurityGroup;
}

/** The CodeBuild runner, its security group (egress 443 only), role, log group and webhook. */
export function createDeployerRunner(
  name: string,
  args: DeployerRunnerArgs,
  opts: { parent: pulumi.Resource; provider: aws.Provider },
): DeployerRunner {
  const projectName = physicalName([args.physicalName, "deployer"], 100);
  const connectionArn: pulumi.Input<string> =
    args.connectionArn ??
    new aws.codeconnections.Connection(
      `${name}-deployer-github`,
      { name: physicalName([args.physicalName, "github"], 32), providerType: "GitHub", tags: handshakeTags(args) },
      opts,
    ).arn;
  const sg = new aws.ec2.SecurityGroup(
    `${name}-deployer-sg`,
    {
      vpcId: args.vpcId,
      description: `In-network deployer ${projectName}: HTTPS out only`,
      tags: nameTags(`${projectName}-sg`, { "platform.io/role": "deployer" }),
    },
    opts,
  );
  // GitHub, AWS APIs, the npm registry and every cluster API are all HTTPS.
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-deployer-https-out`,
    {
      securityGroupId: sg.id,
      description: "HTTPS to GitHub, AWS APIs, npm and the cluster APIs",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
    },
    opts,
  );
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-deployer-logs`,
    { name: `/aws/codebuild/${projectName}`, retentionInDays: args.logRetentionDays },
    opts,
  );
  const role = new aws.iam.Role(
    `${name}-deployer-role`,
    {
      name: physicalName([args.physicalName, "deployer"], 64),
      description: `Service role of the in-network deployer ${projectName}`,
      assumeRolePolicy: CODEBUILD_TRUST,
    },
    opts,
  );
  const subnetArns = pulumi.all(args.privateSubnetIds).apply((ids) => ids.map((id) => `arn:aws:ec2:*:*:subnet/${id}`));
  const policy = new aws.iam.RolePolicy(
    `${name}-deployer-policy`,
    {
      role: role.id,
      policy: pulumi
        .all([logGroup.arn, subnetArns, connectionArn])
        .apply(([logGroupArn, arns, connection]) =>
          JSON.stringify(runnerPolicy({ logGroupArn, connectionArn: connection, subnetArns: arns })),
        ),
    },
    opts,
  );
  const project = new aws.codebuild.Project(
    `${name}-deployer`,
    {
      name: projectName,
      description: "Self-hosted GitHub Actions runner for pulumi up/preview inside the network",
      serviceRole: role.arn,
      source: {
        type: "GITHUB",
        location: `https://github.com/${args.githubRepository}.git`,
        auth: { type: "CODECONNECTIONS", resource: connectionArn },
      },
      artifacts: { type: "NO_ARTIFACTS" },
      environment: { type: "LINUX_CONTAINER", computeType: args.computeType, image: RUNNER_IMAGE },
      vpcConfig: { vpcId: args.vpcId, subnets: args.privateSubnetIds, securityGroupIds: [sg.id] },
      logsConfig: { cloudwatchLogs: { groupName: logGroup.name, status: "ENABLED" } },
      buildTimeout: 120,
      tags: nameTags(projectName, { "platform.io/role": "deployer" }),
    },
    { ...opts, dependsOn: [policy] },
  );
  if (args.connectionArn !== undefined || args.connectionAvailable)
    new aws.codebuild.Webhook(
      `${name}-deployer-webhook`,
      {
        projectName: project.name,
        buildType: "BUILD",
        // No scopeConfiguration: a repository webhook, so only this repository's jobs reach the runner.
        filterGroups: runnerWebhookFilterGroups(),
      },
      opts,
    );
  return { project, securityGroup: sg };
}

/**
 * Admits the in-network deployer to a cluster's API: 443 from the primary VPC's range on the
 * EKS cluster security group (its private endpoint ENIs carry it). Remote regions reach it over
 * the VPC peering; the primary region's own runner comes from inside the same VPC.
 */
export function admitDeployer(
  name: string,
  args: { clusterSecurityGroupId: pulumi.Input<string>; deployerCidr: string },
  opts: { parent: pulumi.Resource; provider: aws.Provider },
): aws.vpc.SecurityGroupIngressRule {
  return new aws.vpc.SecurityGroupIngressRule(
    `${name}-deployer-api`,
    {
      securityGroupId: args.clusterSecurityGroupId,
      description: "Kubernetes API from the in-network deployer (primary VPC)",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: args.deployerCidr,
    },
    opts,
  );
}

/**
 * What one cluster does for the deployer. In-network mode: the API admits the primary VPC on
 * 443 (`apiAccess`: the k8s provider waits for it), and the primary region's cluster creates
 * the runner. Egress-CIDR mode: nothing here (the public endpoint is limited to the CIDRs).
 */
export function deployerAccess(
  name: string,
  args: {
    cluster: ClusterConfig;
    environment: string;
    deployerNetwork?: { primaryVpcCidr: string; isPrimary: boolean };
    clusterSecurityGroupId: pulumi.Input<string>;
    physicalName: string;
    vpcId: pulumi.Input<string>;
    privateSubnetIds: pulumi.Input<string>[];
  },
  opts: { parent: pulumi.Resource; provider: aws.Provider },
): { apiAccess: pulumi.Resource[]; runner?: DeployerRunner } {
  if (deployerModeOf(args.cluster, args.environment) !== "in-network") return { apiAccess: [] };
  const net = args.deployerNetwork;
  if (!net) throw new Error(`${name}: deployer mode in-network needs deployerNetwork (the primary VPC range)`);
  const rule = admitDeployer(
    name,
    { clusterSecurityGroupId: args.clusterSecurityGroupId, deployerCidr: net.primaryVpcCidr },
    opts,
  );
  const runner = args.cluster.deployer.runner;
  // Without a repository there is no runner; policy aws-eks-deployer-path then fails the plan.
  if (!net.isPrimary || !runner.githubRepository) return { apiAccess: [rule] };
  return {
    apiAccess: [rule],
    runner: createDeployerRunner(
      name,
      {
        physicalName: args.physicalName,
        vpcId: args.vpcId,
        privateSubnetIds: args.privateSubnetIds,
        githubRepository: runner.githubRepository,
        connectionArn: runner.connectionArn,
        connectionAvailable: runner.connectionAvailable,
        computeType: runner.computeType,
        logRetentionDays: args.cluster.logRetentionDays,
      },
      opts,
    ),
  };
}
