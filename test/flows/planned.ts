import * as path from "path";
import { runProgram, type PlanResource } from "../../tools/engine/run";
import { readStackConfig } from "../../tools/engine/stack-config";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * The resources the program registers for a stack file on the mock engine, without the plan's
 * analyses (the flows and isolation models are what these specs test, so none of their results is
 * cached). Kept on globalThis: mutation runs reload every module per run, and the program's
 * resources do not depend on tools/flows, so one run per process serves every spec.
 */
export function plannedResources(stack: string): Promise<readonly PlanResource[]> {
  const g = globalThis as { __flowsPlanned?: Map<string, Promise<readonly PlanResource[]>> };
  g.__flowsPlanned ??= new Map();
  if (!g.__flowsPlanned.has(stack)) g.__flowsPlanned.set(stack, run(stack));
  return g.__flowsPlanned.get(stack)!;
}

async function run(stack: string): Promise<readonly PlanResource[]> {
  const stackConfig = readStackConfig(ROOT, path.join(ROOT, `Pulumi.${stack}.yaml`));
  const entry = path.join(ROOT, "index.ts");
  const result = await runProgram({
    project: stackConfig.project,
    stack,
    config: stackConfig.config,
    secretKeys: stackConfig.secretKeys,
    program: () => {
      delete require.cache[require.resolve(entry)];
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program must run in this process
      return require(entry);
    },
  });
  return result.resources;
}
