import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { installAddon } from "../../addons/addon";
import { KARPENTER } from "../../addons/karpenter";
import type { KarpenterConfig } from "../../config/types";
import { NAMESPACES } from "../../k8s-names";
import { physicalName } from "../../naming";
import { nameTags } from "../../tags";
import { podIdentityRole } from "../pod-identity";
import type { ClusterHandle } from "../types";
import {
  INTERRUPTION_RULES,
  controllerStatements,
  eventPattern,
  interruptionQueuePolicy,
  NODE_TRUST_POLICY,
  nodeManagedPolicyArns,
} from "./iam";
import {
  DISCOVERY_TAG,
  ec2NodeClassManifest,
  KARPENTER_SERVICE_ACCOUNT,
  karpenterValues,
  nodePoolManifest,
} from "./manifests";

export interface KarpenterArgs {
  /** The region's cluster: its name (discovery tag, settings.clusterName) and k8s provider. */
  cluster: ClusterHandle;
  /** The region's aws.Provider; every AWS child uses it. */
  provider: aws.Provider;
  /** AWS region name, e.g. "us-west-2" (ARNs in the controller policy). */
  region: string;
  /** `platform:karpenter`: NodePools, root volume size, AMI alias. */
  config: KarpenterConfig;
  /** Prefix for physical names, e.g. `platform-prod-usw2` (queue, node role, rules). */
  physicalName: string;
  /**
   * Tags for what Karpenter launches (instances, volumes, launch templates). Provider default
   * tags do not reach them, so pass the platform's required tags here.
   */
  nodeTags?: Record<string, string>;
  /** Controller replicas; default 2 (leader election, one spare). */
  replicas?: number;
}

/**
 * Karpenter on one cluster: controller (Pod Identity), node role + access entry, interruption
 * queue fed by four EventBridge rules, the chart, one EC2NodeClass and the NodePools.
 *
 * Destroy order (Pulumi deletes dependents first): NodePools -> EC2NodeClass -> chart ->
 * node role / access entry / queue. Deleting a NodePool while the controller still runs lets
 * Karpenter's finalizers drain and terminate its nodes; the EC2NodeClass finalizer removes the
 * instance profiles while the node role still exists. The cluster must outlive all of this:
 * the Release depends on the cluster's resources, so `pulumi destroy` reaches the cluster last
 * and strands no instances.
 */
export class Karpenter extends pulumi.ComponentResource {
  public readonly release: k8s.helm.v3.Release;
  public readonly nodeClass: k8s.apiextensions.CustomResource;
  public readonly nodePools: k8s.apiextensions.CustomResource[];
  public readonly interruptionQueue: aws.sqs.Queue;
  public readonly nodeRole: aws.iam.Role;
  public readonly controllerRoleArn: pulumi.Output<string>;

  constructor(name: string, args: KarpenterArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:cluster:Karpenter", name, {}, opts);
    const { cluster, provider, region, config } = args;
    const aws$ = { parent: this, provider };
    const k8s$ = { parent: this, provider: cluster.k8sProvider };
    const clusterName = cluster.name;
    // The plain name, carrying a dependency on the cluster (via one of its outputs): AWS calls
    // that name the cluster (access entry, Pod Identity) must wait for it and be deleted first.
    const liveClusterName = cluster.clusterSecurityGroupId.apply(() => clusterName);

    const identity = aws.getCallerIdentityOutput({}, aws$);
    const partition = aws.getPartitionOutput({}, aws$);

    const nodeRoleName = physicalName([args.physicalName, "karpenter-node"], 64);
    this.nodeRole = new aws.iam.Role(
      `${name}-node-role`,
      {
        name: nodeRoleName,
        description: `Nodes Karpenter launches in ${clusterName}`,
        assumeRolePolicy: NODE_TRUST_POLICY,
        tags: nameTags(nodeRoleName),
      },
      aws$,
    );
    const nodePolicies = nodeManagedPolicyArns().map(
      (policyArn, i) =>
        new aws.iam.RolePolicyAttachment(`${name}-node-policy-${i}`, { role: this.nodeRole.name, policyArn }, aws$),
    );
    // API authentication mode: nodes join through an access entry, not aws-auth.
    const nodeAccess = new aws.eks.AccessEntry(
      `${name}-node-access`,
      {
        clusterName: liveClusterName,
        principalArn: this.nodeRole.arn,
        type: "EC2_LINUX",
        tags: nameTags(nodeRoleName),
      },
      aws$,
    );

    const queueName = physicalName([args.physicalName, "karpenter"], 80);
    this.interruptionQueue = new aws.sqs.Queue(
      `${name}-interruption`,
      {
        name: queueName,
        // Interruption notices are useless after a few minutes (a spot warning gives two).
        messageRetentionSeconds: 300,
        sqsManagedSseEnabled: true,
        tags: nameTags(queueName),
      },
      aws$,
    );
    const queuePolicy = new aws.sqs.QueuePolicy(
      `${name}-interruption-policy`,
      {
        queueUrl: this.interruptionQueue.url,
        policy: this.interruptionQueue.arn.apply(interruptionQueuePolicy),
      },
      aws$,
    );
    const targets = INTERRUPTION_RULES.map((r) => {
      const ruleName = physicalName([args.physicalName, "karpenter", r.role], 64);
      const rule = new aws.cloudwatch.EventRule(
        `${name}-${r.role}`,
        {
          name: ruleName,
          description: `Karpenter interruption handling: ${r.detailType}`,
          eventPattern: eventPattern(r),
          tags: nameTags(ruleName),
        },
        aws$,
      );
      return new aws.cloudwatch.EventTarget(
        `${name}-${r.role}-target`,
        {
          rule: rule.name,
          targetId: "KarpenterInterruptionQueueTarget",
          arn: this.interruptionQueue.arn,
        },
        { ...aws$, dependsOn: [queuePolicy] },
      );
    });

    const controller = podIdentityRole(
      `${name}-controller`,
      {
        clusterName: liveClusterName,
        namespace: NAMESPACES.karpenter,
        serviceAccount: KARPENTER_SERVICE_ACCOUNT,
        statements: pulumi
          .all([partition.partition, identity.accountId, this.nodeRole.arn, this.interruptionQueue.arn])
          .apply(([p, accountId, nodeRoleArn, queueArn]) =>
            controllerStatements({ partition: p, region, accountId, clusterName, nodeRoleArn, queueArn }),
          ),
      },
      aws$,
    );
    this.controllerRoleArn = controller.role.arn;

    // Karpenter selects security groups by the discovery tag; the EKS-managed cluster security
    // group (the one managed node groups get) is created by EKS, so tag it here.
    const sgTag = new aws.ec2.Tag(
      `${name}-sg-discovery`,
      { resourceId: cluster.clusterSecurityGroupId, key: DISCOVERY_TAG, value: clusterName },
      aws$,
    );

    this.release = installAddon(
      `${name}-chart`,
      KARPENTER,
      {
        values: karpenterValues({ clusterName, interruptionQueueName: queueName, replicas: args.replicas }),
        dependsOn: [...cluster.workloadDependencies, controller.association, ...targets],
      },
      k8s$,
    );

    // The node role is referenced by name (a plain string), so the dependency is explicit: the
    // role and access entry must outlive the EC2NodeClass on destroy.
    this.nodeClass = new k8s.apiextensions.CustomResource(
      `${name}-nodeclass`,
      ec2NodeClassManifest({
        clusterName,
        nodeRoleName,
        rootVolumeGiB: config.rootVolumeGiB,
        amiAlias: config.amiAlias,
        tags: args.nodeTags,
      }) as k8s.apiextensions.CustomResourceArgs,
      { ...k8s$, dependsOn: [this.release, this.nodeRole, nodeAccess, sgTag, ...nodePolicies] },
    );

    this.nodePools = config.nodePools.map(
      (pool) =>
        new k8s.apiextensions.CustomResource(
          `${name}-nodepool-${pool.name}`,
          nodePoolManifest(pool) as k8s.apiextensions.CustomResourceArgs,
          {
            ...k8s$,
            dependsOn: [this.release, this.nodeClass],
          },
        ),
    );

    this.registerOutputs({
      queueUrl: this.interruptionQueue.url,
      nodeRoleArn: this.nodeRole.arn,
      controllerRoleArn: this.controllerRoleArn,
    });
  }
}
