/**
 * npm run bench:plan-memory [-- --stack dev] [-- --runs 5]
 *
 * Runs the whole-program plan repeatedly in one process and prints, after a forced GC, the heap
 * in use and what the Pulumi runtime still holds per run (leak candidates, pending registrations).
 * Needs `node --expose-gc` (the npm script passes it). A figure to read, not a timed test.
 */
import * as path from "path";
import { buildPlan } from "../tools/plan-lib";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};

interface Store {
  leakCandidates: Set<unknown>;
  pendingResourceRegistrations?: Map<unknown, unknown>;
}

async function main(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with node --expose-gc (npm run bench:plan-memory does)");
  const stack = arg("--stack", "dev");
  const runs = Math.max(2, Number(arg("--runs", "5")) || 5);
  const rootDir = path.resolve(__dirname, "..");
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- internal module without typings for getStore
  const state = require("@pulumi/pulumi/runtime/state") as { getStore(): Store };
  console.log(`plan memory: stack ${stack}, ${runs} runs in one process (heap after a forced GC)`);
  console.log("run  ms      heapUsed MB  delta MB  leakCandidates  pendingRegistrations");
  let last = 0;
  const heaps: number[] = [];
  for (let r = 1; r <= runs; r++) {
    const t0 = Date.now();
    const result = await buildPlan({ stack, rootDir });
    if (!result.ok) throw new Error(result.error.message);
    const ms = Date.now() - t0;
    gc();
    gc();
    const heap = process.memoryUsage().heapUsed / 2 ** 20;
    heaps.push(heap);
    const live = state.getStore();
    console.log(
      `${String(r).padStart(3)}  ${String(ms).padStart(6)}  ${heap.toFixed(1).padStart(11)}  ${(r === 1 ? 0 : heap - last).toFixed(1).padStart(8)}  ${String(live.leakCandidates.size).padStart(14)}  ${String(live.pendingResourceRegistrations?.size ?? 0).padStart(20)}`,
    );
    last = heap;
  }
  const growth = (heaps[heaps.length - 1] - heaps[0]) / (heaps.length - 1);
  console.log(`growth per plan after the first: ${growth.toFixed(1)} MB`);
}

main().catch((err) => {
  process.stderr.write(`bench:plan-memory: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
