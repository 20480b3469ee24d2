import { deployerModeOf } from "../config/sections/cluster";
import type { ClusterConfig } from "../config/types";
import type { AddonName } from "./addon-versions";
import { SYSTEM_NODE_LABEL, SYSTEM_NODE_TAINT, SYSTEM_TOLERATIONS } from "./types";

/** Logs the platform always ships, whatever the config adds. */
export const REQUIRED_LOG_TYPES = ["api", "audit", "authenticator"] as const;

export interface ControlPlanePlan {
  version: string;
  authenticationMode: "API";
  enabledClusterLogTypes: string[];
  endpointPrivateAccess: true;
  endpointPublicAccess: boolean;
  /** Only set with a public endpoint: EKS would otherwise default it to 0.0.0.0/0. */
  publicAccessCidrs?: string[];
}

/**
 * What the control plane looks like: plain values the component passes to eks.Cluster. The
 * endpoint follows where the deployer runs: private-only for an in-network runner, public (only
 * to the deployer's egress CIDRs) plus private otherwise.
 */
export function controlPlanePlan(cluster: ClusterConfig, environment: string): ControlPlanePlan {
  const logs = [
    ...REQUIRED_LOG_TYPES,
    ...cluster.logTypes.filter((t) => !(REQUIRED_LOG_TYPES as readonly string[]).includes(t)),
  ];
  // No CIDRs: never public (EKS would open an empty list to 0.0.0.0/0); npm run plan refuses it.
  const publicEndpoint =
    deployerModeOf(cluster, environment) === "egress-cidrs" && cluster.deployer.egressCidrs.length > 0;
  return {
    version: cluster.kubernetesVersion,
    authenticationMode: "API",
    enabledClusterLogTypes: [...new Set(logs)],
    endpointPrivateAccess: true,
    endpointPublicAccess: publicEndpoint,
    ...(publicEndpoint ? { publicAccessCidrs: [...cluster.deployer.egressCidrs] } : {}),
  };
}

/** EKS API spelling of a Kubernetes taint effect. */
const EKS_TAINT_EFFECT = {
  NoSchedule: "NO_SCHEDULE",
  NoExecute: "NO_EXECUTE",
  PreferNoSchedule: "PREFER_NO_SCHEDULE",
} as const;

export interface NodeGroupPlan {
  amiType: string;
  capacityType: "ON_DEMAND";
  instanceTypes: string[];
  scalingConfig: { minSize: number; desiredSize: number; maxSize: number };
  labels: Record<string, string>;
  taints: { key: string; value: string; effect: string }[];
  updateConfig: { maxUnavailable: number };
}

/** The tainted on-demand system node group: Karpenter, CoreDNS and controllers only. */
export function systemNodeGroupPlan(cluster: ClusterConfig): NodeGroupPlan {
  const ng = cluster.systemNodeGroup;
  return {
    amiType: ng.amiType,
    // Karpenter's own controller must not run on capacity Karpenter could take away.
    capacityType: "ON_DEMAND",
    instanceTypes: [...ng.instanceTypes],
    scalingConfig: { minSize: ng.minSize, desiredSize: ng.desiredSize, maxSize: ng.maxSize },
    labels: { ...SYSTEM_NODE_LABEL },
    taints: [
      {
        key: SYSTEM_NODE_TAINT.key,
        value: SYSTEM_NODE_TAINT.value,
        effect: EKS_TAINT_EFFECT[SYSTEM_NODE_TAINT.effect],
      },
    ],
    // One node at a time keeps CoreDNS and the Karpenter controller (2 replicas each) available.
    updateConfig: { maxUnavailable: 1 },
  };
}

export interface BlockDevicePlan {
  deviceName: string;
  ebs: { volumeSize: number; volumeType: "gp3"; encrypted: "true"; deleteOnTermination: "true" };
}

export interface LaunchTemplatePlan {
  metadataOptions: {
    httpEndpoint: "enabled";
    httpTokens: "required";
    httpPutResponseHopLimit: number;
    instanceMetadataTags: "disabled";
  };
  blockDeviceMappings: BlockDevicePlan[];
}

const BOTTLEROCKET_OS_VOLUME_GIB = 4;

/**
 * Launch template for the system nodes: IMDSv2 only, hop limit 1 (pods get AWS credentials from
 * Pod Identity, never from the node's metadata endpoint), encrypted gp3 volumes. Bottlerocket
 * keeps its OS on /dev/xvda and containers on /dev/xvdb; AL2023 has one root volume.
 */
export function systemLaunchTemplatePlan(cluster: ClusterConfig): LaunchTemplatePlan {
  const ng = cluster.systemNodeGroup;
  const ebs = (volumeSize: number) => ({
    volumeSize,
    volumeType: "gp3" as const,
    encrypted: "true" as const,
    deleteOnTermination: "true" as const,
  });
  const bottlerocket = ng.amiType.startsWith("BOTTLEROCKET");
  return {
    metadataOptions: {
      httpEndpoint: "enabled",
      httpTokens: "required",
      httpPutResponseHopLimit: 1,
      instanceMetadataTags: "disabled",
    },
    blockDeviceMappings: bottlerocket
      ? [
          { deviceName: "/dev/xvda", ebs: ebs(BOTTLEROCKET_OS_VOLUME_GIB) },
          { deviceName: "/dev/xvdb", ebs: ebs(ng.diskSizeGiB) },
        ]
      : [{ deviceName: "/dev/xvda", ebs: ebs(ng.diskSizeGiB) }],
  };
}

/** Seed 002: prefix delegation for pod density, a small warm pool for fast pod start. */
export const VPC_CNI_ENV = {
  ENABLE_PREFIX_DELEGATION: "true",
  // With prefix delegation the CNI still honours WARM_IP_TARGET (it allocates whole /28
  // prefixes until 2 free IPs remain); when set it overrides WARM_PREFIX_TARGET.
  WARM_IP_TARGET: "2",
  // Seed 002; also lets NodePort/host traffic return through the right ENI.
  AWS_VPC_CNI_NODE_PORT_SUPPORT: "true",
} as const;

/**
 * Turns on the VPC CNI's network policy agent, so NetworkPolicies are enforced (without it the
 * API accepts them and nothing enforces them). `enableNetworkPolicy` is a string in the vpc-cni
 * add-on's configuration schema (`aws eks describe-addon-configuration --addon-name vpc-cni`),
 * as the EKS user guide sets it. Source, checked 2026-12-02:
 * https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy-configure.html
 */
export const VPC_CNI_NETWORK_POLICY = { enableNetworkPolicy: "true" } as const;

/** Where an add-on sits relative to the system node group. */
export type AddonPhase = "beforeNodes" | "afterNodes";

export interface AddonPlan {
  name: AddonName;
  /** `platform:cluster.addonVersions` pin; unset: AWS's default for the Kubernetes version, at deploy time. */
  pinnedVersion?: string;
  /**
   * beforeNodes: node DaemonSets (CNI, kube-proxy, Pod Identity agent) that nodes need to become
   * Ready; the node group depends on them. afterNodes: Deployments that need a node to schedule
   * on; they depend on the node group, so `pulumi destroy` removes them before the nodes.
   */
  phase: AddonPhase;
  /** Add-ons that must exist first (created earlier in the list). */
  after?: AddonName[];
  /** JSON for `configurationValues`, when the defaults are not enough. */
  configurationValues?: Record<string, unknown>;
  /** AWS managed policy for the add-on's Pod Identity role, and the ServiceAccount it binds. */
  podIdentity?: { serviceAccount: string; managedPolicy: string };
}

/** Pin controllers to the tainted system nodes so they never wait for Karpenter capacity. */
const onSystemNodes = {
  nodeSelector: { ...SYSTEM_NODE_LABEL },
  tolerations: SYSTEM_TOLERATIONS.map((t) => ({ ...t })),
};

/** The add-ons for a cluster, in creation order, with their configuration and any version pins. */
export function addonPlans(cluster: ClusterConfig): AddonPlan[] {
  const pins: Partial<Record<AddonName, string>> = cluster.addonVersions;
  const plans: Omit<AddonPlan, "pinnedVersion">[] = [
    { name: "eks-pod-identity-agent", phase: "beforeNodes" },
    {
      name: "vpc-cni",
      phase: "beforeNodes",
      // aws-node gets its AWS credentials through Pod Identity, but only at run time: CreateAddon
      // with podIdentityAssociations needs the role and the cluster, not the agent (the agent
      // serves credentials on each node; EKS's webhook injects the env into pods). Both
      // DaemonSets land on a node only when the node group, which waits for both add-ons, starts
      // it, so the add-on itself does not wait for the agent.
      // https://docs.aws.amazon.com/eks/latest/userguide/add-ons-iam.html (checked 2026-12-02)
      configurationValues: { env: { ...VPC_CNI_ENV }, ...VPC_CNI_NETWORK_POLICY },
      podIdentity: { serviceAccount: "aws-node", managedPolicy: "AmazonEKS_CNI_Policy" },
    },
    { name: "kube-proxy", phase: "beforeNodes" },
    {
      name: "coredns",
      phase: "afterNodes",
      configurationValues: { replicaCount: 2, ...onSystemNodes },
    },
    {
      name: "aws-ebs-csi-driver",
      phase: "afterNodes",
      // The node DaemonSet must run everywhere (it mounts volumes); only the controller is pinned.
      configurationValues: { controller: { ...onSystemNodes }, node: { tolerateAllTaints: true } },
      podIdentity: { serviceAccount: "ebs-csi-controller-sa", managedPolicy: "service-role/AmazonEBSCSIDriverPolicy" },
    },
    {
      name: "metrics-server",
      phase: "afterNodes",
      configurationValues: { ...onSystemNodes },
    },
  ];
  return plans.map((p) => (pins[p.name] ? { ...p, pinnedVersion: pins[p.name] } : p));
}

/** The cluster's default StorageClass: encrypted gp3 through the EBS CSI driver. */
export interface StorageClassManifest {
  apiVersion: "storage.k8s.io/v1";
  kind: "StorageClass";
  metadata: { name: string; annotations: Record<string, string> };
  provisioner: string;
  parameters: Record<string, string>;
  reclaimPolicy: "Delete" | "Retain";
  volumeBindingMode: "WaitForFirstConsumer" | "Immediate";
  allowVolumeExpansion: boolean;
}

export function gp3StorageClassManifest(): StorageClassManifest {
  return {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: "gp3", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
    provisioner: "ebs.csi.aws.com",
    parameters: { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" },
    reclaimPolicy: "Delete",
    // Bind where the pod lands, so the volume is created in the pod's AZ.
    volumeBindingMode: "WaitForFirstConsumer",
    allowVolumeExpansion: true,
  };
}
