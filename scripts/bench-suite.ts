/**
 * npm run bench:suite [-- --runs N]
 *
 * Times the test suite as `npm test` runs it (mocha, two workers): once with the transpile cache
 * (tools/ts-register.js) emptied, as on a fresh clone, then N times warm. Prints wall time and the
 * CPU time of the run's processes (user+sys, from the kernel's accounting of waited-for children).
 * The README's target is under 90 s on a 2-core machine; this prints the figure, it asserts nothing.
 */
import { spawnSync } from "child_process";
import { cpus } from "os";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const CACHE = path.join(ROOT, "node_modules", ".cache", "platform-ts");
const i = process.argv.indexOf("--runs");
const runs = i >= 0 ? Math.max(1, Number(process.argv[i + 1]) || 2) : 2;
const MOCHA = path.join(ROOT, "node_modules", ".bin", "mocha");
const ARGS = ["--parallel", "--jobs", "2", "test/**/*.spec.ts", "policies/test/**/*.spec.ts"];

/** One suite run: wall seconds, CPU seconds of the children (when /usr/bin/time exists), tests passing. */
function run(): { wall: number; cpu?: number; passing: string; ok: boolean } {
  const timed = fs.existsSync("/usr/bin/time");
  const cmd = timed ? "/usr/bin/time" : MOCHA;
  const args = timed ? ["-f", "cpu %U %S", MOCHA, ...ARGS] : ARGS;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpuLine = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? "");
  const passing = /(\d+) passing/.exec(r.stdout ?? "")?.[1] ?? "?";
  return { wall, cpu: cpuLine ? Number(cpuLine[1]) + Number(cpuLine[2]) : undefined, passing, ok: r.status === 0 };
}

console.log(`test suite benchmark: ${cpus().length} CPUs, 1 cold run then ${runs} warm`);
console.log("run    tests  wall s  cpu s  result");
const line = (label: string, r: ReturnType<typeof run>) =>
  console.log(
    `${label.padEnd(5)}  ${r.passing.padStart(5)}  ${r.wall.toFixed(1).padStart(6)}  ${(r.cpu?.toFixed(1) ?? "-").padStart(5)}  ${r.ok ? "pass" : "FAIL"}`,
  );
fs.rmSync(CACHE, { recursive: true, force: true });
line("cold", run());
for (let n = 1; n <= runs; n++) line(`warm${n}`, run());
