/**
 * npm run capacity -- --stack NAME [--plan FILE] [--json]
 *
 * Reads out/<stack>/plan.json (or --plan FILE; run `npm run plan -- --stack NAME` first), prints the
 * demand derivation and every capacity check, with all regions up and with one lost.
 */
import * as path from "path";
import { type CommandSpec, type ParsedArgs, str, UsageError } from "../plan/args";
import { type CommandIo, processMain } from "../plan/command";
import { readPlanFile } from "../plan/load";
import type { Plan } from "../plan/model";
import { ASSUMPTIONS } from "./assumptions";
import { capacityChecks, demand, regionFacts, type PlanLike } from "./model";
import { formatTriggerAsks, triggerAsks } from "./triggers";

export const CAPACITY_COMMAND: CommandSpec = {
  command: "capacity",
  summary: "Whether each region's ceilings reach the design peak, with all regions up and with one lost.",
  flags: [
    { name: "stack", value: "NAME", help: "reads out/NAME/plan.json" },
    { name: "plan", value: "FILE", help: "read this plan.json instead" },
    { name: "json", help: "print the assumptions, demand and checks as JSON" },
  ],
  notes: ["Exit 0 when every check holds; 1 when one falls short; 2 on bad arguments or files."],
};

/** The view: a plan -> demand and checks. */
export function capacityView(plan: Plan) {
  const facts = regionFacts(plan as unknown as PlanLike);
  const d = demand(plan as unknown as PlanLike);
  const triggers = triggerAsks(plan as unknown as PlanLike, d);
  return { stack: plan.stack, facts, demand: d, checks: capacityChecks(facts, d), triggers };
}

export function formatCapacity(report: ReturnType<typeof capacityView>): string {
  const n = (x: number) => (x < 100 ? x.toFixed(1) : Math.round(x).toLocaleString("en-US"));
  const { facts, demand: d, checks } = report;
  const short = checks.filter((c) => !c.ok);
  return [
    `Capacity of stack ${report.stack} (${facts.length} region(s): ${facts.map((f) => f.region).join(", ")})`,
    `Demand (platform:demand): ${n(d.users)} users x ${d.dailyActiveShare * 100} % daily active = ${n(d.dailyActiveUsers)} DAU x ` +
      `${d.requestsPerActiveUserPerDay} requests/day = ${n(d.averageRps)} rps average x ${d.peakToAverage} peak = ` +
      `${n(d.derivedPeakRps)} rps; design peak ${d.peakFrom === "configured" ? "set by demand.peakRps" : `max(that, floor ${n(d.floorRps)})`} = ${n(d.peakRps)} rps`,
    ...checks.map(
      (c) =>
        `${c.ok ? "ok  " : "SHORT"} ${c.region.padEnd(14)} ${c.scenario.padEnd(16)} ${c.what}: ` +
        `need ${n(c.need)}, have ${n(c.have)}`,
    ),
    short.length ? `${short.length} check(s) short` : "every check holds",
    ...formatTriggerAsks(report.triggers),
  ].join("\n");
}

export function runCapacity(args: ParsedArgs, io: CommandIo): number {
  const stack = str(args, "stack");
  const file = str(args, "plan") ?? (stack ? path.join(io.rootDir, "out", stack, "plan.json") : undefined);
  if (!file) throw new UsageError("--stack <name> or --plan FILE is required (e.g. --stack dev)");
  const plan = readPlanFile(file, io.cwd);
  const report = capacityView(plan);
  if (args.flags.json === true) {
    const { stack: name, demand: d, checks, triggers } = report;
    io.stdout(JSON.stringify({ stack: name, assumptions: ASSUMPTIONS, demand: d, checks, triggers }, null, 2) + "\n");
  } else io.stdout(formatCapacity(report) + "\n");
  return report.checks.every((c) => c.ok) ? 0 : 1;
}

if (require.main === module) processMain(CAPACITY_COMMAND, runCapacity, path.resolve(__dirname, "..", ".."));
