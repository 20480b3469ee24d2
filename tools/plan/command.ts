/**
 * The convention every view follows: `--help` prints usage and exits 0; a wrong argument or file is
 * one line `<command>: <message>` on stderr and exit 2; a bad stack config is its report and exit 1;
 * anything else is one line (a bug), never a stack trace; progress goes to stderr. A command is a
 * function of (arguments, io) so specs run it in-process with the same messages and exit codes.
 */
import * as fs from "fs";
import * as path from "path";
import { CommandFailure, type CommandSpec, helpText, parseArgs, type ParsedArgs, UsageError } from "./args";
import type { PlanResult } from "../plan-lib";

export interface CommandIo {
  /** The repository root: Pulumi.yaml, the stack files and index.ts. */
  rootDir: string;
  /** Where relative paths in arguments are resolved. */
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export type CommandRun = (args: ParsedArgs, io: CommandIo) => Promise<number> | number;

/** Resolves to the exit code. */
export async function runCommand(
  spec: CommandSpec,
  argv: readonly string[],
  io: CommandIo,
  run: CommandRun,
): Promise<number> {
  try {
    const args = parseArgs(spec, argv);
    if (args.help) {
      io.stdout(helpText(spec) + "\n");
      return 0;
    }
    return await run(args, io);
  } catch (err) {
    io.stderr(errorReport(spec.command, err));
    return exitCodeOf(err);
  }
}

function exitCodeOf(err: unknown): number {
  if (err instanceof UsageError || err instanceof CommandFailure) return err.code;
  return 1;
}

/** The text printed for an error: its message for a known refusal, else one line saying it is a bug. */
export function errorReport(command: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const known = err instanceof UsageError || err instanceof CommandFailure || isConfigError(err);
  return known
    ? `${command}: ${message}\n`
    : `${command}: the program stopped with an error (a bug, not your config): ${message.split("\n")[0]}\n`;
}

/** Config and stack-file errors carry their own report (key path, value, what was expected). */
function isConfigError(err: unknown): boolean {
  return err instanceof Error && (err.name === "ConfigError" || err.name === "StackFileError");
}

/** Gives a command the real process: argv, stdout, stderr, exit code, and no stack trace on a crash. */
export function processMain(spec: CommandSpec, run: CommandRun, rootDir: string): void {
  const crash = (err: unknown) => {
    process.stderr.write(errorReport(spec.command, err));
    process.exit(1);
  };
  process.on("unhandledRejection", crash);
  runCommand(
    spec,
    process.argv.slice(2),
    {
      rootDir,
      cwd: process.cwd(),
      env: process.env,
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
    },
    run,
  ).then((code) => {
    // exitCode, not exit(): a piped stdout still flushes before the process ends.
    process.exitCode = code;
  }, crash);
}

export interface StackTarget {
  stack: string;
  /** Absolute; undefined: `<rootDir>/Pulumi.<stack>.yaml`. */
  configFile?: string;
}

/** `--stack` and `--config-file` checked before anything slow runs. */
export function stackTarget(args: ParsedArgs, io: CommandIo): StackTarget {
  const stack = args.flags.stack;
  if (typeof stack !== "string") throw new UsageError("--stack <name> is required (e.g. --stack dev)");
  const given = args.flags["config-file"];
  const configFile = typeof given === "string" ? path.resolve(io.cwd, given) : undefined;
  if (configFile && !fs.existsSync(configFile)) throw new UsageError(`config file not found: ${configFile}`);
  if (!configFile && !fs.existsSync(path.join(io.rootDir, `Pulumi.${stack}.yaml`)))
    throw new UsageError(`no Pulumi.${stack}.yaml in ${io.rootDir}; pass --config-file`);
  return { stack, configFile };
}

export interface PlanRunOptions {
  preview?: boolean;
  today?: Date;
  /** Default: buildPlan (specs pass a memoised one). */
  build?: (opts: import("../plan-lib").PlanOptions) => Promise<PlanResult>;
}

/** Runs the program for a stack on the mock engine, saying so on stderr (it takes seconds); a bad config exits 1. */
export async function planStack(target: StackTarget, io: CommandIo, opts: PlanRunOptions = {}) {
  const started = Date.now();
  io.stderr(`planning stack ${target.stack}${opts.preview ? " (preview)" : ""} on the mock engine...\n`);
  // Loaded only for a command line worth running: the program and the policy pack take seconds to load.
  const { buildPlan } = await import("../plan-lib");
  const result = await (opts.build ?? buildPlan)({
    stack: target.stack,
    rootDir: io.rootDir,
    configFile: target.configFile,
    today: opts.today,
    ...(opts.preview ? { preview: true } : {}),
  });
  if (!result.ok) throw new CommandFailure(result.error.message, 1);
  io.stderr(`planned ${target.stack} in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
  return result;
}
