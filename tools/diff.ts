/**
 * npm run diff -- <base plan.json> <head plan.json> [--out FILE]
 *
 * Prints added / removed / changed resources between two offline plans as
 * Markdown for a pull-request comment. Exit 0 whether or not there are changes.
 */
import * as fs from "fs";
import { diffMarkdown, diffPlans } from "./diff-lib";

function fail(message: string): never {
  process.stderr.write(`diff: ${message}\n`);
  process.exit(2);
}

function read(file: string) {
  if (!fs.existsSync(file)) fail(`plan not found: ${file}`);
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    fail(`${file} is not JSON (expected a plan.json written by npm run plan)`);
  }
}

const args = process.argv.slice(2);
const outIdx = args.indexOf("--out");
const out = outIdx >= 0 ? args[outIdx + 1] : undefined;
const files = args.filter((_, i) => (i !== outIdx && i !== outIdx + 1) || outIdx < 0);
if (files.length !== 2) fail("usage: npm run diff -- <base plan.json> <head plan.json> [--out FILE]");
const [base, head] = files.map(read);
const text = diffMarkdown(head.stack ?? "?", diffPlans(base, head));
if (out) fs.writeFileSync(out, text);
process.stdout.write(text);
