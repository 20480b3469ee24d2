import * as path from "path";
import { buildPlan, Plan } from "../../tools/plan-lib";
import type { PlanResource } from "../../tools/engine/run";
import type { ConfigError, PlatformConfig } from "../../components/config";

export const ROOT = path.resolve(__dirname, "..", "..");

const cache = new Map<string, Promise<{ plan: Plan; config: PlatformConfig }>>();

/**
 * The real program on the mock engine for a stack file, memoised per stack so
 * specs can ask freely ("prod has 3 VPCs, one per region").
 */
export function planFor(stack: string): Promise<{ plan: Plan; config: PlatformConfig }> {
  if (!cache.has(stack)) {
    cache.set(
      stack,
      buildPlan({ stack, rootDir: ROOT }).then((r) => {
        if (!r.ok) throw new Error(r.error.message);
        return { plan: r.plan, config: r.config };
      }),
    );
  }
  return cache.get(stack)!;
}

/** A fresh plan with config keys replaced (values are objects, encoded like Pulumi does). */
export async function planWith(
  stack: string,
  overrides: Record<string, unknown>,
): Promise<{ plan?: Plan; error?: ConfigError }> {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(overrides))
    flat[k.includes(":") ? k : `platform:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
  const r = await buildPlan({ stack, rootDir: ROOT, overrides: flat });
  return r.ok ? { plan: r.plan } : { error: r.error };
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
