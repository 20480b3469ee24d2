/**
 * npm run critical-path -- --stack <name> [--plan FILE] [--max-gap PERCENT] [--json]
 *
 * Estimates how long a fresh `pulumi up` takes: the longest chain of typical create durations
 * (tools/critical-path-durations.ts, with sources) through plan.json's dependencies, the floor
 * (the longest chain no dependency edit can shorten), the gap, and when each region serves
 * traffic. Plans the stack on the mock engine, or reads an existing plan.json with --plan.
 * Exit 1 when --max-gap is given and the critical path is further above the floor.
 */
import * as fs from "fs";
import * as path from "path";
import type { PlanResource } from "./engine/run";
import { analyse, formatReport } from "./critical-path-lib";
import { buildPlan } from "./plan-lib";

interface Args {
  stack?: string;
  plan?: string;
  maxGap?: number;
  json: boolean;
}

const USAGE = "usage: npm run critical-path -- --stack <name> [--plan FILE] [--max-gap PERCENT] [--json]";

function fail(message: string, code = 2): never {
  process.stderr.write(`critical-path: ${message}\n`);
  process.exit(code);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) fail(`${a} needs a value`);
      return v;
    };
    if (a === "--stack") args.stack = value();
    else if (a === "--plan") args.plan = value();
    else if (a === "--json") args.json = true;
    else if (a === "--max-gap") {
      const v = value();
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) fail(`--max-gap: got "${v}"; expected a non-negative percentage, e.g. 5`);
      args.maxGap = n;
    } else fail(`unknown argument ${a}; ${USAGE}`);
  }
  if (!args.stack && !args.plan) fail(`--stack <name> or --plan FILE is required; ${USAGE}`);
  return args;
}

async function resourcesOf(args: Args): Promise<{ stack: string; resources: PlanResource[] }> {
  if (args.plan) {
    const file = path.resolve(args.plan);
    if (!fs.existsSync(file)) fail(`plan file not found: ${file}`);
    const plan = JSON.parse(fs.readFileSync(file, "utf8")) as { stack: string; resources: PlanResource[] };
    return { stack: plan.stack, resources: plan.resources };
  }
  const rootDir = path.resolve(__dirname, "..");
  if (!fs.existsSync(path.join(rootDir, `Pulumi.${args.stack}.yaml`)))
    fail(`no Pulumi.${args.stack}.yaml in ${rootDir}`);
  const result = await buildPlan({ stack: args.stack!, rootDir });
  if (!result.ok) fail(result.error.message, 1);
  return { stack: args.stack!, resources: result.plan.resources };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const { stack, resources } = await resourcesOf(args);
  const report = analyse(stack, resources);
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
  if (args.maxGap !== undefined && report.gap * 100 > args.maxGap) {
    process.stderr.write(
      `critical-path: ${stack}: ${(report.gap * 100).toFixed(1)} % above the floor; at most ${args.maxGap} % allowed\n`,
    );
    process.exit(1);
  }
}

main().catch((err) => fail(err instanceof Error ? err.message : String(err), 1));
