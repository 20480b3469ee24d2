import { freeClass } from "./classes";
import type { CostContext } from "./context";
import type { Coverage, CoverageEntry, CostResource } from "./types";

/** What the plan summary counts as a resource: custom, not a provider (components and providers are not billed). */
export function isCounted(r: CostResource): boolean {
  return r.custom !== false && !r.type.startsWith("pulumi:providers:");
}

type Class = "estimated" | "free" | "unpriced";

const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";

/**
 * Puts every counted resource in one class. A resource with any part unpriced is unpriced (its
 * estimate is incomplete), even when other parts have lines. One with lines and nothing unpriced
 * is estimated. Otherwise it is free only for a stated reason: a rule said so, or its type is in
 * the FREE table; a rule that produced nothing without saying why counts as unpriced.
 */
export function coverageOf(ctx: CostContext, resources: readonly CostResource[]): Coverage {
  const priced = new Set(ctx.lines.map((l) => l.urn));
  const missing = new Map<string, string>();
  for (const u of ctx.unpriced) if (!missing.has(u.urn)) missing.set(u.urn, u.reason);
  const groups: Record<Class, Map<string, CoverageEntry>> = {
    estimated: new Map(),
    free: new Map(),
    unpriced: new Map(),
  };
  const count = (cls: Class, r: CostResource, reason?: string) => {
    const region = ctx.regionOf(r);
    const key = [r.type, region, reason ?? ""].join("\u0000");
    const entry = groups[cls].get(key) ?? { type: r.type, region, count: 0, ...(reason ? { reason } : {}) };
    entry.count++;
    groups[cls].set(key, entry);
  };
  const counted = resources.filter(isCounted);
  for (const r of counted) {
    const why = missing.get(r.urn);
    if (why !== undefined) count("unpriced", r, why);
    else if (priced.has(r.urn)) count("estimated", r);
    else {
      const reason = ctx.notBilled.get(r.urn) ?? freeClass(r.type)?.reason;
      if (reason) count("free", r, reason);
      else count("unpriced", r, `the pricing rule for ${r.type} found nothing to price and gave no reason`);
    }
  }
  const list = (cls: Class) =>
    [...groups[cls].values()].sort(
      (a, b) => a.type.localeCompare(b.type) || a.region.localeCompare(b.region) || b.count - a.count,
    );
  const total = (cls: Class) => [...groups[cls].values()].reduce((n, e) => n + e.count, 0);
  return {
    resources: counted.length,
    estimated: total("estimated"),
    free: total("free"),
    unpriced: total("unpriced"),
    byType: { estimated: list("estimated"), free: list("free"), unpriced: list("unpriced") },
    regionsWithoutPrices: regionsWithoutPrices(ctx),
  };
}

/** Regions where at least one resource lacks a pinned price, with how many and their traffic share. */
function regionsWithoutPrices(ctx: CostContext): Coverage["regionsWithoutPrices"] {
  const byRegion = new Map<string, { urns: Set<string>; types: Set<string> }>();
  for (const u of ctx.unpriced) {
    if (u.kind !== "price" || u.region === "global") continue;
    const e = byRegion.get(u.region) ?? { urns: new Set<string>(), types: new Set<string>() };
    e.urns.add(u.urn);
    e.types.add(u.type);
    byRegion.set(u.region, e);
  }
  return [...byRegion.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([region, e]) => ({
      region,
      resources: e.urns.size,
      types: [...e.types].sort(),
      trafficShare: ctx.trafficShare.get(region) ?? 0,
      trafficUnpriced: e.types.has(LOAD_BALANCER),
    }));
}

/** "1,037 resources: 612 estimated, 388 free, 37 unpriced" (Infracost's wording, our classes). */
export function coverageLine(c: Coverage): string {
  const n = (x: number) => x.toLocaleString("en-US");
  return `${n(c.resources)} resources: ${n(c.estimated)} estimated, ${n(c.free)} free, ${n(c.unpriced)} unpriced`;
}

/**
 * What the regions without prices mean for the total: their own billed resources are missing,
 * and the traffic they take is missing from the lines that follow traffic (ALB LCUs, regional WAF
 * requests, Aurora reads), so the other regions' lines fall without the money being saved.
 */
export function regionWarnings(c: Coverage): string[] {
  return c.regionsWithoutPrices.map(
    (r) =>
      `${r.region}: ${r.resources} resource${r.resources === 1 ? "" : "s"} without a pinned price there, not in ` +
      `the total (${r.types.map((t) => t.replace(/^aws:/, "")).join(", ")})` +
      (r.trafficUnpriced && r.trafficShare > 0
        ? `; it takes ${(r.trafficShare * 100).toFixed(1)} % of the traffic: lines that follow traffic in the ` +
          `other regions fall by that share while its own are not estimated`
        : ""),
  );
}
