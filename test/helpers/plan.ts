import * as path from "path";
import { buildPlan, type Plan, type PlanOptions, type PlanResult } from "../../tools/plan-lib";
import type { PlanResource } from "../../tools/engine/run";
import type { ConfigError, PlatformConfig } from "../../components/config";

export const ROOT = path.resolve(__dirname, "..", "..");
/** The --require file that keeps plain V8 stack traces (see it); child plan processes load it too. */
export const FAST_STACKS = path.join(__dirname, "fast-stacks.js");
/** The --require file that runs TypeScript with a transpile cache (see it); child processes load it too. */
export const TS_REGISTER = path.join(ROOT, "tools", "ts-register.js");

const cache = new Map<string, Promise<PlanResult>>();

/** buildPlan for a stack's own file, memoised per process: every spec asking for "dev" shares one run. */
export function resultFor(stack: string): Promise<PlanResult> {
  if (!cache.has(stack)) cache.set(stack, buildPlan({ stack, rootDir: ROOT }));
  return cache.get(stack)!;
}

/**
 * The real program on the mock engine for a stack file, memoised per stack so
 * specs can ask freely ("prod has 3 VPCs, one per region").
 */
export async function planFor(stack: string): Promise<{ plan: Plan; config: PlatformConfig }> {
  const r = await resultFor(stack);
  if (!r.ok) throw new Error(r.error.message);
  return { plan: r.plan, config: r.config };
}

const previews = new Map<string, Promise<PlanResult>>();

/** A stack file kept as a test fixture (test/fixtures/stacks/Pulumi.<name>.yaml), e.g. "four-region". */
export const fixtureStack = (name: string): string =>
  path.join(ROOT, "test", "fixtures", "stacks", `Pulumi.${name}.yaml`);

/**
 * buildPlan as `pulumi preview` of a fresh stack sees it (or the ordinary run with preview false), for a
 * stack's own file or a fixture stack file, memoised per process.
 */
export function planOf(stack: string, opts: { preview: boolean; configFile?: string }): Promise<PlanResult> {
  if (!opts.preview && !opts.configFile) return resultFor(stack);
  const key = JSON.stringify([stack, opts.preview, opts.configFile ?? null]);
  if (!previews.has(key))
    previews.set(key, buildPlan({ stack, rootDir: ROOT, configFile: opts.configFile, preview: opts.preview }));
  return previews.get(key)!;
}

/**
 * A drop-in for buildPlan (e.g. the plan command's builder): a stack's own file on the default day
 * reuses the memoised run; anything else (another file, overrides, a fixed day) runs the program.
 */
export function cachedBuild(opts: PlanOptions): Promise<PlanResult> {
  const plain = opts.rootDir === ROOT && !opts.configFile && !opts.overrides && !opts.today && !opts.program;
  if (plain) return planOf(opts.stack, { preview: opts.preview === true });
  return buildPlan(opts);
}

/** Object keys sorted at every level, so equal overrides give one cache key whatever their order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

const variants = new Map<string, Promise<{ plan?: Plan; error?: ConfigError }>>();

/**
 * The plan of a stack with config keys replaced (values are objects, encoded like Pulumi does),
 * memoised per process by stack and overrides: spec files asking for the same variant (e.g. prod
 * with database deletion protection off) share one run of the program. Plans are read-only.
 */
export function planWith(
  stack: string,
  overrides: Record<string, unknown>,
): Promise<{ plan?: Plan; error?: ConfigError }> {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(overrides))
    flat[k.includes(":") ? k : `platform:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
  const key = JSON.stringify([stack, canonical(overrides)]);
  if (!variants.has(key))
    variants.set(
      key,
      buildPlan({ stack, rootDir: ROOT, overrides: flat }).then((r) => (r.ok ? { plan: r.plan } : { error: r.error })),
    );
  return variants.get(key)!;
}

export const ofType = (plan: Plan, type: string): PlanResource[] => plan.resources.filter((r) => r.type === type);
export const inRegion = (rs: PlanResource[], region: string): PlanResource[] => rs.filter((r) => r.region === region);
export const byUrn = (plan: Plan): Map<string, PlanResource> => new Map(plan.resources.map((r) => [r.urn, r]));

/** Resources whose parent chain passes through `ancestorUrn`. */
export function descendantsOf(plan: Plan, ancestorUrn: string): PlanResource[] {
  const map = byUrn(plan);
  return plan.resources.filter((r) => {
    let cur = r.parent ? map.get(r.parent) : undefined;
    while (cur) {
      if (cur.urn === ancestorUrn) return true;
      cur = cur.parent ? map.get(cur.parent) : undefined;
    }
    return false;
  });
}
