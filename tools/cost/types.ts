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

/** A resource with a cost we do not estimate (no pinned price for its region, or no rule). */
export interface Unpriced {
  urn: string;
  type: string;
  region: string;
  reason: string;
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
  /** Usage assumptions used, "traffic.peakRps = 10000", plus derived figures. */
  assumptions: string[];
  priceDate: string;
  /** Budget from usage.monthlyBudget, when set. */
  budget?: number;
}
