import * as path from "path";
import { runProgram, type PlanResource } from "../../tools/engine/run";
import { readStackConfig } from "../../tools/engine/stack-config";

/**
 * The resources the program registers for a stack's own file (dev, prod) on the mock engine, without
 * the policy pack or the plan's analyses: specs of the flows and access models read them, and nothing
 * those models compute is cached. Kept on globalThis, since a mutation run reloads every module per
 * mutant while the program's resources do not depend on the modules it mutates: one program run per
 * process and stack serves every spec. Read-only: copy before changing.
 */
// Not ./plan's ROOT: that module loads the plan's analyses, which these specs must not depend on.
const ROOT = path.resolve(__dirname, "..", "..");
const KEY = Symbol.for("platform.test.programResources");
type Store = Map<string, Promise<readonly PlanResource[]>>;
const store = ((globalThis as Record<symbol, Store>)[KEY] ??= new Map());

export function plannedResources(stack: string): Promise<readonly PlanResource[]> {
  if (!store.has(stack)) {
    const cfg = readStackConfig(ROOT, path.join(ROOT, `Pulumi.${stack}.yaml`));
    const entry = path.join(ROOT, "index.ts");
    const run = runProgram({
      project: cfg.project,
      stack,
      config: cfg.config,
      secretKeys: cfg.secretKeys,
      program: () => {
        delete require.cache[require.resolve(entry)];
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program must run in this process
        return require(entry);
      },
    });
    store.set(
      stack,
      run.then((r) => Object.freeze(r.resources)),
    );
  }
  return store.get(stack)!;
}
