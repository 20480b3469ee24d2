/**
 * One argument parser for every view: `--flag VALUE`, `--flag=VALUE`, boolean `--flag`, positionals,
 * and `--help`/`-h`. A wrong command line is a UsageError: one line on stderr and exit 2.
 */

/** A wrong command line or input file: the command prints `<command>: <message>` and exits 2. */
export class UsageError extends Error {
  readonly code = 2;
}

/** A refusal after the command line was understood (bad config, failed check): one message, its exit code. */
export class CommandFailure extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}

export interface FlagSpec {
  /** `--name`. */
  name: string;
  /** The value's placeholder (e.g. "FILE"); absent for a boolean flag. */
  value?: string;
  help: string;
}

export interface CommandSpec {
  /** The npm script name, e.g. "cost". */
  command: string;
  /** One line: what the command does. */
  summary: string;
  /** Placeholders of the positional arguments, e.g. ["BASE", "HEAD"] (exactly that many). */
  positional?: string[];
  flags: FlagSpec[];
  /** Paragraphs after the flag list: exit codes, what is read and written. */
  notes?: string[];
}

export interface ParsedArgs {
  help: boolean;
  /** Flag values by name without dashes; boolean flags are true when given. */
  flags: Record<string, string | true>;
  positional: string[];
}

export function usageLine(spec: CommandSpec): string {
  const flags = spec.flags.map((f) => (f.value ? `[--${f.name} ${f.value}]` : `[--${f.name}]`));
  const rest = [...(spec.positional ?? []), ...flags];
  return ["npm run", spec.command, ...(rest.length > 0 ? ["--", ...rest] : [])].join(" ");
}

/** What `--help` prints. */
export function helpText(spec: CommandSpec): string {
  const width = Math.max(...spec.flags.map((f) => `--${f.name}${f.value ? ` ${f.value}` : ""}`.length), 6);
  return [
    `usage: ${usageLine(spec)}`,
    "",
    spec.summary,
    "",
    ...spec.flags.map((f) => `  ${`--${f.name}${f.value ? ` ${f.value}` : ""}`.padEnd(width)}  ${f.help}`),
    `  ${"--help".padEnd(width)}  print this help and exit`,
    ...(spec.notes && spec.notes.length > 0 ? ["", ...spec.notes] : []),
  ].join("\n");
}

export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { help: false, flags: {}, positional: [] };
  const byName = new Map(spec.flags.map((f) => [f.name, f]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") return { ...parsed, help: true };
    if (!a.startsWith("-")) {
      parsed.positional.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = (eq >= 0 ? a.slice(0, eq) : a).replace(/^--/, "");
    const flag = a.startsWith("--") ? byName.get(name) : undefined;
    if (!flag) throw new UsageError(`unknown argument ${a}; usage: ${usageLine(spec)}`);
    if (!flag.value) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      parsed.flags[name] = true;
      continue;
    }
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "" || (eq < 0 && value.startsWith("--")))
      throw new UsageError(`--${name} needs a value`);
    parsed.flags[name] = value;
  }
  const want = spec.positional ?? [];
  if (parsed.positional.length !== want.length)
    throw new UsageError(
      want.length === 0
        ? `unexpected argument ${parsed.positional[0]}; usage: ${usageLine(spec)}`
        : `expected ${want.join(" ")}; usage: ${usageLine(spec)}`,
    );
  return parsed;
}

/** A flag's string value (undefined when not given). */
export const str = (args: ParsedArgs, name: string): string | undefined =>
  typeof args.flags[name] === "string" ? (args.flags[name] as string) : undefined;

/** A whole number flag: refused with the flag, the value and what was expected. */
export function wholeNumber(args: ParsedArgs, name: string, min = 0): number | undefined {
  const v = str(args, name);
  if (v === undefined) return undefined;
  if (!/^[0-9]+$/.test(v) || Number(v) < min)
    throw new UsageError(`--${name}: got "${v}"; expected a whole number${min > 0 ? ` >= ${min}` : ""}`);
  return Number(v);
}
