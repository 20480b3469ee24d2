/**
 * The `npm run plan` command as a function: arguments in, exit code and printed text out.
 * tools/plan.ts gives it the real process (argv, stdout, stderr, exit); tests call it in-process
 * with the same builder, so every message and exit code is checked without a second Node process.
 */
import * as fs from "fs";
import * as path from "path";
import { StackFileError } from "./engine/stack-config";
import type { PlanOptions, PlanResult } from "./plan-lib";
import { mandatoryReport } from "./plan-report";

export const USAGE = "npm run plan -- --stack <name> [--config-file FILE] [--out DIR] [--quiet]";

export interface PlanCliIo {
  /** The repository root: Pulumi.yaml, the stack files and index.ts. */
  rootDir: string;
  /** Where relative paths in arguments and the printed output path are resolved. */
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Default: buildPlan, the real program on the mock engine. */
  build?: (opts: PlanOptions) => Promise<PlanResult>;
}

interface Args {
  stack: string;
  configFile?: string;
  out?: string;
  quiet: boolean;
}

/** A refusal with its exit code: 2 for a wrong command line, 1 for a bad stack or a failing plan. */
class Exit extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

function parseArgs(argv: readonly string[]): Args {
  let stack: string | undefined;
  const args: Omit<Args, "stack"> = { quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Exit(`${a} needs a value`, 2);
      return v;
    };
    if (a === "--stack") stack = value();
    else if (a === "--config-file") args.configFile = value();
    else if (a === "--out") args.out = value();
    else if (a === "--quiet") args.quiet = true;
    else throw new Exit(`unknown argument ${a}; usage: ${USAGE}`, 2);
  }
  if (!stack) throw new Exit("--stack <name> is required (e.g. --stack dev)", 2);
  return { stack, ...args };
}

/** What the command prints when the program itself fails: a bug, said as one line, no stack trace. */
export function crashReport(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return `plan: the program stopped with an error (a bug, not your config): ${message}\n`;
}

/** Runs the command; resolves to the process exit code (0: plan written and no mandatory violation). */
export async function runPlanCli(argv: readonly string[], io: PlanCliIo): Promise<number> {
  try {
    await plan(parseArgs(argv), io);
    return 0;
  } catch (err) {
    if (err instanceof Exit) {
      io.stderr(`plan: ${err.message}\n`);
      return err.code;
    }
    io.stderr(crashReport(err));
    return 1;
  }
}

async function plan(args: Args, io: PlanCliIo): Promise<void> {
  const started = Date.now();
  const configFile = args.configFile ? path.resolve(io.cwd, args.configFile) : undefined;
  if (configFile && !fs.existsSync(configFile)) throw new Exit(`config file not found: ${configFile}`, 2);
  if (!configFile && !fs.existsSync(path.join(io.rootDir, `Pulumi.${args.stack}.yaml`)))
    throw new Exit(`no Pulumi.${args.stack}.yaml in ${io.rootDir}; pass --config-file`, 2);
  // PLATFORM_TODAY (YYYY-MM-DD) judges support dates on a fixed day (tests, reproducing a report).
  const today = io.env.PLATFORM_TODAY ? new Date(`${io.env.PLATFORM_TODAY}T00:00:00Z`) : undefined;
  if (today && Number.isNaN(today.getTime()))
    throw new Exit(`PLATFORM_TODAY: got "${io.env.PLATFORM_TODAY}"; expected a date YYYY-MM-DD`, 2);
  // Loaded only for a command line worth running: the program and the policy pack take seconds to load.
  const { buildPlan, mandatoryViolations, summarize } = await import("./plan-lib");
  let result: PlanResult;
  try {
    result = await (io.build ?? buildPlan)({ stack: args.stack, rootDir: io.rootDir, configFile, today });
  } catch (err) {
    // Pulumi.yaml or the stack file is one the Pulumi CLI would refuse: the report says file, key and fix.
    if (err instanceof StackFileError) throw new Exit(err.message, 1);
    throw err;
  }
  if (!result.ok) throw new Exit(result.error.message, 1);
  for (const w of result.warnings) io.stderr(`plan: warning: ${w}\n`);
  const outDir = path.resolve(io.cwd, args.out ?? path.join(io.rootDir, "out", args.stack));
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, "plan.json");
  fs.writeFileSync(file, JSON.stringify(result.plan, null, 2) + "\n");
  if (!args.quiet) io.stdout(summarize(result.plan) + "\n");
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  io.stdout(`Wrote ${path.relative(io.cwd, file) || file} in ${seconds}s\n`);
  const mandatory = mandatoryViolations(result.plan);
  if (mandatory.length > 0) throw new Exit(mandatoryReport(mandatory, args.quiet), 1);
}
