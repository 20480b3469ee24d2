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

async function main(): Promise<void> {
  const i = process.argv.indexOf("--runs");
  const runs = i >= 0 ? Math.max(1, Number(process.argv[i + 1]) || 5) : 5;
  const rootDir = path.resolve(__dirname, "..");
  console.log(`offline plan benchmark: ${runs} warm runs per stack, ${cpus().length} CPUs`);
  console.log("stack  resources  violations  first ms  min ms  median ms  max ms");
  for (const stack of ["dev", "prod"]) {
    const times: number[] = [];
    let resources = 0;
    let violations = 0;
    let first = 0;
    for (let r = 0; r <= runs; r++) {
      const t0 = process.hrtime.bigint();
      const result = await buildPlan({ stack, rootDir });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (!result.ok) throw new Error(result.error.message);
      resources = countResources(result.plan).resources;
      violations = result.plan.violations.length;
      if (r === 0) first = ms;
      else times.push(ms);
    }
    times.sort((a, b) => a - b);
    const f = (n: number) => n.toFixed(0).padStart(6);
    console.log(
      `${stack.padEnd(5)}  ${String(resources).padStart(9)}  ${String(violations).padStart(10)}  ${f(first).padStart(8)}  ${f(times[0])}  ${f(times[Math.floor(times.length / 2)]).padStart(9)}  ${f(times[times.length - 1])}`,
    );
  }
}

main().catch((err) => {
  process.stderr.write(`bench:plan: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
