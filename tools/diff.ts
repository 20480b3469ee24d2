/**
 * npm run diff -- <base plan.json> <head plan.json> [--out FILE] [--full-out FILE]
 *                 [--base-cost cost.json --head-cost cost.json] [--limit CHARS]
 *
 * Prints the pull-request review of base -> head as Markdown: summary, "Needs
 * attention", monthly cost delta (from the given cost reports, else estimated from the plans), policy
 * changes and changes grouped by component, within GitHub's comment limit.
 * --full-out writes the same review without the limit (for the step summary).
 * Exit 0 whether or not there are changes; 2 on bad arguments or files.
 */
import * as fs from "fs";
import { GITHUB_COMMENT_LIMIT, renderReview, review } from "./review/render";
import type { CostReport } from "./review/cost";
import { estimateCost } from "./cost/estimate";

function fail(message: string): never {
  process.stderr.write(`diff: ${message}\n`);
  process.exit(2);
}

function read(file: string, what: string) {
  if (!fs.existsSync(file)) fail(`${what} not found: ${file}`);
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    fail(`${file} is not JSON (expected ${what})`);
  }
}

const USAGE =
  "usage: npm run diff -- <base plan.json> <head plan.json> [--out FILE] [--full-out FILE] [--base-cost FILE --head-cost FILE] [--limit CHARS]";
const flags: Record<string, string> = {};
const files: string[] = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (!a.startsWith("--")) files.push(a);
  else if (["--out", "--full-out", "--base-cost", "--head-cost", "--limit"].includes(a)) {
    const v = argv[++i];
    if (v === undefined || v.startsWith("--")) fail(`${a} needs a value; ${USAGE}`);
    flags[a] = v;
  } else fail(`unknown argument ${a}; ${USAGE}`);
}
if (files.length !== 2) fail(USAGE);
if (!!flags["--base-cost"] !== !!flags["--head-cost"]) fail("--base-cost and --head-cost go together");
const limit = flags["--limit"] ? Number(flags["--limit"]) : GITHUB_COMMENT_LIMIT;
if (!Number.isInteger(limit) || limit < 4096) fail(`--limit: got ${flags["--limit"]}; expected an integer >= 4096`);
const [base, head] = files.map((f) => read(f, "a plan.json written by npm run plan"));
for (const [f, p] of [
  [files[0], base],
  [files[1], head],
] as const)
  if (!Array.isArray(p?.resources)) fail(`${f}: expected a plan.json with a "resources" array`);
const cost = (f?: string) => (f ? (read(f, "a cost report (cost.json)") as CostReport) : undefined);
// Without cost reports, estimate both plans (tools/cost: list prices + each plan's `usage`).
const opts = flags["--base-cost"]
  ? { baseCost: cost(flags["--base-cost"]), headCost: cost(flags["--head-cost"]) }
  : { baseCost: estimateCost(base), headCost: estimateCost(head) };
const rv = review(base, head);
const text = renderReview(rv, { ...opts, limit });
if (flags["--out"]) fs.writeFileSync(flags["--out"], text);
if (flags["--full-out"]) fs.writeFileSync(flags["--full-out"], renderReview(rv, { ...opts, limit: 1_000_000 }));
process.stdout.write(text);
