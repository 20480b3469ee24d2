/**
 * npm run policy-config -- --stack <name> [--config-file FILE]
 *
 * Prints the policy pack config for one stack, for `pulumi preview --policy-pack policies
 * --policy-pack-config <file>` (CI previews and deploys run it): stackPolicyConfig in
 * tools/plan-lib.ts, the object the offline plan evaluates with. The environment's levels, the
 * stack's own `platform:allowedRegions` and detection services, and with `platform:cost.monthlyBudget`
 * set, the budget and the estimate of the offline plan's resources for the cost-budget policy.
 */
import * as fs from "fs";
import * as path from "path";
import { ConfigError, loadConfig } from "../components/config";
import type { PlanResource } from "./engine/run";
import { buildPlan, stackPolicyConfig } from "./plan-lib";
import { StackFileError, readStackConfig } from "./engine/stack-config";

const argv = process.argv.slice(2);
const arg = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const stack = arg("--stack");
if (!stack) {
  process.stderr.write("policy-config: --stack <name> is required\n");
  process.exit(2);
}
const rootDir = path.resolve(__dirname, "..");

async function main(): Promise<void> {
  const file = path.resolve(arg("--config-file") ?? path.join(rootDir, `Pulumi.${stack}.yaml`));
  if (!fs.existsSync(file)) {
    process.stderr.write(`policy-config: no stack file ${file}; pass --config-file or an existing --stack\n`);
    process.exit(2);
  }
  const raw = readStackConfig(rootDir, file);
  const config = loadConfig(raw.config, { project: raw.project, stack: stack! });
  // A budget needs the estimate of the planned resources: only then does the program run (offline).
  let resources: PlanResource[] | undefined;
  if (config.cost.monthlyBudget !== undefined) {
    const result = await buildPlan({ stack: stack!, rootDir, configFile: file });
    if (!result.ok) throw result.error;
    resources = result.plan.resources;
  }
  process.stdout.write(`${JSON.stringify(stackPolicyConfig(config, resources), null, 2)}\n`);
}

main().catch((err) => {
  if (!(err instanceof ConfigError || err instanceof StackFileError)) throw err;
  process.stderr.write(`policy-config: ${err.message}\n`);
  process.exit(1);
});
