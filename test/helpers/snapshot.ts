import * as fs from "fs";
import * as path from "path";

/**
 * Compares `actual` with the committed snapshot file. `UPDATE_SNAPSHOTS=1` rewrites a snapshot
 * that differs, and the check still fails so the new file is reviewed and the run repeated; in CI
 * (`CI` set, as GitHub Actions and .ci/run set it) nothing is ever rewritten: a changed snapshot
 * fails the run.
 */
export function snapshotProblem(
  file: string,
  actual: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const committed = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  if (committed === actual) return undefined;
  const name = path.basename(file);
  const what = committed === undefined ? `${name} does not exist` : `${name} differs from the rendered output`;
  if (env.UPDATE_SNAPSHOTS === "1" && !env.CI) {
    fs.writeFileSync(file, actual);
    return `${what}; rewritten (UPDATE_SNAPSHOTS=1): review the diff and run again`;
  }
  const ci = env.CI ? " (CI never rewrites snapshots)" : "";
  return `${what}${ci}; run with UPDATE_SNAPSHOTS=1 locally and review the diff`;
}
