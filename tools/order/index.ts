import type { Violation } from "../../policies/lib/offline";
import { awsFindings } from "./aws";
import { PlanGraph, type PlanLike } from "./graph";
import { kubernetesFindings } from "./kubernetes";
import { secondUpFindings } from "./second-up";

export { ORDER_POLICY, SECOND_UP_POLICY, PlanGraph, type PlanLike } from "./graph";
export { SINGLE_OWNER_POLICY } from "./second-up";
export { isCustomResource, providedKinds, chartRule } from "./kubernetes";

/**
 * The order and admission model and the second-up model over a plan: every prerequisite
 * (CRDs, namespaces, admission webhooks and what they read, AWS resources in a needed state)
 * is created first, no chart renders what the program creates, no record has two owners, and no
 * resource fights AWS or a controller over an input they change. Rules are data with their
 * sources (rules.json, aws-state.json, second-up.json).
 */
export function orderFindings(plan: PlanLike): Violation[] {
  const g = new PlanGraph(plan.resources);
  return [...kubernetesFindings(g), ...awsFindings(g), ...secondUpFindings(g)];
}
