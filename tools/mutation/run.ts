// `npm run test:mutation [-- <area> ...]`: StrykerJS on each area's config (stryker/<area>.config.json; all
// areas when none is named), one after another since each takes both cores, then `mutation:check` over the
// committed reports. Incremental: a re-run tests only mutants whose code or covering tests changed since the
// area's git-ignored incremental file (reports/mutation/stryker-incremental-<area>.json).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const MIN_NODE = 22; // StrykerJS 10 refuses older Node at start-up

function main(args: string[]): number {
  const available = fs
    .readdirSync(path.join(ROOT, "stryker"))
    .filter((n) => n.endsWith(".config.json"))
    .map((n) => n.replace(/\.config\.json$/, ""))
    .sort();
  const unknown = args.filter((a) => !available.includes(a));
  if (unknown.length) {
    console.error(`test:mutation: unknown area ${unknown.join(", ")}; expected one of ${available.join(", ")}`);
    return 2;
  }
  const major = Number(process.versions.node.split(".")[0]);
  if (major < MIN_NODE) {
    console.error(`test:mutation: StrykerJS 10 needs Node ${MIN_NODE} or newer; this is Node ${process.versions.node}`);
    return 2;
  }
  for (const area of args.length ? args : available) {
    console.log(`\n== ${area}: stryker run stryker/${area}.config.json`);
    const r = spawnSync("npx", ["stryker", "run", `stryker/${area}.config.json`], { cwd: ROOT, stdio: "inherit" });
    if (r.status !== 0) {
      console.error(`test:mutation: ${area} stopped with exit code ${r.status}`);
      return r.status ?? 1;
    }
  }
  const check = spawnSync(process.execPath, ["-r", "./tools/ts-register.js", "tools/mutation/check.ts"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  return check.status ?? 1;
}

process.exit(main(process.argv.slice(2)));
