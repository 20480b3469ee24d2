/**
 * npm run cost -- --stack <name> [--out DIR] [--config-file FILE] [--plan FILE] [--lines N] [--policy-config FILE]
 *
 * Plans the stack offline (or reads --plan FILE, a plan.json), estimates its monthly cost from
 * pinned list prices and the usage assumptions in `platform:cost`, prints the table and writes
 * DIR/cost.json (default out/<stack>/cost.json). --policy-config FILE also writes the stack's
 * --policy-pack-config for `pulumi preview` with the budget and this estimate for cost-budget.
 */
import * as fs from "fs";
import * as path from "path";
import { buildPlan, stackPolicyConfig } from "../plan-lib";
import type { PlanResource } from "../engine/run";
import { estimateCost } from "./estimate";
import { evidenceLine } from "./prices/evidence";
import { renderCostTable } from "./report";
import type { PlatformConfig } from "../../components/config";
import type { CostPlan } from "./types";

const USAGE =
  "usage: npm run cost -- --stack <name> [--out DIR] [--config-file FILE] [--plan FILE] [--lines N] [--policy-config FILE]";

function fail(message: string, code = 2): never {
  process.stderr.write(`cost: ${message}\n`);
  process.exit(code);
}

function parseArgs(argv: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!["--stack", "--out", "--config-file", "--plan", "--lines", "--policy-config"].includes(a))
      fail(`unknown argument ${a}; ${USAGE}`);
    const v = argv[++i];
    if (v === undefined || v.startsWith("--")) fail(`${a} needs a value; ${USAGE}`);
    flags[a] = v;
  }
  if (!flags["--stack"]) fail(`--stack <name> is required; ${USAGE}`);
  if (flags["--plan"] && flags["--policy-config"]) fail("--policy-config needs the stack's config: run without --plan");
  if (flags["--lines"] !== undefined && !/^[0-9]+$/.test(flags["--lines"]))
    fail(`--lines: got ${flags["--lines"]}; expected a whole number`);
  return flags;
}

async function loadPlan(
  flags: Record<string, string>,
  rootDir: string,
): Promise<{ plan: CostPlan; config?: PlatformConfig }> {
  if (flags["--plan"]) {
    const file = path.resolve(flags["--plan"]);
    if (!fs.existsSync(file)) fail(`plan not found: ${file}`);
    try {
      const plan = JSON.parse(fs.readFileSync(file, "utf8")) as CostPlan;
      if (!Array.isArray(plan.resources)) fail(`${file}: expected a plan.json with a "resources" array`);
      return { plan };
    } catch (err) {
      if (err instanceof SyntaxError) fail(`${file} is not JSON (expected a plan.json written by npm run plan)`);
      throw err;
    }
  }
  const stack = flags["--stack"];
  const configFile = flags["--config-file"] ? path.resolve(flags["--config-file"]) : undefined;
  if (configFile && !fs.existsSync(configFile)) fail(`config file not found: ${configFile}`);
  if (!configFile && !fs.existsSync(path.join(rootDir, `Pulumi.${stack}.yaml`)))
    fail(`no Pulumi.${stack}.yaml in ${rootDir}; pass --config-file or --plan`);
  const result = await buildPlan({ stack, rootDir, configFile });
  if (!result.ok) fail(result.error.message, 1);
  return { plan: result.plan, config: result.config };
}

async function main(): Promise<void> {
  const flags = parseArgs(process.argv.slice(2));
  const rootDir = path.resolve(__dirname, "..", "..");
  const { plan, config } = await loadPlan(flags, rootDir);
  const report = estimateCost({ ...plan, stack: plan.stack ?? flags["--stack"] });
  const outDir = path.resolve(flags["--out"] ?? path.join(rootDir, "out", flags["--stack"]));
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, "cost.json");
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  const lines = flags["--lines"] !== undefined ? Number(flags["--lines"]) : undefined;
  process.stdout.write(renderCostTable(report, { lines }) + "\n");
  process.stdout.write(evidenceLine() + "\n");
  process.stdout.write(`Wrote ${path.relative(process.cwd(), file) || file}\n`);
  if (flags["--policy-config"] && config) {
    const pack = stackPolicyConfig(config, plan.resources as PlanResource[]);
    fs.writeFileSync(path.resolve(flags["--policy-config"]), JSON.stringify(pack, null, 2) + "\n");
    process.stdout.write(`Wrote ${flags["--policy-config"]} (pass it to pulumi preview as --policy-pack-config)\n`);
  }
}

process.on("unhandledRejection", (err) => fail(`failed: ${err instanceof Error ? err.message : String(err)}`, 1));
main().catch((err) => fail(`failed: ${err instanceof Error ? err.message : String(err)}`, 1));
