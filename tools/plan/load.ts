/**
 * The one reader of plan.json (and of the other JSON files views take): a missing, unreadable or
 * wrong file is a UsageError naming the file and what was expected, never a TypeError later on.
 */
import * as fs from "fs";
import * as path from "path";
import { UsageError } from "./args";
import type { Plan } from "./model";

const PLAN = "a plan.json written by npm run plan";

/** Parsed JSON of a file, or a UsageError: not found, a directory, not JSON. */
export function readJsonFile(file: string, what: string, cwd = process.cwd()): unknown {
  const full = path.resolve(cwd, file);
  if (!fs.existsSync(full)) throw new UsageError(`${file}: not found (expected ${what})`);
  if (fs.statSync(full).isDirectory()) throw new UsageError(`${file}: is a directory (expected ${what})`);
  try {
    return JSON.parse(fs.readFileSync(full, "utf8"));
  } catch {
    throw new UsageError(`${file}: not JSON (expected ${what})`);
  }
}

/** A plan.json: an object with a stack name and a resources array whose entries have a urn and a type. */
export function readPlanFile(file: string, cwd = process.cwd()): Plan {
  const doc = readJsonFile(file, PLAN, cwd) as Partial<Plan> | null;
  const wrong = (why: string) => new UsageError(`${file}: ${why} (expected ${PLAN})`);
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) throw wrong("not an object");
  if (typeof doc.stack !== "string") throw wrong('no "stack" name');
  if (!Array.isArray(doc.resources)) throw wrong('no "resources" array');
  const bad = doc.resources.findIndex(
    (r) => r === null || typeof r !== "object" || typeof r.urn !== "string" || typeof r.type !== "string",
  );
  if (bad >= 0) throw wrong(`resources[${bad}] has no "urn" and "type"`);
  return {
    project: "",
    outputs: {},
    violations: [],
    flows: [],
    ...doc,
  } as Plan;
}
