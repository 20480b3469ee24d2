/**
 * DynamoDB from the pods: a service that declares the table (pod label, from `uses.dynamodb`) reads
 * and writes items of its region's table or replica, and DynamoDB decrypts with that region's key on
 * its behalf; a service that does not declare it may not touch the table.
 */
import type { Need } from "./model";
import { ACCESS_LABELS } from "../../components/workloads/manifests/common";
import type { World } from "./world";
import { SERVICE_TABLE_ACTIONS } from "../../components/dynamodb/plan";

/**
 * A service that declares DynamoDB reads and writes items of its region's table (the table or its
 * replica there) and DynamoDB decrypts with that region's key on its behalf; any other service may not.
 */
/** What a Deployment's pods declare and load (built in needs-pods.ts). */
interface PodUse {
  region: string;
  roleArn: string;
  shared: Record<string, string>;
  labels: Record<string, string>;
  urn: string;
}

export function tableNeeds(world: World, loads: readonly PodUse[]): Need[] {
  const tables = [
    ...world
      .ofType("aws:dynamodb/table:Table")
      .map((t) => ({ r: t, key: (t.inputs.serverSideEncryption as { kmsKeyArn?: string } | undefined)?.kmsKeyArn })),
    ...world
      .ofType("aws:dynamodb/tableReplica:TableReplica")
      .map((t) => ({ r: t, key: t.inputs.kmsKeyArn as string | undefined })),
  ];
  return loads.flatMap((w) => {
    const local = tables.find((t) => t.r.region === w.region);
    if (!local || !w.shared.DYNAMODB_TABLE_NAME) return [];
    const uses = w.labels[ACCESS_LABELS.dynamodb] === "true";
    const arn = String(world.out(local.r).arn);
    const ask = (action: string, resource: string, context = {}): Need => ({
      requirement: uses ? "service-own-table" : "service-no-table",
      kind: uses ? "required" : "forbidden",
      asker: { role: w.roleArn },
      action,
      resource,
      context,
      urn: w.urn,
    });
    const items = SERVICE_TABLE_ACTIONS.map((a) => ask(a, arn));
    if (!uses) return items;
    return [
      ...items,
      ...(local.key
        ? ["kms:Decrypt", "kms:DescribeKey"].map((a) =>
            ask(a, local.key!, { "kms:ViaService": `dynamodb.${w.region}.amazonaws.com` }),
          )
        : []),
    ];
  });
}
