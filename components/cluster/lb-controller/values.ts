import { SYSTEM_NODE_LABEL, SYSTEM_TOLERATIONS } from "../types";
import policyDocument from "./iam-policy.json";

/**
 * The controller's IAM policy as AWS publishes it for this version
 * (kubernetes-sigs/aws-load-balancer-controller docs/install/iam_policy.json at v3.5.0, the
 * file the EKS user guide tells you to download). Kept verbatim so a chart bump is a diff
 * against upstream's file, not a hand-merged rewrite.
 */
export const LB_CONTROLLER_POLICY: { Version: string; Statement: Record<string, unknown>[] } = policyDocument;

/** ServiceAccount the chart creates; the Pod Identity association names it. */
export const LB_CONTROLLER_SERVICE_ACCOUNT = "aws-load-balancer-controller";

export interface LbControllerValuesOptions {
  clusterName: string;
  region: string;
  vpcId: string;
  /** Default 2 (leader election; the webhook stays available during a rollout). */
  replicaCount?: number;
}

/**
 * Helm values for the upstream chart. Region and VPC are given rather than discovered from
 * IMDS, which the IMDSv2 hop limit of 1 makes unreachable from pods. The Service mutator
 * webhook is off: it would make this controller claim every new LoadBalancer Service, and the
 * platform has none (the ALB is Pulumi-managed and joined through a TargetGroupBinding).
 */
export function lbControllerValues(o: LbControllerValuesOptions): Record<string, unknown> {
  return {
    clusterName: o.clusterName,
    region: o.region,
    vpcId: o.vpcId,
    serviceAccount: { create: true, name: LB_CONTROLLER_SERVICE_ACCOUNT },
    replicaCount: o.replicaCount ?? 2,
    enableServiceMutatorWebhook: false,
    nodeSelector: { "kubernetes.io/os": "linux", ...SYSTEM_NODE_LABEL },
    tolerations: SYSTEM_TOLERATIONS.map((t) => ({ ...t })),
    podDisruptionBudget: { maxUnavailable: 1 },
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
  };
}
