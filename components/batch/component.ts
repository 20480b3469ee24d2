import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { BatchConfig } from "../config/sections/batch";
import type { RegionContext } from "../region-context";
import { withResolvedImages, type ImageResolver } from "../security/image-digests";
import { nameTags } from "../tags";
import {
  FARGATE_POD_LABELS,
  batchCronJob,
  batchNamespace,
  fargateLoggingManifests,
  logStatements,
  podExecutionTrust,
} from "./plan";
import {
  CLUSTER_SG_FROM_BATCH,
  batchSecurityGroupPolicy,
  batchSecurityGroupRules,
  observabilityDefaultDeny,
} from "./network";

/** AWS managed policy of Fargate pod execution roles: pull images from ECR, nothing else. */
export const FARGATE_POD_EXECUTION_POLICY = "AmazonEKSFargatePodExecutionRolePolicy";

export interface FargateBatchArgs {
  /** `platform:batch` (the Job's shape, schedule, log retention). */
  config: BatchConfig;
  /** The region: names, provider, private subnets, cluster. */
  region: Pick<RegionContext, "name" | "physicalName" | "provider" | "vpc" | "cluster">;
  /** Configured image -> what the pod pulls (digest-pinned where the stack pins). */
  images?: ImageResolver;
}

/**
 * Seed 002's Fargate batch in one region: the batch namespace, a Fargate profile selecting its
 * `compute-type: fargate` pods into the private subnets, the pod execution role, Fargate's log
 * routing to a log group with retention, and the Job as a CronJob template.
 */
export class FargateBatch extends pulumi.ComponentResource {
  public readonly profileName: string;
  public readonly logGroupName: string;

  constructor(name: string, args: FargateBatchArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:batch:FargateBatch", name, {}, opts);
    const { config: b, region } = args;
    const child = { parent: this, provider: region.provider };
    const kp = { parent: this, provider: region.cluster.k8sProvider };
    const clusterName = region.cluster.name;
    this.profileName = `${region.physicalName}-batch`;
    this.logGroupName = `/aws/eks/${clusterName}/fargate-batch`;

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: this.logGroupName, retentionInDays: b.logRetentionDays, tags: nameTags(this.profileName) },
      child,
    );
    const account = aws.getCallerIdentityOutput({}, child).accountId;
    const role = new aws.iam.Role(
      `${name}-pod-execution`,
      {
        assumeRolePolicy: account.apply((a) =>
          JSON.stringify(podExecutionTrust({ region: region.name, account: a }, clusterName)),
        ),
        description: `Fargate pods of ${clusterName}/${b.namespace}: pull images, write their log group`,
        tags: nameTags(`${this.profileName}-pod-execution`),
      },
      child,
    );
    const managed = new aws.iam.RolePolicyAttachment(
      `${name}-pod-execution-managed`,
      { role: role.name, policyArn: `arn:aws:iam::aws:policy/${FARGATE_POD_EXECUTION_POLICY}` },
      child,
    );
    const logs = new aws.iam.RolePolicy(
      `${name}-pod-execution-logs`,
      {
        role: role.name,
        policy: logGroup.arn.apply((arn) => JSON.stringify({ Version: "2012-10-17", Statement: logStatements(arn) })),
      },
      child,
    );
    const profile = new aws.eks.FargateProfile(
      `${name}-profile`,
      {
        clusterName,
        fargateProfileName: this.profileName,
        podExecutionRoleArn: role.arn,
        // Fargate runs pods in private subnets only (no public IP, images through the NAT).
        subnetIds: region.vpc.privateSubnetIds,
        selectors: [{ namespace: b.namespace, labels: { ...FARGATE_POD_LABELS } }],
        tags: nameTags(this.profileName),
      },
      // The cluster exists once its add-ons do; the role can act once its policies are attached.
      { ...child, dependsOn: [...region.cluster.workloadDependencies, managed, logs] },
    );

    const logging = fargateLoggingManifests(region.name, this.logGroupName);
    const loggingNs = new k8s.core.v1.Namespace(
      `${name}-logging-namespace`,
      logging.namespace as k8s.core.v1.NamespaceArgs,
      kp,
    );
    const loggingConfig = new k8s.core.v1.ConfigMap(`${name}-logging`, logging.configMap as k8s.core.v1.ConfigMapArgs, {
      ...kp,
      dependsOn: [loggingNs],
    });
    new k8s.networking.v1.NetworkPolicy(
      `${name}-logging-default-deny`,
      observabilityDefaultDeny() as k8s.networking.v1.NetworkPolicyArgs,
      { ...kp, dependsOn: [loggingNs] },
    );
    const namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      batchNamespace(b) as k8s.core.v1.NamespaceArgs,
      kp,
    );
    // Fargate enforces no NetworkPolicy: the pods' own security group is their boundary (./network.ts).
    const clusterSg = region.cluster.clusterSecurityGroupId;
    const podSg = new aws.ec2.SecurityGroup(
      `${name}-pod-sg`,
      {
        vpcId: region.vpc.vpcId,
        description: `Fargate pods of ${b.namespace}: DNS, the control plane, HTTPS out`,
        ...batchSecurityGroupRules(clusterSg),
        tags: nameTags(`${this.profileName}-pods`),
      },
      child,
    );
    const clusterRules = CLUSTER_SG_FROM_BATCH.map(
      ({ role, ...r }) =>
        new aws.vpc.SecurityGroupIngressRule(
          `${name}-cluster-sg-from-pods-${role}`,
          { securityGroupId: clusterSg, referencedSecurityGroupId: podSg.id, ...r },
          child,
        ),
    );
    const sgPolicy = new k8s.apiextensions.CustomResource(
      `${name}-pod-sg-policy`,
      batchSecurityGroupPolicy(b.namespace, podSg.id),
      { ...kp, dependsOn: [namespace, ...clusterRules] },
    );
    new k8s.batch.v1.CronJob(
      `${name}-job`,
      withResolvedImages(batchCronJob(b, b.image), args.images) as k8s.batch.v1.CronJobArgs,
      // Pods of a run land on Fargate only once the profile is active, and log from the first line;
      // a SecurityGroupPolicy applies to pods created after it.
      { ...kp, dependsOn: [namespace, profile, loggingConfig, sgPolicy] },
    );
    this.registerOutputs({});
  }
}
