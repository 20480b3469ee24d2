import { defaultUsage } from "../../components/config/sections/cost";
import { HOURS_PER_MONTH } from "./prices/types";
import type { CostLine, CostPlan, CostResource, Unpriced, UnpricedKind, Usage } from "./types";

/** Seconds in a 730-hour month. */
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
const ROOTS = ["platform:region:Region", "platform:index:Platform"];

/** Everything a pricing rule may look up, built once per plan. */
export class CostContext {
  readonly usage: Usage;
  readonly byUrn: Map<string, CostResource>;
  readonly lines: CostLine[] = [];
  readonly unpriced: Unpriced[] = [];
  /** Resources a rule found not billed as configured (an alias record, a gateway endpoint), with the reason. */
  readonly notBilled = new Map<string, string>();
  /** Regions that serve traffic (have an ALB), with their normalised share. */
  readonly trafficShare: Map<string, number>;
  readonly asOf: string;

  constructor(
    readonly plan: CostPlan,
    asOf: string,
  ) {
    this.asOf = asOf;
    this.usage = plan.usage ?? defaultUsage();
    this.byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    this.trafficShare = shares(this.albRegions(), this.usage.traffic.regionShare);
  }

  ofType(type: string): CostResource[] {
    return this.plan.resources.filter((r) => r.type === type);
  }

  /** A resource's region; Kubernetes resources take their Region component's name. */
  regionOf(r: CostResource): string {
    if (r.region) return r.region;
    for (let cur = this.parentOf(r); cur; cur = this.parentOf(cur)) {
      if (cur.type === "platform:region:Region") return cur.name;
      if (cur.region) return cur.region;
    }
    return "global";
  }

  /** The nearest platform component below Region/Platform (same rule as the plan summary). */
  componentOf(r: CostResource): string {
    let best = r.type;
    for (let cur: CostResource | undefined = r; cur; cur = this.parentOf(cur))
      if (cur.type.startsWith("platform:") && !ROOTS.includes(cur.type)) best = cur.type;
    return best;
  }

  parentOf(r: CostResource): CostResource | undefined {
    return r.parent ? this.byUrn.get(r.parent) : undefined;
  }

  /** Average requests per month reaching the platform (all regions). */
  monthlyRequests(): number {
    const t = this.usage.traffic;
    return t.peakRps * t.averageToPeak * SECONDS_PER_MONTH;
  }

  /** Average requests per second a region's origin (ALB) receives after CloudFront's cache. */
  originRps(region: string): number {
    const t = this.usage.traffic;
    return t.peakRps * t.averageToPeak * (this.trafficShare.get(region) ?? 0) * (1 - t.cdnHitPercent / 100);
  }

  add(r: CostResource, line: string, monthly: number, basis: string, region = this.regionOf(r)): void {
    this.lines.push({
      urn: r.urn,
      type: r.type,
      region,
      component: this.componentOf(r),
      line,
      monthly: Math.round(monthly * 100) / 100,
      basis,
    });
  }

  /** Records a billed part of `r` that has no estimate (`kind` says why: see UnpricedKind). */
  skip(r: CostResource, reason: string, region = this.regionOf(r), kind: UnpricedKind = "usage"): void {
    this.unpriced.push({ urn: r.urn, type: r.type, region, reason, kind });
  }

  /** Records that `r` has no pinned price for its region or class. */
  noPrice(r: CostResource, reason: string, region = this.regionOf(r)): void {
    this.skip(r, reason, region, "price");
  }

  /** Records that AWS does not bill `r` as configured (counted free in the coverage, with the reason). */
  free(r: CostResource, reason: string): void {
    this.notBilled.set(r.urn, reason);
  }

  private albRegions(): string[] {
    const regions = this.ofType("aws:lb/loadBalancer:LoadBalancer").map((r) => this.regionOf(r));
    return [...new Set(regions)].sort();
  }
}

/** Configured shares for the serving regions, normalised; equal shares when none is configured. */
function shares(regions: string[], configured: Record<string, number>): Map<string, number> {
  const given = regions.map((r) => configured[r] ?? 0);
  const sum = given.reduce((a, b) => a + b, 0);
  if (sum === 0) return new Map(regions.map((r) => [r, 1 / regions.length]));
  return new Map(regions.map((r, i) => [r, given[i] / sum]));
}

/** "$0.045" style price text: up to 4 decimals, no trailing zeros beyond cents. */
export function usd(n: number): string {
  const text = n >= 100 ? n.toFixed(2) : n.toFixed(n < 0.01 ? 6 : 4).replace(/(\.\d\d\d*?)0+$/, "$1");
  return `$${text}`;
}

/** Readable count: 11,500,000,000 -> "11.5B". */
export function qty(n: number): string {
  const units: [number, string][] = [
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  for (const [v, s] of units) if (Math.abs(n) >= v) return `${+(n / v).toFixed(2)}${s}`;
  return `${+n.toFixed(2)}`;
}
