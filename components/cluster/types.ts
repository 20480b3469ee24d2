import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/**
 * What other components need from a region's EKS cluster. EksCluster
 * (components/cluster) implements it; workloads, data, edge, observability and
 * chaos take it as an input so they can be built and tested independently.
 */
export interface ClusterHandle {
  /** Plain EKS cluster name (also the Karpenter discovery tag value). */
  readonly name: string;
  /** The Kubernetes provider for this cluster; every Kubernetes resource uses it. */
  readonly k8sProvider: k8s.Provider;
  /** EKS-managed cluster security group (attached to nodes and pods); data tier admits it. */
  readonly clusterSecurityGroupId: pulumi.Output<string>;
  /**
   * Resources that must exist before workloads are scheduled (add-ons, system
   * node group, Karpenter NodePools); pass as `dependsOn`.
   */
  readonly workloadDependencies: pulumi.Resource[];
}

/** Scheduling for cluster-critical add-ons: the tainted system node group. */
export const SYSTEM_NODE_LABEL = { "platform.io/node-role": "system" } as const;
export const SYSTEM_NODE_TAINT = { key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" } as const;
export const SYSTEM_TOLERATIONS = [
  { key: SYSTEM_NODE_TAINT.key, operator: "Equal", value: SYSTEM_NODE_TAINT.value, effect: SYSTEM_NODE_TAINT.effect },
];
