/**
 * npm run capacity -- --stack <name> [--plan FILE] [--json]
 * Reads out/<stack>/plan.json (run `npm run plan -- --stack <name>` first), prints the demand
 * derivation and every capacity check; exit 1 when a check falls short, 2 on bad input.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ASSUMPTIONS } from "./assumptions";
import { capacityChecks, demand, regionFacts, servedRps, type PlanLike } from "./model";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): number {
  const stack = arg("stack");
  const file = arg("plan") ?? (stack ? join("out", stack, "plan.json") : undefined);
  if (!file) {
    console.error("usage: npm run capacity -- --stack <name> [--plan FILE] [--json]");
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`${file}: not found; run npm run plan -- --stack ${stack ?? "<name>"} first`);
    return 2;
  }
  const plan = JSON.parse(readFileSync(file, "utf8")) as PlanLike;
  const facts = regionFacts(plan);
  const d = demand();
  const checks = capacityChecks(facts);
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify({ stack: plan.stack, assumptions: ASSUMPTIONS, demand: d, checks }, null, 2));
    return checks.every((c) => c.ok) ? 0 : 1;
  }
  const n = (x: number) => (x < 100 ? x.toFixed(1) : Math.round(x).toLocaleString("en-US"));
  const a = ASSUMPTIONS;
  console.log(`Capacity of stack ${plan.stack} (${facts.length} region(s): ${facts.map((f) => f.region).join(", ")})`);
  console.log(
    `Demand: ${n(a.users)} users x ${a.dailyActiveShare * 100} % daily active = ${n(d.dailyActiveUsers)} DAU x ` +
      `${a.requestsPerActiveUserPerDay} requests/day = ${n(d.averageRps)} rps average x ${a.peakToAverage} peak = ` +
      `${n(d.derivedPeakRps)} rps; design peak max(that, seed 003 ${n(a.seedTargetRps)}) = ${n(d.peakRps)} rps`,
  );
  console.log(
    `Before issue 16: 10 pods x 200m CPU = ${n(servedRps(10, 0.2))} rps per service per region ` +
      `(${a.appRpsPerCore} rps per core, seed 004); activity-service (${a.routeShare["activity-service"] * 100} % of requests) ` +
      `in ${facts.length} regions then caps the platform at ${n((servedRps(10, 0.2) * facts.length) / a.routeShare["activity-service"])} rps`,
  );
  for (const c of checks)
    console.log(
      `${c.ok ? "ok  " : "SHORT"} ${c.region.padEnd(14)} ${c.scenario.padEnd(16)} ${c.what}: need ${n(c.need)}, have ${n(c.have)}`,
    );
  const short = checks.filter((c) => !c.ok);
  console.log(short.length ? `${short.length} check(s) short` : "every check holds");
  return short.length ? 1 : 0;
}

process.exitCode = main();
