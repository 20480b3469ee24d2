import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterConfig, Environment } from "../config/types";
import { physicalName } from "../naming";
import { nameTags } from "../tags";
import type { AddonName } from "./addon-versions";
import { accessEntryPlans } from "./access";
import { createAddons } from "./addons";
import { createControlPlaneLogs } from "./control-plane-logs";
import { deployerAccess, type DeployerRunner } from "./deployer";
import {
  addonPlans,
  controlPlanePlan,
  gp3StorageClassManifest,
  systemLaunchTemplatePlan,
  systemNodeGroupPlan,
} from "./cluster-plan";
import type { ClusterHandle } from "./types";

export interface EksClusterArgs {
  /** `platform:cluster`: version, logs, endpoint exposure, admins, system node group. */
  cluster: ClusterConfig;
  /** Deletion protection defaults to on in prod when `cluster.deletionProtection` is unset. */
  environment: Environment;
  /** The region's aws.Provider; the eks component and every AWS child use it. */
  provider: aws.Provider;
  /** The provider's AWS region (the control-plane log key admits that region's logs service). */
  region: string;
  /** EKS cluster name (plain, at most 40 chars); also the Karpenter discovery tag value. */
  clusterName: string;
  /** Prefix for physical names of IAM roles, keys and templates, e.g. `platform-prod-usw2`. */
  physicalName: string;
  vpcId: pulumi.Input<string>;
  /** Private subnets: the control-plane ENIs and every node live here (no public IPs). */
  privateSubnetIds: pulumi.Input<string>[];
  /** Kubernetes service CIDR (`platform:network.serviceCidr`); must not overlap any VPC. */
  serviceCidr: string;
  /**
   * Tags for instances and volumes the node group launches. Provider default tags do not reach
   * them, so pass the platform's required tags here.
   */
  nodeTags?: Record<string, string>;
  /**
   * Where the in-network deployer sits (`platform:cluster.deployer.mode: in-network`): the
   * primary VPC's range, which every cluster admits on 443, and whether the runner is created
   * in this region (the primary). Required in that mode.
   */
  deployerNetwork?: { primaryVpcCidr: string; isPrimary: boolean };
}

const EC2_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
});
/** The CNI policy is deliberately absent: aws-node gets it through Pod Identity (addons.ts). */
const NODE_POLICIES = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly"] as const;

/**
 * One region's EKS cluster (`@pulumi/eks` v4, a remote component) with everything we build
 * ourselves so tests and policies can see it: the secrets KMS key, the tainted system node
 * group on a hardened launch template, the managed add-ons, the k8s provider and the default
 * gp3 StorageClass. Implements ClusterHandle for Karpenter, workloads and the rest.
 *
 * Creation and destroy order (Pulumi destroys dependents first):
 *   cluster -> node DaemonSet add-ons (Pod Identity agent, vpc-cni, kube-proxy, side by side)
 *   -> system node group -> CoreDNS, EBS CSI, metrics-server; the gp3 StorageClass needs only
 *   the cluster -> (workloadDependencies) Karpenter, workloads, observability.
 */
export class EksCluster extends pulumi.ComponentResource implements ClusterHandle {
  public readonly name: string;
  public readonly k8sProvider: k8s.Provider;
  public readonly clusterSecurityGroupId: pulumi.Output<string>;
  public readonly workloadDependencies: pulumi.Resource[];
  /** API server endpoint (private unless `publicEndpoint`). */
  public readonly endpoint: pulumi.Output<string>;
  public readonly cluster: eks.Cluster;
  public readonly nodeGroup: aws.eks.NodeGroup;
  public readonly addons: Readonly<Record<AddonName, aws.eks.Addon>>;
  public readonly secretsKey: aws.kms.Key;
  /** The in-network deployer runner, in the primary region's cluster only. */
  public readonly deployer?: DeployerRunner;

  constructor(name: string, args: EksClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:cluster:EksCluster", name, {}, opts);
    const { cluster: config, provider, clusterName } = args;
    const aws$ = { parent: this, provider };
    this.name = clusterName;

    const keyName = physicalName([clusterName, "secrets"]);
    this.secretsKey = new aws.kms.Key(
      `${name}-secrets-key`,
      {
        description: `Envelope encryption of Kubernetes secrets in ${clusterName}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        tags: nameTags(keyName),
      },
      // Losing the key loses every Secret in etcd: in prod neither destroy nor a replacement may
      // remove it (docs/operations.md, destroy order: lift with `pulumi state unprotect`).
      { ...aws$, protect: args.environment === "prod" },
    );
    new aws.kms.Alias(
      `${name}-secrets-key-alias`,
      { name: `alias/${keyName}`, targetKeyId: this.secretsKey.keyId },
      aws$,
    );

    const cp = controlPlanePlan(config, args.environment);
    // Before the cluster: EKS would otherwise create the group itself, kept forever and unencrypted.
    const protect = args.environment === "prod";
    const logArgs = { clusterName, region: args.region, retentionDays: config.logRetentionDays, protect };
    const logs = createControlPlaneLogs(name, logArgs, aws$);
    const accessEntries = Object.fromEntries(
      accessEntryPlans(config.access).map((e) => [
        e.key,
        {
          principalArn: e.principalArn,
          type: eks.AccessEntryType.Standard,
          accessPolicies: { [e.role]: { policyArn: e.policyArn, accessScope: { type: "cluster" } } },
        },
      ]),
    );
    this.cluster = new eks.Cluster(
      `${name}-eks`,
      {
        name: clusterName,
        version: cp.version,
        authenticationMode: eks.AuthenticationMode.Api,
        accessEntries,
        vpcId: args.vpcId,
        // Private-only: the ALB is Pulumi-managed, so the cluster needs no public subnets.
        privateSubnetIds: args.privateSubnetIds,
        nodeAssociatePublicIpAddress: false,
        kubernetesServiceIpAddressRange: args.serviceCidr,
        endpointPrivateAccess: cp.endpointPrivateAccess,
        endpointPublicAccess: cp.endpointPublicAccess,
        ...(cp.publicAccessCidrs ? { publicAccessCidrs: cp.publicAccessCidrs } : {}),
        enabledClusterLogTypes: cp.enabledClusterLogTypes,
        encryptionConfigKeyArn: this.secretsKey.arn,
        deletionProtection: config.deletionProtection ?? args.environment === "prod",
        // Nodes come from our managed node group and Karpenter; add-ons are aws.eks.Addon below.
        skipDefaultNodeGroup: true,
        // Only the EKS-created cluster security group: nodes, pods and control plane share it.
        skipDefaultSecurityGroups: true,
        bootstrapSelfManagedAddons: false,
        useDefaultVpcCni: true,
        corednsAddonOptions: { enabled: false },
        kubeProxyAddonOptions: { enabled: false },
        // Pod Identity, not IRSA.
        createOidcProvider: false,
        clusterTags: nameTags(clusterName),
      },
      // The SDK sends the construct call only once the log group exists.
      { parent: this, providers: { aws: provider }, dependsOn: [logs.logGroup] },
    );

    // Outputs of the remote component carry it as a dependency, so everything below waits for it.
    const eksCluster = this.cluster.eksCluster as pulumi.Output<unknown> as pulumi.Output<{
      name: string;
      endpoint: string;
    }>;
    const liveName = eksCluster.apply((c) => c.name);
    this.endpoint = eksCluster.apply((c) => c.endpoint);
    this.clusterSecurityGroupId = this.cluster.clusterSecurityGroupId;

    const plans = addonPlans(config);
    const early = createAddons(
      name,
      {
        clusterName: liveName,
        physicalClusterName: clusterName,
        kubernetesVersion: config.kubernetesVersion,
        plans: plans.filter((p) => p.phase === "beforeNodes"),
      },
      aws$,
    );

    this.nodeGroup = this.systemNodeGroup(name, args, liveName, Object.values(early));

    const late = createAddons(
      name,
      {
        clusterName: liveName,
        physicalClusterName: clusterName,
        kubernetesVersion: config.kubernetesVersion,
        plans: plans.filter((p) => p.phase === "afterNodes"),
        dependsOn: { afterNodes: [this.nodeGroup] },
      },
      aws$,
    );
    this.addons = { ...early, ...late };

    // With a private-only endpoint every Kubernetes call needs the deployer's path to the API.
    const access = deployerAccess(name, { ...args, clusterSecurityGroupId: this.clusterSecurityGroupId }, aws$);
    this.deployer = access.runner;

    this.k8sProvider = new k8s.Provider(
      `${name}-k8s`,
      { kubeconfig: this.cluster.kubeconfigJson, enableServerSideApply: true },
      { parent: this, dependsOn: access.apiAccess },
    );

    // A StorageClass is only an API object naming its provisioner: it needs the API server, not
    // the EBS CSI driver (claims wait for the driver, not the class). Deleting the cluster deletes
    // it, so destroy need not call the API for it.
    const gp3 = new k8s.storage.v1.StorageClass(`${name}-gp3`, gp3StorageClassManifest(), {
      parent: this,
      provider: this.k8sProvider,
      deletedWith: this.cluster,
    });

    this.workloadDependencies = [this.nodeGroup, ...Object.values(this.addons), gp3];
    this.registerOutputs({
      name: clusterName,
      endpoint: this.endpoint,
      clusterSecurityGroupId: this.clusterSecurityGroupId,
    });
  }

  /** Node role, IMDSv2-only launch template with encrypted gp3, and the tainted managed node group. */
  private systemNodeGroup(
    name: string,
    args: EksClusterArgs,
    clusterName: pulumi.Output<string>,
    nodeAddons: pulumi.Resource[],
  ): aws.eks.NodeGroup {
    const aws$ = { parent: this, provider: args.provider };
    const roleName = physicalName([args.physicalName, "system-node"], 64);
    const role = new aws.iam.Role(
      `${name}-system-node-role`,
      {
        name: roleName,
        description: `System managed node group of ${args.clusterName}`,
        assumeRolePolicy: EC2_TRUST,
        tags: nameTags(roleName),
      },
      aws$,
    );
    const attachments = NODE_POLICIES.map(
      (policy) =>
        new aws.iam.RolePolicyAttachment(
          `${name}-system-node-${policy}`,
          {
            role: role.name,
            policyArn: `arn:aws:iam::aws:policy/${policy}`,
          },
          aws$,
        ),
    );

    const lt = systemLaunchTemplatePlan(args.cluster);
    const nodeName = physicalName([args.clusterName, "system"]);
    const instanceTags = { ...(args.nodeTags ?? {}), ...nameTags(nodeName) };
    const template = new aws.ec2.LaunchTemplate(
      `${name}-system-lt`,
      {
        name: nodeName,
        description: `System nodes of ${args.clusterName}: IMDSv2 only, encrypted gp3`,
        metadataOptions: lt.metadataOptions,
        blockDeviceMappings: lt.blockDeviceMappings,
        tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
          resourceType,
          tags: instanceTags,
        })),
        updateDefaultVersion: true,
        tags: nameTags(nodeName),
      },
      aws$,
    );

    const ng = systemNodeGroupPlan(args.cluster);
    return new aws.eks.NodeGroup(
      `${name}-system-nodes`,
      {
        clusterName,
        // A prefix, not a name: instance type or AMI changes replace the group create-before-delete.
        nodeGroupNamePrefix: "system-",
        nodeRoleArn: role.arn,
        subnetIds: args.privateSubnetIds,
        amiType: ng.amiType,
        capacityType: ng.capacityType,
        instanceTypes: ng.instanceTypes,
        scalingConfig: ng.scalingConfig,
        labels: ng.labels,
        taints: ng.taints,
        updateConfig: ng.updateConfig,
        launchTemplate: { id: template.id, version: template.latestVersion.apply((v) => String(v)) },
        tags: nameTags(nodeName),
      },
      { ...aws$, dependsOn: [...attachments, ...nodeAddons] },
    );
  }
}
