import type * as pulumi from "@pulumi/pulumi";
import { SYSTEM_NODE_LABEL, SYSTEM_TOLERATIONS } from "../cluster/types";

/** ServiceAccount of the KEDA operator (chart value serviceAccount.operator.name); its Pod Identity reads SQS. */
export const KEDA_OPERATOR_SA = "keda-operator";

/**
 * Helm values for the upstream KEDA chart. The operator runs on the tainted system nodes so
 * scaling keeps working while Karpenter replaces workload nodes. No IRSA values: credentials
 * come from EKS Pod Identity (an association for keda/keda-operator), which needs no
 * ServiceAccount annotation. Two operator replicas in prod: leader election, fast failover.
 */
export function kedaValues(opts: { operatorReplicas: number }): Record<string, unknown> {
  return {
    serviceAccount: { operator: { create: true, name: KEDA_OPERATOR_SA, automountServiceAccountToken: true } },
    operator: { replicaCount: opts.operatorReplicas },
    nodeSelector: { ...SYSTEM_NODE_LABEL },
    tolerations: SYSTEM_TOLERATIONS.map((t) => ({ ...t })),
    podIdentity: { aws: { irsa: { enabled: false } } },
    prometheus: { operator: { enabled: true }, metricServer: { enabled: true } },
    // KEDA authenticates to AWS with Pod Identity, never with Secrets: the operator and the
    // metrics server may read Secrets only in their own namespace instead of cluster-wide
    // (kedacore/charts keda/README.md: permissions.operator.restrict.secret,
    // permissions.metricServer.restrict.secret, both default false; issue 19).
    permissions: { operator: { restrict: { secret: true } }, metricServer: { restrict: { secret: true } } },
  };
}

type Statement = Record<string, unknown>;

/** KEDA's aws-sqs-queue scaler reads ApproximateNumberOfMessages*: nothing else. */
export function kedaOperatorStatements(queueArns: pulumi.Input<string>[]): Statement[] {
  return [{ Sid: "ReadQueueDepth", Effect: "Allow", Action: ["sqs:GetQueueAttributes"], Resource: queueArns }];
}
