/**
 * The offline plan diff: kept as the entry point other code and tests import;
 * the review itself lives in tools/review/.
 */
import type { PlanResource } from "./engine/run";
import type { Plan } from "./plan-lib";
import { valueChanges } from "./review/values";

export { review, renderReview, summaryLine, GITHUB_COMMENT_LIMIT } from "./review/render";
export type { Review, ReviewOptions } from "./review/render";
export type { CostReport } from "./review/cost";

export interface ResourceChange {
  urn: string;
  type: string;
  region: string | null;
  /** Dotted paths that differ, e.g. `inputs.tags.Name`, `provider`; arrays of named items by key. */
  paths: string[];
}

export interface PlanDiff {
  added: PlanResource[];
  removed: PlanResource[];
  changed: ResourceChange[];
}

const COMPARED = ["inputs", "provider", "region", "parent", "custom"] as const;

/** Resources keyed by URN; a rename is a remove plus an add, as Pulumi would do it. */
export function diffPlans(base: Pick<Plan, "resources">, head: Pick<Plan, "resources">): PlanDiff {
  const before = new Map(base.resources.map((r) => [r.urn, r]));
  const after = new Map(head.resources.map((r) => [r.urn, r]));
  const added = head.resources.filter((r) => !before.has(r.urn));
  const removed = base.resources.filter((r) => !after.has(r.urn));
  const changed: ResourceChange[] = [];
  for (const r of head.resources) {
    const old = before.get(r.urn);
    if (!old) continue;
    const paths = COMPARED.flatMap((key) => valueChanges(old[key], r[key], key).map((c) => c.path));
    if (paths.length > 0) changed.push({ urn: r.urn, type: r.type, region: r.region, paths });
  }
  return { added, removed, changed };
}
