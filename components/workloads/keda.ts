import type * as pulumi from "@pulumi/pulumi";
import { SYSTEM_NODE_LABEL, SYSTEM_TOLERATIONS } from "../cluster/types";
import type { ServiceConfig } from "../config/types";

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
  };
}

type Statement = Record<string, unknown>;

/** A queue consumer: receive, delete, extend visibility, read depth. Only this queue. */
export function queueConsumerStatements(queueArn: pulumi.Input<string>): Statement[] {
  return [{ Sid: "ConsumeQueue", Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"], Resource: queueArn }];
}

/** A queue producer: send only. */
export function queueProducerStatements(queueArn: pulumi.Input<string>): Statement[] {
  return [{ Sid: "SendToQueue", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: queueArn }];
}

/** KEDA's aws-sqs-queue scaler reads ApproximateNumberOfMessages*: nothing else. */
export function kedaOperatorStatements(queueArns: pulumi.Input<string>[]): Statement[] {
  return [{ Sid: "ReadQueueDepth", Effect: "Allow", Action: ["sqs:GetQueueAttributes"], Resource: queueArns }];
}

/** What a service may do on the region's queue: workers consume, web services produce. */
export function queueAccess(service: ServiceConfig): "consumer" | "producer" | null {
  if (!service.uses.queue) return null;
  return service.kind === "worker" ? "consumer" : "producer";
}

/** SQS redrive: after this many receives a message goes to the DLQ. */
export const MAX_RECEIVE_COUNT = 5;
/** DLQ retention: the SQS maximum (14 days), time to inspect and redrive. */
export const DLQ_RETENTION_SECONDS = 14 * 24 * 3600;

/** redrivePolicy JSON for the main queue. */
export function redrivePolicy(dlqArn: string): string {
  return JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: MAX_RECEIVE_COUNT });
}
