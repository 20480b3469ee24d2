/**
 * Plan analyses: models evaluated over the planned resources whose results plan.json carries under
 * their own key and whose failures join the plan's violations (so they fail `npm run plan` like a
 * mandatory policy). A new model is one function and one line in ANALYSES; docs/views.md shows how.
 */
import type { PlatformConfig } from "../../components/config";
import { accessEntries } from "../access";
import { evaluateFlows } from "../flows";
import { orderFindings } from "../order";
import { flowViolations, type PlanResource, type Violation } from "../../policies/lib/offline";

export interface AnalysisInput {
  resources: readonly PlanResource[];
  /** The stack's resolved config. */
  config: PlatformConfig;
}

export interface AnalysisResult {
  /** Written to plan.json under the analysis's key (none: the analysis only reports violations). */
  entries?: unknown[];
  violations: Violation[];
}

export interface PlanAnalysis {
  /** What it models (error messages name it). */
  name: string;
  /** The plan.json key of its entries (e.g. "flows"); absent when it has none. */
  key?: string;
  analyse(input: AnalysisInput): AnalysisResult;
}

/** In plan.json order. */
export const ANALYSES: readonly PlanAnalysis[] = [
  {
    name: "network flows",
    key: "flows",
    analyse: ({ resources }) => {
      const flows = evaluateFlows(resources);
      return { entries: flows, violations: flowViolations(flows) };
    },
  },
  {
    name: "access",
    key: "access",
    analyse: ({ resources }) => ({ entries: accessEntries(resources), violations: [] }),
  },
  { name: "order and admission", analyse: ({ resources }) => ({ violations: orderFindings({ resources }) }) },
];

/** Runs every analysis: plan.json's entries by key, and all their violations. */
export function runAnalyses(
  input: AnalysisInput,
  analyses: readonly PlanAnalysis[] = ANALYSES,
): { entries: Record<string, unknown[]>; violations: Violation[] } {
  const entries: Record<string, unknown[]> = {};
  const violations: Violation[] = [];
  for (const a of analyses) {
    const result = a.analyse(input);
    if (a.key) entries[a.key] = result.entries ?? [];
    violations.push(...result.violations);
  }
  return { entries, violations };
}
