/**
 * npm run policy-config -- --stack NAME [--config-file FILE]
 *
 * Prints the policy pack config for one stack, for `pulumi preview --policy-pack policies
 * --policy-pack-config <file>` (CI previews and deploys run it): stackPolicyConfig in
 * tools/plan-lib.ts, the object the offline plan evaluates with. The environment's levels, the
 * stack's own `platform:allowedRegions` and detection services, and with `platform:cost.monthlyBudget`
 * set, the budget and the estimate of the offline plan's resources for the cost-budget policy.
 */
import * as path from "path";
import { type CommandSpec, type ParsedArgs } from "./plan/args";
import { type CommandIo, planStack, processMain, stackTarget } from "./plan/command";

export const POLICY_CONFIG_COMMAND: CommandSpec = {
  command: "policy-config",
  summary: "The stack's --policy-pack-config for `pulumi preview --policy-pack policies`, as JSON on stdout.",
  flags: [
    { name: "stack", value: "NAME", help: "the stack: reads Pulumi.NAME.yaml" },
    { name: "config-file", value: "FILE", help: "another stack file" },
  ],
  notes: [
    "With platform:cost.monthlyBudget set the stack is planned offline to price it (a few seconds).",
    "Exit 0; 1 on a bad config; 2 on bad arguments or files.",
  ],
};

export async function runPolicyConfig(args: ParsedArgs, io: CommandIo): Promise<number> {
  const target = stackTarget(args, io);
  const { loadConfig } = await import("../components/config");
  const { readStackConfig } = await import("./engine/stack-config");
  const { stackPolicyConfig } = await import("./plan-lib");
  const file = target.configFile ?? path.join(io.rootDir, `Pulumi.${target.stack}.yaml`);
  const raw = readStackConfig(io.rootDir, file);
  const config = loadConfig(raw.config, { project: raw.project, stack: target.stack });
  // A budget needs the estimate of the planned resources: only then does the program run (offline).
  const resources =
    config.cost.monthlyBudget !== undefined
      ? (await planStack({ ...target, configFile: file }, io)).plan.resources
      : undefined;
  io.stdout(`${JSON.stringify(stackPolicyConfig(config, resources), null, 2)}\n`);
  return 0;
}

if (require.main === module) processMain(POLICY_CONFIG_COMMAND, runPolicyConfig, path.resolve(__dirname, ".."));
