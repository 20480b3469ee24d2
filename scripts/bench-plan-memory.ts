/**
 * npm run bench:plan-memory [-- --stack NAME] [--runs N]
 *
 * Runs the whole-program plan repeatedly in one process and prints, after a forced GC, the heap
 * in use and what the Pulumi runtime still holds per run (leak candidates, pending registrations).
 * Needs `node --expose-gc` (the npm script passes it). A figure to read, not a timed test.
 */
import * as path from "path";
import { buildPlan } from "../tools/plan-lib";
import { CommandFailure, type CommandSpec, type ParsedArgs, str, wholeNumber } from "../tools/plan/args";
import { type CommandIo, processMain } from "../tools/plan/command";

const SPEC: CommandSpec = {
  command: "bench:plan-memory",
  summary: "Heap in use after a forced GC, and what the Pulumi runtime still holds, per repeated plan.",
  flags: [
    { name: "stack", value: "NAME", help: "the stack to plan (default dev)" },
    { name: "runs", value: "N", help: "plans in one process, at least 2 (default 5)" },
  ],
};

interface Store {
  leakCandidates: Set<unknown>;
  pendingResourceRegistrations?: Map<unknown, unknown>;
}

async function main(args: ParsedArgs, io: CommandIo): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new CommandFailure("run with node --expose-gc (npm run bench:plan-memory does)");
  const stack = str(args, "stack") ?? "dev";
  const runs = wholeNumber(args, "runs", 2) ?? 5;
  const rootDir = io.rootDir;
  const log = (line: string) => io.stdout(`${line}\n`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- internal module without typings for getStore
  const state = require("@pulumi/pulumi/runtime/state") as { getStore(): Store };
  log(`plan memory: stack ${stack}, ${runs} runs in one process (heap after a forced GC)`);
  log("run  ms      heapUsed MB  delta MB  leakCandidates  pendingRegistrations");
  let last = 0;
  const heaps: number[] = [];
  for (let r = 1; r <= runs; r++) {
    const t0 = Date.now();
    const result = await buildPlan({ stack, rootDir });
    if (!result.ok) throw new CommandFailure(result.error.message);
    const ms = Date.now() - t0;
    gc();
    gc();
    const heap = process.memoryUsage().heapUsed / 2 ** 20;
    heaps.push(heap);
    const live = state.getStore();
    log(
      `${String(r).padStart(3)}  ${String(ms).padStart(6)}  ${heap.toFixed(1).padStart(11)}  ${(r === 1 ? 0 : heap - last).toFixed(1).padStart(8)}  ${String(live.leakCandidates.size).padStart(14)}  ${String(live.pendingResourceRegistrations?.size ?? 0).padStart(20)}`,
    );
    last = heap;
  }
  const growth = (heaps[heaps.length - 1] - heaps[0]) / (heaps.length - 1);
  log(`growth per plan after the first: ${growth.toFixed(1)} MB`);
  return 0;
}

processMain(SPEC, main, path.resolve(__dirname, ".."));
