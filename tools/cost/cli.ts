/**
 * npm run cost -- --stack NAME [--out DIR] [--config-file FILE] [--plan FILE] [--lines N] [--policy-config FILE]
 *
 * Plans the stack offline (or reads --plan FILE, a plan.json), estimates its monthly cost from pinned
 * list prices and the usage assumptions in `platform:cost`, prints the table and writes DIR/cost.json
 * (default out/<stack>/cost.json). --policy-config FILE also writes the stack's --policy-pack-config
 * for `pulumi preview` with the budget and this estimate for cost-budget.
 */
import * as fs from "fs";
import * as path from "path";
import { type CommandSpec, type ParsedArgs, str, UsageError, wholeNumber } from "../plan/args";
import { type CommandIo, planStack, processMain, stackTarget } from "../plan/command";
import { readPlanFile } from "../plan/load";
import type { Plan } from "../plan/model";
import { estimateCost } from "./estimate";
import { evidenceLine } from "./prices/evidence";
import { renderCostTable } from "./report";
import type { PlatformConfig } from "../../components/config";

export const COST_COMMAND: CommandSpec = {
  command: "cost",
  summary: "Monthly cost of a stack from pinned list prices and the usage assumptions in platform:cost.",
  flags: [
    { name: "stack", value: "NAME", help: "the stack (plans Pulumi.NAME.yaml unless --plan is given)" },
    { name: "config-file", value: "FILE", help: "another stack file" },
    { name: "plan", value: "FILE", help: "read this plan.json instead of planning" },
    { name: "out", value: "DIR", help: "where cost.json goes (default out/<stack>)" },
    { name: "lines", value: "N", help: "show the N most expensive lines" },
    { name: "policy-config", value: "FILE", help: "also write the stack's --policy-pack-config with this estimate" },
  ],
  notes: ["Exit 0 when the estimate is written; 1 on a bad config; 2 on bad arguments or files."],
};

/** The view: a plan -> the cost report (usage from the plan's `usage`, i.e. the stack's platform:cost). */
export const costView = (plan: Plan) => estimateCost(plan);

export async function runCost(args: ParsedArgs, io: CommandIo): Promise<number> {
  const stack = str(args, "stack");
  if (!stack) throw new UsageError("--stack <name> is required (e.g. --stack dev)");
  const planFile = str(args, "plan");
  const policyConfig = str(args, "policy-config");
  if (planFile && policyConfig) throw new UsageError("--policy-config needs the stack's config: run without --plan");
  const lines = wholeNumber(args, "lines");
  let plan: Plan;
  let config: PlatformConfig | undefined;
  if (planFile) plan = readPlanFile(planFile, io.cwd);
  else {
    const result = await planStack(stackTarget(args, io), io);
    ({ plan, config } = result);
  }
  const report = costView({ ...plan, stack: plan.stack ?? stack });
  const outDir = path.resolve(io.cwd, str(args, "out") ?? path.join(io.rootDir, "out", stack));
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, "cost.json");
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  io.stdout(renderCostTable(report, { lines }) + "\n");
  io.stdout(evidenceLine() + "\n");
  io.stdout(`Wrote ${path.relative(io.cwd, file) || file}\n`);
  if (policyConfig && config) {
    const { stackPolicyConfig } = await import("../plan-lib");
    const pack = stackPolicyConfig(config, plan.resources);
    fs.writeFileSync(path.resolve(io.cwd, policyConfig), JSON.stringify(pack, null, 2) + "\n");
    io.stdout(`Wrote ${policyConfig} (pass it to pulumi preview as --policy-pack-config)\n`);
  }
  return 0;
}

if (require.main === module) processMain(COST_COMMAND, runCost, path.resolve(__dirname, "..", ".."));
