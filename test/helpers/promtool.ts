import { spawnSync } from "child_process";
import { accessSync, constants } from "fs";
import { delimiter, join } from "path";

/**
 * Locates and runs the real promtool (Debian package `prometheus`, or PROMTOOL=/path).
 * Integration tests must fail, not skip, when it is missing: a skipped rules test
 * looks green in CI while proving nothing.
 */

export const PROMTOOL_MISSING =
  "promtool not found: install it (Debian/Ubuntu: `apt-get install -y prometheus`, which provides /usr/bin/promtool) " +
  "or set PROMTOOL=/path/to/promtool. The @integration rule tests need the real binary.";

export function findPromtool(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [
    env.PROMTOOL,
    ...(env.PATH ?? "")
      .split(delimiter)
      .filter(Boolean)
      .map((d) => join(d, "promtool")),
  ];
  return candidates.find((c): c is string => {
    if (!c) return false;
    try {
      accessSync(c, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The promtool path, or throws PROMTOOL_MISSING. */
export function requirePromtool(env: NodeJS.ProcessEnv = process.env): string {
  const path = findPromtool(env);
  if (!path) throw new Error(PROMTOOL_MISSING);
  return path;
}

export interface PromtoolResult {
  status: number | null;
  /** stdout and stderr together: promtool splits its report between them. */
  output: string;
}

export function runPromtool(args: string[], cwd?: string): PromtoolResult {
  const res = spawnSync(requirePromtool(), args, { cwd, encoding: "utf8", timeout: 60_000 });
  if (res.error) throw res.error;
  return { status: res.status, output: `${res.stdout}${res.stderr}` };
}
