/**
 * The Plan model: what `npm run plan` writes to plan.json and every view reads. One resource of it
 * (PlanResource), its options and a violation are declared in policies/lib/offline.ts because the
 * policy pack's offline evaluator reads them and the pack is its own package (policies/package.json,
 * published alone by `pulumi policy publish`), so it cannot import from here; this module re-exports
 * them so tools import the whole model from one place.
 */
import type { PlatformConfig } from "../../components/config";
import type { PlannedFlow } from "../flows";
import type { PlanResource, Violation } from "../../policies/lib/offline";

export type { PlanFlow, PlanResource, PlanResourceOptions, Violation } from "../../policies/lib/offline";
export { DEFAULT_OPTIONS } from "../../policies/lib/offline";

export interface Plan {
  stack: string;
  project: string;
  resources: PlanResource[];
  outputs: Record<string, unknown>;
  violations: Violation[];
  /** The network paths the platform needs (tools/flows/required.ts), each with its evidence or what is missing. */
  flows: PlannedFlow[];
  /** The resolved `platform:cost` section: usage assumptions the cost estimate reads (tools/cost). */
  usage?: PlatformConfig["cost"];
  /** Entries of the registered plan analyses (tools/plan/analyses.ts), one key per analysis. */
  [analysis: string]: unknown;
}

export interface ResourceCount {
  /** Custom resources other than providers: what `pulumi up` creates in AWS and the clusters. */
  resources: number;
  /** Provider resources (`pulumi:providers:*`): one per region and cluster, plus random/helm. */
  providers: number;
  /** Component resources, the stack included: grouping only, nothing is created for them. */
  components: number;
}

/** The one resource count every view prints: `resources`; providers and components are named apart. */
export function countResources(plan: Pick<Plan, "resources">): ResourceCount {
  const count: ResourceCount = { resources: 0, providers: 0, components: 0 };
  for (const r of plan.resources)
    if (!r.custom) count.components++;
    else if (r.type.startsWith("pulumi:providers:")) count.providers++;
    else count.resources++;
  return count;
}

/** "945 resources (+ 12 providers, 28 components)". */
export function countLine(plan: Pick<Plan, "resources">): string {
  const c = countResources(plan);
  return `${c.resources} resources (+ ${c.providers} providers, ${c.components} components)`;
}
