import { guardUnknowns, type PlatformPolicy } from "./policy";
import type { RegistryEntry } from "./registry-entry";
import { stackPolicies } from "../stack/entries";
import { networkPolicies } from "../aws/network/entries";
import { storagePolicies } from "../aws/storage/entries";
import { karpenterPolicies } from "../aws/karpenter/entries";
import { workloadsPolicies } from "../aws/workloads/entries";
import { dataPolicies } from "../aws/data/entries";
import { dynamodbPolicies } from "../aws/dynamodb/entries";
import { lambdaPolicies } from "../aws/lambda/entries";
import { kafkaPolicies } from "../aws/kafka/entries";
import { eksPolicies } from "../aws/eks/entries";
import { edgePolicies } from "../aws/edge/entries";
import { namesPolicies } from "../aws/names/entries";
import { accessPolicies } from "../aws/access/entries";
import { kubernetesPolicies } from "../kubernetes/entries";

export type { RegistryEntry } from "./registry-entry";

/**
 * The pack, assembled from each area's own `entries.ts` (adding a policy never edits this file
 * unless it opens a new area).
 */
export const REGISTRY: readonly RegistryEntry[] = [
  ...stackPolicies,
  ...networkPolicies,
  ...storagePolicies,
  ...karpenterPolicies,
  ...workloadsPolicies,
  ...dataPolicies,
  ...dynamodbPolicies,
  ...lambdaPolicies,
  ...kafkaPolicies,
  ...eksPolicies,
  ...edgePolicies,
  ...namesPolicies,
  ...accessPolicies,
  ...kubernetesPolicies,
];

/**
 * The pack's policies, fresh objects each call (the PolicyPack, tests and the offline evaluator), each
 * under preview semantics: one that read an unknown value and would report cannot decide (guardUnknowns).
 */
export function allPolicies(): PlatformPolicy[] {
  return REGISTRY.map((entry) => guardUnknowns(entry.create()));
}
