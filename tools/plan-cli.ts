/**
 * The `npm run plan` command as a function: arguments in, exit code and printed text out.
 * tools/plan.ts gives it the real process; tests call it in-process with a memoised builder, so every
 * message and exit code is checked without a second Node process. The convention (--help, one-line
 * errors with exit 2, progress on stderr) is tools/plan/command.ts.
 */
import * as fs from "fs";
import * as path from "path";
import { CommandFailure, type CommandSpec, str, UsageError, usageLine } from "./plan/args";
import { type CommandIo, planStack, runCommand, stackTarget } from "./plan/command";
import type { PlanOptions, PlanResult } from "./plan-lib";
import type { Plan } from "./plan/model";
import { mandatoryReport } from "./plan-report";

export const PLAN_COMMAND: CommandSpec = {
  command: "plan",
  summary:
    "Runs the program on the mock engine with the stack's config, evaluates the policy pack and the plan " +
    "analyses, prints a summary per region and component and writes DIR/plan.json (default out/<stack>/plan.json).",
  flags: [
    { name: "stack", value: "NAME", help: "the stack: reads Pulumi.NAME.yaml" },
    { name: "config-file", value: "FILE", help: "another stack file" },
    { name: "out", value: "DIR", help: "where plan.json goes (default out/<stack>)" },
    { name: "quiet", help: "no summary; mandatory violations are still listed" },
    {
      name: "preview",
      help: "as `pulumi preview` of a fresh stack sees it: computed outputs unknown, apply callbacks skipped",
    },
  ],
  notes: [
    "Exit 0: plan written and no mandatory violation; 1: bad config or a mandatory violation; 2: bad arguments.",
    "PLATFORM_TODAY=YYYY-MM-DD judges support dates on a fixed day.",
  ],
};

export const USAGE = usageLine(PLAN_COMMAND);

export interface PlanCliIo extends CommandIo {
  /** Default: buildPlan, the real program on the mock engine. */
  build?: (opts: PlanOptions) => Promise<PlanResult>;
}

/** What the command prints when the program itself fails: a bug, said as one line, no stack trace. */
export function crashReport(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return `plan: the program stopped with an error (a bug, not your config): ${message.split("\n")[0]}\n`;
}

/** What a preview could not decide: resources with values unknown until deploy, checks waiting for them. */
function previewLine(plan: Plan): string {
  const unknown = plan.resources.filter((r) => JSON.stringify(r.inputs).includes('"[unknown]"')).length;
  const waiting = plan.violations.filter((v) => /can't run policy|cannot check until known/.test(v.message)).length;
  return (
    `Preview: ${unknown} resources have inputs unknown until deploy; ` +
    `${waiting} check${waiting === 1 ? "" : "s"} cannot decide until they are known (advisory)`
  );
}

/** Runs the command; resolves to the process exit code (0: plan written and no mandatory violation). */
export function runPlanCli(argv: readonly string[], io: PlanCliIo): Promise<number> {
  return runCommand(PLAN_COMMAND, argv, io, async (args) => {
    const target = stackTarget(args, io);
    // PLATFORM_TODAY (YYYY-MM-DD) judges support dates on a fixed day (tests, reproducing a report).
    const today = io.env.PLATFORM_TODAY ? new Date(`${io.env.PLATFORM_TODAY}T00:00:00Z`) : undefined;
    if (today && Number.isNaN(today.getTime()))
      throw new UsageError(`PLATFORM_TODAY: got "${io.env.PLATFORM_TODAY}"; expected a date YYYY-MM-DD`);
    const preview = args.flags.preview === true;
    const started = Date.now();
    const result = await planStack(target, io, { today, preview, build: io.build });
    const { mandatoryViolations, summarize } = await import("./plan-lib");
    for (const w of result.warnings) io.stderr(`plan: warning: ${w}\n`);
    const outDir = path.resolve(io.cwd, str(args, "out") ?? path.join(io.rootDir, "out", target.stack));
    fs.mkdirSync(outDir, { recursive: true });
    const file = path.join(outDir, "plan.json");
    fs.writeFileSync(file, JSON.stringify(result.plan, null, 2) + "\n");
    const quiet = args.flags.quiet === true;
    if (!quiet) io.stdout(summarize(result.plan) + "\n");
    if (preview) io.stdout(previewLine(result.plan) + "\n");
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    io.stdout(`Wrote ${path.relative(io.cwd, file) || file} in ${seconds}s\n`);
    const mandatory = mandatoryViolations(result.plan);
    if (mandatory.length > 0) throw new CommandFailure(mandatoryReport(mandatory, quiet), 1);
    return 0;
  });
}
