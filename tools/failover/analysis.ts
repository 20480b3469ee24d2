/**
 * The failover model as a plan analysis: plan.json `failover` holds one entry (objective, budget,
 * each scenario's RTOs and RPO) and `npm run plan` prints its summary line. Advisory: a scenario over
 * the budget is reported, not a violation (a one-region stack cannot survive its region by design).
 */
import type { PlanResource } from "../../policies/lib/offline";
import { failoverReport, type FailoverReport } from "./model";

export interface FailoverEntry {
  readonly objective: number;
  readonly budgetSeconds: number;
  readonly ok: boolean;
  readonly scenarios: readonly {
    readonly name: string;
    readonly readRtoSeconds: number | null;
    readonly writeRtoSeconds: number | null;
    readonly rpoSeconds: number | null;
    readonly withinBudget: boolean;
    readonly closing?: string;
  }[];
}

export function failoverEntry(resources: readonly PlanResource[], objective: number): FailoverEntry {
  const r: FailoverReport = failoverReport(resources, { objective });
  return {
    objective: r.objective,
    budgetSeconds: r.budgetSeconds,
    ok: r.ok,
    scenarios: r.scenarios.map((s) => ({
      name: s.name,
      readRtoSeconds: s.readRtoSeconds,
      writeRtoSeconds: s.writeRtoSeconds,
      rpoSeconds: s.rpoSeconds,
      withinBudget: s.withinBudget,
      ...(s.closing ? { closing: s.closing } : {}),
    })),
  };
}

const secs = (x: number | null) => (x === null ? "never" : `${x} s`);

/** One line for the plan summary, e.g. "Failover (99.99 % = 259.2 s a month): 3 of 4 within; over: ...". */
export function failoverSummaryLine(entry: FailoverEntry): string {
  const over = entry.scenarios.filter((s) => !s.withinBudget);
  const head =
    `Failover (objective ${entry.objective} % = ${entry.budgetSeconds} s a month): ` +
    `${entry.scenarios.length - over.length} of ${entry.scenarios.length} scenarios within the budget`;
  if (!over.length) return head;
  const list = over.map((s) => `${s.name} (read ${secs(s.readRtoSeconds)}, write ${secs(s.writeRtoSeconds)})`);
  return `${head}; over: ${list.join("; ")}; npm run failover -- --stack <stack> shows why`;
}
