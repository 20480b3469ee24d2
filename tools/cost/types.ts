import type { CostConfig } from "../../components/config/types";

/** The part of a plan.json resource the estimate reads (docs/plan.md). */
export interface CostResource {
  urn: string;
  type: string;
  name: string;
  custom?: boolean;
  parent?: string | null;
  region: string | null;
  inputs: Record<string, unknown>;
}

/** The part of plan.json the estimate reads; `usage` is the resolved `platform:cost` section. */
export interface CostPlan {
  stack?: string;
  resources: CostResource[];
  usage?: CostConfig;
}

export type Usage = CostConfig;

/** One billed line of a resource (a NAT gateway has "hours" and "data processed"). */
export interface CostLine {
  urn: string;
  type: string;
  /** AWS region, or "global" for CloudFront, Route53 and CLOUDFRONT-scope WAF. */
  region: string;
  /** The platform component the resource belongs to, e.g. platform:network:Vpc. */
  component: string;
  /** What is billed, e.g. "NAT gateway hours". */
  line: string;
  /** USD per month, rounded to cents. */
  monthly: number;
  /** The arithmetic, with each price and usage assumption next to its number. */
  basis: string;
}

/** One resource: the sum of its lines; `basis` joins theirs. */
export interface CostItem {
  urn: string;
  type: string;
  region: string;
  component: string;
  monthly: number;
  basis: string;
}

/**
 * Why a billed resource has no estimate: no pinned price for its region or class ("price"), no
 * usage assumption ("usage"), no pricing rule for its type ("rule"), or a value unknown in a preview.
 */
export type UnpricedKind = "price" | "usage" | "rule" | "preview";

/** A resource with a cost we do not estimate, or a part of its cost we do not estimate. */
export interface Unpriced {
  urn: string;
  type: string;
  region: string;
  reason: string;
  kind: UnpricedKind;
}

/** How many resources of one type in one region fall in a coverage class (and why, when not estimated). */
export interface CoverageEntry {
  type: string;
  region: string;
  count: number;
  reason?: string;
}

/** A region with resources the estimate could not price for lack of a pinned price there. */
export interface RegionWithoutPrices {
  region: string;
  /** Resources of the region counted unpriced for lack of a price. */
  resources: number;
  /** The types concerned. */
  types: string[];
  /** Its share of the traffic (0 when it serves none). */
  trafficShare: number;
  /**
   * Its load balancer is unpriced: the traffic it takes is missing from the total, and lines that
   * follow traffic in the other regions fall by its share without that money being saved.
   */
  trafficUnpriced: boolean;
}

/**
 * Every resource of the plan (custom, not a provider: what the plan summary counts) in exactly one
 * class: estimated (all its billed parts priced), free (AWS does not bill it) or unpriced (billed,
 * and at least one part has no estimate here).
 */
export interface Coverage {
  resources: number;
  estimated: number;
  free: number;
  unpriced: number;
  byType: { estimated: CoverageEntry[]; free: CoverageEntry[]; unpriced: CoverageEntry[] };
  regionsWithoutPrices: RegionWithoutPrices[];
}

export interface CostReport {
  stack: string;
  currency: "USD";
  monthly: number;
  byRegion: Record<string, number>;
  byComponent: Record<string, number>;
  /** One per priced resource (what the plan diff compares by URN). */
  items: CostItem[];
  /** Every billed line, with its arithmetic. */
  lines: CostLine[];
  unpriced: Unpriced[];
  coverage: Coverage;
  /** Usage assumptions used, "traffic.peakRps = 10000", plus derived figures. */
  assumptions: string[];
  priceDate: string;
  /** Budget from usage.monthlyBudget, when set. */
  budget?: number;
}
