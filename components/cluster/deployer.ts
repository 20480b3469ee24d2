import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { deployerModeOf } from "../config/sections/cluster";
import type { ClusterConfig } from "../config/types";
import { physicalName } from "../naming";
import { nameTags } from "../tags";
import {
  CODEBUILD_RUNNER_SOURCE,
  CODEBUILD_TRUST,
  RUNNER_IMAGE,
  RUNNER_WORKFLOWS,
  RUNNERS,
  runnerLabel,
  runnerPolicy,
  runnerWebhookFilterGroups,
  type RunnerKind,
} from "./runner-plan";

/**
 * The in-network deployer (`platform:cluster.deployer.mode: in-network`): CodeBuild projects that
 * AWS runs as self-hosted GitHub Actions runners (a workflow job with
 * `runs-on: codebuild-<project>-${{ github.run_id }}-${{ github.run_attempt }}` starts a build
 * through the WORKFLOW_JOB_QUEUED webhook), one for deploys and one for the approved prod preview
 * (runner-plan.ts). They sit in the primary region's private subnets and reach every cluster's
 * private endpoint over the inter-region peering.
 */
export { CODEBUILD_RUNNER_SOURCE, RUNNER_IMAGE, RUNNER_WORKFLOWS, runnerLabel, runnerWebhookFilterGroups };

/** Attests a created connection's completed handshake (tools/order/aws-state.json reads the tag). */
const handshakeTags = (a: { connectionAvailable?: boolean }) =>
  a.connectionAvailable ? { "platform.io/handshake": "completed" } : undefined;

export interface DeployerRunnerArgs {
  /** Physical name prefix of the primary region, e.g. `platform-prod-use1`. */
  physicalName: string;
  vpcId: pulumi.Input<string>;
  privateSubnetIds: pulumi.Input<string>[];
  /** `owner/name` of the repository whose workflow jobs the runners take. */
  githubRepository: string;
  /** Existing connection; unset: created here (PENDING until a person completes it in the console). */
  connectionArn?: string;
  /** The created connection is AVAILABLE: only then the webhooks (held back while PENDING; the plan says why). */
  connectionAvailable?: boolean;
  /** Maintainers' GitHub account ids: the webhooks' ACTOR_ACCOUNT_ID filter. */
  actorAccountIds: readonly string[];
  computeType: string;
  logRetentionDays: number;
}

export interface DeployerRunner {
  /** The deploy runner's project (its URNs are the first runner's). */
  project: aws.codebuild.Project;
  securityGroup: aws.ec2.SecurityGroup;
  /** The prod preview's own runner: its own project, role and security group. */
  preview: { project: aws.codebuild.Project; securityGroup: aws.ec2.SecurityGroup };
}

type Opts = { parent: pulumi.Resource; provider: aws.Provider };

/** One runner: security group (HTTPS out only), role, log group, project and, once the connection is usable, its webhook. */
function createRunner(
  name: string,
  kind: RunnerKind,
  args: DeployerRunnerArgs & { connection: pulumi.Input<string> },
  opts: Opts,
): { project: aws.codebuild.Project; securityGroup: aws.ec2.SecurityGroup } {
  const spec = RUNNERS[kind];
  const id = `${name}-${spec.suffix}`;
  const projectName = physicalName([args.physicalName, spec.suffix], 100);
  const tags = { "platform.io/role": spec.suffix };
  const sg = new aws.ec2.SecurityGroup(
    `${id}-sg`,
    {
      vpcId: args.vpcId,
      description: `In-network ${kind} runner ${projectName}: HTTPS out only`,
      tags: nameTags(`${projectName}-sg`, tags),
    },
    opts,
  );
  // GitHub, the Pulumi backend, AWS APIs, the npm registry and every cluster API are all HTTPS.
  // Their addresses are not fixed prefixes, so port 443 is the narrowest rule a security group can
  // say; no other port or protocol leaves (DNS goes to the VPC resolver, which groups do not filter).
  new aws.vpc.SecurityGroupEgressRule(
    `${id}-https-out`,
    {
      securityGroupId: sg.id,
      description: "HTTPS to GitHub, the Pulumi backend, AWS APIs, npm and the cluster APIs",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
    },
    opts,
  );
  const logGroup = new aws.cloudwatch.LogGroup(
    `${id}-logs`,
    { name: `/aws/codebuild/${projectName}`, retentionInDays: args.logRetentionDays },
    opts,
  );
  const role = new aws.iam.Role(
    `${id}-role`,
    {
      name: physicalName([args.physicalName, spec.suffix], 64),
      description: `Service role of the in-network ${kind} runner ${projectName}`,
      assumeRolePolicy: CODEBUILD_TRUST,
    },
    opts,
  );
  const subnetArns = pulumi.all(args.privateSubnetIds).apply((ids) => ids.map((i) => `arn:aws:ec2:*:*:subnet/${i}`));
  const policy = new aws.iam.RolePolicy(
    `${id}-policy`,
    {
      role: role.id,
      policy: pulumi
        .all([logGroup.arn, subnetArns, args.connection])
        .apply(([logGroupArn, arns, connection]) =>
          JSON.stringify(runnerPolicy({ logGroupArn, connectionArn: connection, subnetArns: arns })),
        ),
    },
    opts,
  );
  const project = new aws.codebuild.Project(
    id,
    {
      name: projectName,
      description: spec.description,
      serviceRole: role.arn,
      source: {
        type: "GITHUB",
        location: `https://github.com/${args.githubRepository}.git`,
        auth: { type: "CODECONNECTIONS", resource: args.connection },
      },
      artifacts: { type: "NO_ARTIFACTS" },
      environment: { type: "LINUX_CONTAINER", computeType: args.computeType, image: RUNNER_IMAGE },
      vpcConfig: { vpcId: args.vpcId, subnets: args.privateSubnetIds, securityGroupIds: [sg.id] },
      logsConfig: { cloudwatchLogs: { groupName: logGroup.name, status: "ENABLED" } },
      buildTimeout: 120,
      tags: nameTags(projectName, tags),
    },
    { ...opts, dependsOn: [policy] },
  );
  if (args.connectionArn !== undefined || args.connectionAvailable)
    new aws.codebuild.Webhook(
      `${id}-webhook`,
      {
        projectName: project.name,
        buildType: "BUILD",
        // No scopeConfiguration: a repository webhook, so only this repository's jobs reach the runner.
        filterGroups: runnerWebhookFilterGroups(kind, args.actorAccountIds),
      },
      opts,
    );
  return { project, securityGroup: sg };
}

/** The deploy and the preview runner, sharing one GitHub connection. */
export function createDeployerRunner(name: string, args: DeployerRunnerArgs, opts: Opts): DeployerRunner {
  const connection: pulumi.Input<string> =
    args.connectionArn ??
    new aws.codeconnections.Connection(
      `${name}-deployer-github`,
      { name: physicalName([args.physicalName, "github"], 32), providerType: "GitHub", tags: handshakeTags(args) },
      opts,
    ).arn;
  const deploy = createRunner(name, "deploy", { ...args, connection }, opts);
  return { ...deploy, preview: createRunner(name, "preview", { ...args, connection }, opts) };
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
        actorAccountIds: runner.actorAccountIds,
        computeType: runner.computeType,
        logRetentionDays: args.cluster.logRetentionDays,
      },
      opts,
    ),
  };
}
