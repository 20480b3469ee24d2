/**
 * Plan analyses: models evaluated over the planned resources whose results plan.json carries under
 * their own key and whose failures join the plan's violations (so they fail `npm run plan` like a
 * mandatory policy). A new model is one function and one line in ANALYSES; docs/views.md shows how.
 */
import type { PlatformConfig } from "../../components/config";
import { evaluateFlows } from "../flows";
import { orderFindings } from "../order";
import { flowViolations, type PlanResource, type Violation } from "../../policies/lib/offline";
import { UNKNOWN_PLACEHOLDER } from "../../policies/lib/preview";

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
  { name: "order and admission", analyse: ({ resources }) => ({ violations: orderFindings({ resources }) }) },
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
    const result = a.analyse({ ...input, resources });
    if (a.key) entries[a.key] = result.entries ?? [];
    const found = met.length > 0 ? result.violations.map((v) => cannotDecide(a.name, v, met[0])) : result.violations;
    violations.push(...found);
  }
  return { entries, violations };
}

function cannotDecide(analysis: string, v: Violation, where: string): Violation {
  return {
    ...v,
    enforcementLevel: "advisory",
    message: `cannot check until known (the ${analysis} model read an unknown value, ${where}, in a preview): ${v.message}`,
  };
}

/** The resource with its inputs behind a proxy that notes every "[unknown]" read (resource name and path). */
function recordUnknowns(r: PlanResource, met: string[]): PlanResource {
  const wrap = (value: unknown, path: string): unknown => {
    if (value === null || typeof value !== "object") return value;
    return new Proxy(value as object, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (typeof prop === "symbol") return v;
        if (v === UNKNOWN_PLACEHOLDER) met.push(`${r.name} ${path}.${prop}`);
        return wrap(v, `${path}.${prop}`);
      },
    });
  };
  return { ...r, inputs: wrap(r.inputs, "inputs") as Record<string, unknown> };
}
