import type { NodePoolConfig } from "../../config/types";
import { SYSTEM_NODE_LABEL, SYSTEM_TOLERATIONS } from "../types";

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Manifest = Record<string, any>;

/** Tag key Karpenter discovers subnets and security groups by (the VPC tags private subnets with it). */
export const DISCOVERY_TAG = "karpenter.sh/discovery";
/** ServiceAccount the chart creates for the controller; the Pod Identity association names it. */
export const KARPENTER_SERVICE_ACCOUNT = "karpenter";
/** The one EC2NodeClass every NodePool references. */
export const DEFAULT_NODE_CLASS = "default";

export interface NodePoolOptions {
  /** EC2NodeClass the pool launches with (default DEFAULT_NODE_CLASS). */
  nodeClassName?: string;
}

/**
 * A karpenter.sh/v1 NodePool from one configured pool. v1 moved `expireAfter` under
 * `spec.template.spec`; `consolidateAfter` is required with either policy. Linux only: the
 * EC2NodeClass is AL2023.
 */
export function nodePoolManifest(pool: NodePoolConfig, opts: NodePoolOptions = {}): Manifest {
  const requirements = [
    { key: "karpenter.sh/capacity-type", operator: "In", values: [...pool.capacityTypes] },
    { key: "kubernetes.io/arch", operator: "In", values: [...pool.architectures] },
    { key: "karpenter.k8s.aws/instance-family", operator: "In", values: [...pool.instanceFamilies] },
    { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
  ];
  return {
    apiVersion: "karpenter.sh/v1",
    kind: "NodePool",
    metadata: { name: pool.name },
    spec: {
      template: {
        metadata: { labels: { "platform.io/node-pool": pool.name } },
        spec: {
          requirements,
          nodeClassRef: {
            group: "karpenter.k8s.aws",
            kind: "EC2NodeClass",
            name: opts.nodeClassName ?? DEFAULT_NODE_CLASS,
          },
          expireAfter: pool.expireAfter,
        },
      },
      limits: { cpu: String(pool.limits.cpu), memory: pool.limits.memory },
      disruption: {
        consolidationPolicy: pool.consolidationPolicy,
        consolidateAfter: pool.consolidateAfter,
        budgets: [{ nodes: `${pool.disruptionBudgetPercent}%` }],
      },
      ...(pool.weight !== undefined ? { weight: pool.weight } : {}),
    },
  };
}

export interface EC2NodeClassOptions {
  clusterName: string;
  /** IAM role name (not ARN) of the node role; Karpenter creates the instance profile for it. */
  nodeRoleName: string;
  rootVolumeGiB: number;
  /** Tags on instances, volumes and launch templates (merged after the discovery tag). */
  tags?: Record<string, string>;
  /** amiSelectorTerms alias (config karpenter.amiAlias), e.g. "al2023@v20260714". */
  amiAlias: string;
  name?: string;
}

/**
 * A karpenter.k8s.aws/v1 EC2NodeClass. IMDSv2 only with a hop limit of 1, so pods cannot reach
 * the node role's credentials through the metadata service (they get their own via Pod
 * Identity). The root volume is gp3, encrypted and removed with the instance.
 */
export function ec2NodeClassManifest(o: EC2NodeClassOptions): Manifest {
  const discovery = [{ tags: { [DISCOVERY_TAG]: o.clusterName } }];
  return {
    apiVersion: "karpenter.k8s.aws/v1",
    kind: "EC2NodeClass",
    metadata: { name: o.name ?? DEFAULT_NODE_CLASS },
    spec: {
      amiSelectorTerms: [{ alias: o.amiAlias }],
      role: o.nodeRoleName,
      subnetSelectorTerms: discovery,
      securityGroupSelectorTerms: discovery,
      metadataOptions: {
        httpEndpoint: "enabled",
        httpProtocolIPv6: "disabled",
        httpPutResponseHopLimit: 1,
        httpTokens: "required",
      },
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          ebs: { volumeSize: `${o.rootVolumeGiB}Gi`, volumeType: "gp3", encrypted: true, deleteOnTermination: true },
        },
      ],
      tags: { ...(o.tags ?? {}), [DISCOVERY_TAG]: o.clusterName },
    },
  };
}

export interface KarpenterValuesOptions {
  clusterName: string;
  /** SQS queue *name* (not URL/ARN): settings.interruptionQueue. */
  interruptionQueueName: string;
  /** Controller replicas (leader election); default 2. */
  replicas?: number;
}

/**
 * Helm values for the upstream chart. The controller must never run on a node it manages, so it
 * stays on the tainted system node group (the chart's default affinity also keeps it off
 * `karpenter.sh/nodepool` nodes). No IRSA annotation: credentials come from the Pod Identity
 * association for kube-system/karpenter. The API endpoint is discovered through
 * eks:DescribeCluster, so settings.clusterEndpoint stays unset.
 */
export function karpenterValues(o: KarpenterValuesOptions): Manifest {
  return {
    settings: { clusterName: o.clusterName, interruptionQueue: o.interruptionQueueName },
    serviceAccount: { create: true, name: KARPENTER_SERVICE_ACCOUNT },
    replicas: o.replicas ?? 2,
    podDisruptionBudget: { name: "karpenter", maxUnavailable: 1 },
    controller: {
      // Requests = limits for memory: an OOM-killed controller stops all provisioning.
      resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
    },
    nodeSelector: { "kubernetes.io/os": "linux", ...SYSTEM_NODE_LABEL },
    tolerations: SYSTEM_TOLERATIONS.map((t) => ({ ...t })),
    logLevel: "info",
  };
}
