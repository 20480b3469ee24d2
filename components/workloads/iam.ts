import * as pulumi from "@pulumi/pulumi";
import { SERVICE_TABLE_ACTIONS } from "../dynamodb/plan";
import type { ServiceConfig } from "../config/types";

/** IAM statements and queue settings for the services' Pod Identity roles; each scoped to one resource set. */
type Statement = Record<string, unknown>;

/** A queue consumer: receive, delete, extend visibility, read depth. Only this queue. */
export function queueConsumerStatements(queueArn: pulumi.Input<string>): Statement[] {
  return [
    {
      Sid: "ConsumeQueue",
      Effect: "Allow",
      Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"],
      Resource: queueArn,
    },
  ];
}

/** A queue producer: send only. */
export function queueProducerStatements(queueArn: pulumi.Input<string>): Statement[] {
  return [{ Sid: "SendToQueue", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: queueArn }];
}

/**
 * IAM database authentication as one database user: rds-db:connect on that user's ARN only
 * (arn:aws:rds-db:<region>:<account>:dbuser:<cluster-resource-id>/<user>). The service signs a
 * short-lived token with its Pod Identity credentials; no password exists to leak.
 */
export function databaseConnectStatements(dbUserArn: pulumi.Input<string>): Statement[] {
  return [{ Sid: "ConnectAsOwnDatabaseUser", Effect: "Allow", Action: ["rds-db:connect"], Resource: dbUserArn }];
}

/**
 * ElastiCache IAM authentication as the service's own cache user: elasticache:Connect on the
 * replication groups it reaches and its user there (ElastiCache user guide, "Authenticating with
 * IAM", read 2026-12-07). The pod signs a short-lived token; another service's user is not named.
 */
export function cacheConnectStatements(resources: pulumi.Input<string>[]): Statement[] {
  return [{ Sid: "ConnectAsOwnCacheUser", Effect: "Allow", Action: ["elasticache:Connect"], Resource: resources }];
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

/**
 * A service with uses.dynamodb: item reads and writes on its region's replica and queries on its
 * indexes (SERVICE_TABLE_ACTIONS; no Scan, no table management), and the table key only when
 * DynamoDB in this region uses it on the service's behalf (kms:ViaService), as DynamoDB's
 * customer-managed-key guide has principals use it.
 */
export function dynamodbItemStatements(
  tableArn: pulumi.Input<string>,
  keyArn: pulumi.Input<string>,
  region: string,
): Statement[] {
  return [
    {
      Sid: "TableItems",
      Effect: "Allow",
      Action: [...SERVICE_TABLE_ACTIONS],
      Resource: [tableArn, pulumi.interpolate`${tableArn}/index/*`],
    },
    {
      Sid: "TableKeyViaDynamoDB",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:DescribeKey"],
      Resource: keyArn,
      Condition: { StringEquals: { "kms:ViaService": `dynamodb.${region}.amazonaws.com` } },
    },
  ];
}
