/**
 * npm run plan -- --stack <name> [--config-file FILE] [--out DIR] [--quiet]
 *
 * Runs the real program on the mock engine, evaluates the policy pack and
 * writes DIR/plan.json (default out/<stack>/plan.json). Exit 0 only when the
 * config is valid and no mandatory policy is violated.
 */
import * as fs from "fs";
import * as path from "path";
import { StackFileError } from "./engine/stack-config";
import { buildPlan, mandatoryViolations, summarize } from "./plan-lib";
import { mandatoryReport } from "./plan-report";

interface Args {
  stack?: string;
  configFile?: string;
  out?: string;
  quiet: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) fail(`${a} needs a value`);
      return v;
    };
    if (a === "--stack") args.stack = value();
    else if (a === "--config-file") args.configFile = value();
    else if (a === "--out") args.out = value();
    else if (a === "--quiet") args.quiet = true;
    else
      fail(`unknown argument ${a}; usage: npm run plan -- --stack <name> [--config-file FILE] [--out DIR] [--quiet]`);
  }
  if (!args.stack) fail("--stack <name> is required (e.g. --stack dev)");
  return args;
}

function fail(message: string, code = 2): never {
  process.stderr.write(`plan: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const rootDir = path.resolve(__dirname, "..");
  const started = Date.now();
  const configFile = args.configFile ? path.resolve(args.configFile) : undefined;
  if (configFile && !fs.existsSync(configFile)) fail(`config file not found: ${configFile}`);
  if (!configFile && !fs.existsSync(path.join(rootDir, `Pulumi.${args.stack}.yaml`)))
    fail(`no Pulumi.${args.stack}.yaml in ${rootDir}; pass --config-file`);
  // PLATFORM_TODAY (YYYY-MM-DD) lets tests judge support dates on a fixed day.
  const today = process.env.PLATFORM_TODAY ? new Date(`${process.env.PLATFORM_TODAY}T00:00:00Z`) : undefined;
  let result: Awaited<ReturnType<typeof buildPlan>>;
  try {
    result = await buildPlan({ stack: args.stack!, rootDir, configFile, today });
  } catch (err) {
    // Pulumi.yaml or the stack file is one the Pulumi CLI would refuse: the report says file, key and fix.
    if (err instanceof StackFileError) fail(err.message, 1);
    throw err;
  }
  if (!result.ok) fail(result.error.message, 1);
  for (const w of result.warnings) process.stderr.write(`plan: warning: ${w}\n`);
  const outDir = path.resolve(args.out ?? path.join(rootDir, "out", args.stack!));
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, "plan.json");
  fs.writeFileSync(file, JSON.stringify(result.plan, null, 2) + "\n");
  if (!args.quiet) process.stdout.write(summarize(result.plan) + "\n");
  process.stdout.write(
    `Wrote ${path.relative(process.cwd(), file) || file} in ${((Date.now() - started) / 1000).toFixed(1)}s\n`,
  );
  const mandatory = mandatoryViolations(result.plan);
  if (mandatory.length > 0) fail(mandatoryReport(mandatory, args.quiet), 1);
}

const crash = (err: unknown) =>
  fail(
    `the program stopped with an error (a bug, not your config): ${err instanceof Error ? err.message : String(err)}`,
    1,
  );
process.on("unhandledRejection", crash);
main().catch(crash);
