import { cpus } from "os";
/**
 * npm run bench:plan [-- --runs N]
 *
 * Times the offline plan (config + program on the mock engine + policy pack)
 * for dev and prod in one process and prints min / median / max. The first
 * run of each stack includes module loading; it is reported separately.
 * "resources" is the one count every view prints (tools/plan/model.ts countResources).
 */
import * as path from "path";
import { buildPlan } from "../tools/plan-lib";
import { countResources } from "../tools/plan/model";
import { CommandFailure, type CommandSpec, type ParsedArgs, wholeNumber } from "../tools/plan/args";
import { type CommandIo, processMain } from "../tools/plan/command";

const SPEC: CommandSpec = {
  command: "bench:plan",
  summary: "Times the offline plan of dev and prod in one process: first run, then min / median / max.",
  flags: [{ name: "runs", value: "N", help: "warm runs per stack, at least 1 (default 5)" }],
};

async function main(args: ParsedArgs, io: CommandIo): Promise<number> {
  const runs = wholeNumber(args, "runs", 1) ?? 5;
  const rootDir = io.rootDir;
  const log = (line: string) => io.stdout(`${line}\n`);
  log(`offline plan benchmark: ${runs} warm runs per stack, ${cpus().length} CPUs`);
  log("stack  resources  violations  first ms  min ms  median ms  max ms");
  for (const stack of ["dev", "prod"]) {
    const times: number[] = [];
    let resources = 0;
    let violations = 0;
    let first = 0;
    for (let r = 0; r <= runs; r++) {
      const t0 = process.hrtime.bigint();
      const result = await buildPlan({ stack, rootDir });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (!result.ok) throw new CommandFailure(result.error.message);
      resources = countResources(result.plan).resources;
      violations = result.plan.violations.length;
      if (r === 0) first = ms;
      else times.push(ms);
    }
    times.sort((a, b) => a - b);
    const f = (n: number) => n.toFixed(0).padStart(6);
    log(
      `${stack.padEnd(5)}  ${String(resources).padStart(9)}  ${String(violations).padStart(10)}  ${f(first).padStart(8)}  ${f(times[0])}  ${f(times[Math.floor(times.length / 2)]).padStart(9)}  ${f(times[times.length - 1])}`,
    );
  }
  return 0;
}

processMain(SPEC, main, path.resolve(__dirname, ".."));
