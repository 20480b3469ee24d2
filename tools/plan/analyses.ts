/**
 * Plan analyses: models evaluated over the planned resources whose results plan.json carries under
 * their own key and whose failures join the plan's violations (so they fail `npm run plan` like a
 * mandatory policy). A new model is one function and one line in ANALYSES; docs/views.md shows how.
 */
import type { PlatformConfig } from "../../components/config";
import { accessReport } from "../access";
import { accessViolations } from "../access/violations";
import { evaluateFlows } from "../flows";
import { isolationAnalysis } from "../flows/isolation";
import { failoverEntry } from "../failover/analysis";
import { orderFindings } from "../order";
import { flowViolations, type PlanResource, type Violation } from "../../policies/lib/offline";
import { describeUnknowns, recordUnknowns } from "./unknowns";

export interface AnalysisInput {
  resources: readonly PlanResource[];
  /** The stack's resolved config. */
  config: PlatformConfig;
  /** A preview plan: computed values are "[unknown]" (see runAnalyses). */
  preview?: boolean;
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
  { name: "network isolation", key: "isolation", analyse: ({ resources }) => isolationAnalysis(resources) },
  {
    name: "access",
    key: "access",
    analyse: ({ resources }) => {
      const report = accessReport(resources);
      return { entries: report.entries, violations: accessViolations(report) };
    },
  },
  { name: "order and admission", analyse: ({ resources }) => ({ violations: orderFindings({ resources }) }) },
  {
    name: "failover",
    key: "failover",
    // Advisory: a scenario over the budget is shown (summary line, npm run failover), not a violation.
    analyse: ({ resources, config }) => ({
      entries: [failoverEntry(resources, config.availability.objective)],
      violations: [],
    }),
  },
];

/**
 * Runs every analysis: plan.json's entries by key, and all their violations. In a preview an analysis
 * that read an unknown value and reports a violation cannot decide (it may have read unknown as absent
 * or as a value): its violations become advisories saying so, as policies' do (policies/lib/policy.ts
 * guardUnknowns). An analysis that passes, or reads no unknown, is unchanged.
 */
export function runAnalyses(
  input: AnalysisInput,
  analyses: readonly PlanAnalysis[] = ANALYSES,
): { entries: Record<string, unknown[]>; violations: Violation[] } {
  const entries: Record<string, unknown[]> = {};
  const violations: Violation[] = [];
  for (const a of analyses) {
    const met: string[] = [];
    const resources = input.preview ? input.resources.map((r) => recordUnknowns(r, met)) : input.resources;
    let result: AnalysisResult;
    try {
      result = a.analyse({ ...input, resources });
    } catch (err) {
      // A model that stops on an unknown value in a preview cannot decide; without unknowns it is a bug.
      if (met.length === 0) throw err;
      const message = `stopped on an unknown value: ${err instanceof Error ? err.message : String(err)}`;
      result = { violations: [{ policy: a.name, enforcementLevel: "mandatory", urn: "", message }] };
    }
    if (a.key) entries[a.key] = result.entries ?? [];
    const where = describeUnknowns(met);
    const found = met.length > 0 ? result.violations.map((v) => cannotDecide(a.name, v, where)) : result.violations;
    violations.push(...found);
  }
  return { entries, violations };
}

function cannotDecide(analysis: string, v: Violation, where: string): Violation {
  return {
    ...v,
    enforcementLevel: "advisory",
    message: `cannot check until known (the ${analysis} model read ${where}, in a preview): ${v.message}`,
  };
}
