/**
 * npm run failover -- --stack NAME [--plan FILE] [--json] [--objective PERCENT] [--operator-seconds N]
 *
 * Reads out/<stack>/plan.json (or --plan FILE; run `npm run plan -- --stack NAME` first) and prints,
 * for each failure scenario, the read RTO, write RTO and RPO with every term and its source, against
 * the monthly budget of the availability objective.
 */
import * as path from "path";
import { type CommandSpec, type ParsedArgs, str, UsageError, wholeNumber } from "../plan/args";
import { type CommandIo, processMain } from "../plan/command";
import { readPlanFile } from "../plan/load";
import type { Plan } from "../plan/model";
import { failoverReport, type FailoverReport } from "./model";

/** Seed 003: 99.99 % availability. */
export const DEFAULT_OBJECTIVE = 99.99;

export const FAILOVER_COMMAND: CommandSpec = {
  command: "failover",
  summary: "Read RTO, write RTO and RPO of each failure scenario against the availability objective's budget.",
  flags: [
    { name: "stack", value: "NAME", help: "reads out/NAME/plan.json" },
    { name: "plan", value: "FILE", help: "read this plan.json instead" },
    {
      name: "objective",
      value: "PERCENT",
      help: "availability objective, 90 <= x < 100 (default: the plan's, else 99.99)",
    },
    { name: "operator-seconds", value: "N", help: "time a paged person needs to run a manual promotion (default 900)" },
    { name: "json", help: "print { objective, budgetSeconds, scenarios: [...] } as JSON" },
  ],
  notes: ["Exit 0 when every scenario is within the budget; 1 when one is not; 2 on bad arguments or files."],
};

/** The objective the plan was made with (plan.json `failover` entry), when it carries one. */
function planObjective(plan: Plan): number | undefined {
  const entry = (plan.failover as { objective?: unknown }[] | undefined)?.[0];
  return typeof entry?.objective === "number" ? entry.objective : undefined;
}

/** --objective, checked before any file is read. */
function objectiveFlag(args: ParsedArgs): number | undefined {
  const given = str(args, "objective");
  if (given === undefined) return undefined;
  const v = Number(given);
  if (!/^\d+(\.\d+)?$/.test(given) || v < 90 || v >= 100)
    throw new UsageError(`--objective: got "${given}"; expected a percentage from 90 up to (not including) 100`);
  return v;
}

const secs = (x: number | null) => (x === null ? "never" : `${x} s`);

export function formatFailover(stack: string, r: FailoverReport): string {
  const lines = [`Failover of stack ${stack}: objective ${r.objective} % = ${r.budgetSeconds} s of failure a month`];
  for (const s of r.scenarios) {
    lines.push(
      "",
      `${s.withinBudget ? "ok  " : "OVER"} ${s.name}: read RTO ${secs(s.readRtoSeconds)}, ` +
        `write RTO ${secs(s.writeRtoSeconds)}, RPO ${secs(s.rpoSeconds)}`,
    );
    for (const t of s.terms)
      lines.push(`       ${t.path.padEnd(5)} ${String(t.seconds).padStart(4)} s  ${t.what} [${t.source}]`);
    for (const n of s.notes) lines.push(`       note: ${n}`);
    if (s.closing) lines.push(`       to close the gap: ${s.closing}`);
  }
  if (r.settings.length) lines.push("", "Why each detection setting (the scenario it decides, as planned and slower):");
  for (const x of r.settings)
    lines.push(
      `  ${x.setting} = ${x.value}: ${x.scenario} in ${secs(x.seconds)}; with ${x.slower}, ${secs(x.slowerSeconds)}` +
        (x.slowerSeconds !== null && x.slowerSeconds > r.budgetSeconds ? " (over the budget)" : ""),
    );
  const over = r.scenarios.filter((s) => !s.withinBudget).length;
  lines.push("", over ? `${over} scenario(s) over the budget` : "every scenario within the budget");
  return lines.join("\n");
}

export function runFailover(args: ParsedArgs, io: CommandIo): number {
  const stack = str(args, "stack");
  const file = str(args, "plan") ?? (stack ? path.join(io.rootDir, "out", stack, "plan.json") : undefined);
  if (!file) throw new UsageError("--stack <name> or --plan FILE is required (e.g. --stack prod)");
  const operatorSeconds = wholeNumber(args, "operator-seconds");
  const given = objectiveFlag(args);
  const plan = readPlanFile(file, io.cwd);
  const objective = given ?? planObjective(plan) ?? DEFAULT_OBJECTIVE;
  const report = failoverReport(plan.resources, { objective, operatorSeconds });
  if (args.flags.json === true) {
    const { objective, budgetSeconds, scenarios, settings } = report;
    io.stdout(JSON.stringify({ objective, budgetSeconds, scenarios, settings }, null, 2) + "\n");
  } else io.stdout(formatFailover(plan.stack, report) + "\n");
  return report.ok ? 0 : 1;
}

if (require.main === module) processMain(FAILOVER_COMMAND, runFailover, path.resolve(__dirname, "..", ".."));
