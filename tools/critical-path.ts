/**
 * npm run critical-path -- --stack NAME [--config-file FILE] [--plan FILE] [--max-gap PERCENT] [--json]
 *                          [--format text|json|mermaid]
 *
 * Estimates how long a fresh `pulumi up` takes: the longest chain of typical create durations
 * (tools/critical-path-durations.ts, with sources) through plan.json's dependencies, the floor
 * (the longest chain no dependency edit can shorten), the gap, and when each region serves
 * traffic. Plans the stack on the mock engine, or reads an existing plan.json with --plan.
 */
import * as path from "path";
import { CommandFailure, type CommandSpec, type ParsedArgs, str, UsageError } from "./plan/args";
import { type CommandIo, planStack, processMain, stackTarget } from "./plan/command";
import { readPlanFile } from "./plan/load";
import { analyse, formatReport } from "./critical-path-lib";
import { deployGantt } from "./pictures/mermaid";

export const CRITICAL_PATH_COMMAND: CommandSpec = {
  command: "critical-path",
  summary: "How long a fresh `pulumi up` takes: the critical path, its floor, the gap, and when each region serves.",
  flags: [
    { name: "stack", value: "NAME", help: "plan Pulumi.NAME.yaml" },
    { name: "config-file", value: "FILE", help: "another stack file" },
    { name: "plan", value: "FILE", help: "read this plan.json instead of planning" },
    { name: "max-gap", value: "PERCENT", help: "exit 1 when the critical path is further above the floor" },
    { name: "json", help: "print the report as JSON (same as --format json)" },
    { name: "format", value: "text|json|mermaid", help: "mermaid: the critical path as a Gantt chart" },
  ],
  notes: ["Exit 0; 1 on a bad config or a gap over --max-gap; 2 on bad arguments or files."],
};

export async function runCriticalPath(args: ParsedArgs, io: CommandIo): Promise<number> {
  const given = str(args, "max-gap");
  const maxGap = given === undefined ? undefined : Number(given);
  if (maxGap !== undefined && (!Number.isFinite(maxGap) || maxGap < 0))
    throw new UsageError(`--max-gap: got "${given}"; expected a non-negative percentage, e.g. 5`);
  const format = str(args, "format") ?? (args.flags.json === true ? "json" : "text");
  if (!["text", "json", "mermaid"].includes(format))
    throw new UsageError(`--format: got "${format}"; expected text, json or mermaid`);
  const planFile = str(args, "plan");
  if (!planFile && !str(args, "stack")) throw new UsageError("--stack <name> or --plan FILE is required");
  const plan = planFile ? readPlanFile(planFile, io.cwd) : (await planStack(stackTarget(args, io), io)).plan;
  const report = analyse(plan.stack, plan.resources);
  io.stdout(
    format === "json"
      ? `${JSON.stringify(report, null, 2)}\n`
      : format === "mermaid"
        ? deployGantt(report)
        : `${formatReport(report)}\n`,
  );
  if (maxGap !== undefined && report.gap * 100 > maxGap)
    throw new CommandFailure(
      `${plan.stack}: ${(report.gap * 100).toFixed(1)} % above the floor; at most ${maxGap} % allowed`,
    );
  return 0;
}

if (require.main === module) processMain(CRITICAL_PATH_COMMAND, runCriticalPath, path.resolve(__dirname, ".."));
