import * as path from "path";
import { readStackConfig } from "../../tools/engine/stack-config";
import { runProgram, type PlanResource } from "../../tools/engine/run";

const ROOT = path.resolve(__dirname, "..", "..");

// The planned resources of a stack's own file, from the program on the mock engine alone (no policy
// pack, no analyses: nothing of the access model runs to produce them). Kept on globalThis so that a
// mutation run, which reloads every module for each mutant, runs the program once per process.
const KEY = Symbol.for("platform.test.access.resources");
type Store = Map<string, Promise<readonly PlanResource[]>>;
const store = ((globalThis as Record<symbol, Store>)[KEY] ??= new Map());

/** The resources the program plans for `stack` (dev, prod), read-only. */
export function plannedResources(stack: string): Promise<readonly PlanResource[]> {
  if (!store.has(stack)) {
    const file = path.join(ROOT, `Pulumi.${stack}.yaml`);
    const cfg = readStackConfig(ROOT, file);
    const entry = path.join(ROOT, "index.ts");
    const program = () => {
      delete require.cache[require.resolve(entry)];
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program runs once per stack
      return require(entry);
    };
    const run = runProgram({
      project: cfg.project,
      stack,
      config: cfg.config,
      secretKeys: cfg.secretKeys,
      program,
    });
    store.set(
      stack,
      run.then((r) => Object.freeze(r.resources)),
    );
  }
  return store.get(stack)!;
}
