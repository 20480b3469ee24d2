/**
 * Pinned AWS list prices (USD, on-demand, Linux, no free tier, no discounts). Each entry names
 * the official pricing page it belongs to (`source`). `seen` lists the pages on which a figure was
 * actually read, each with its URL, the date of the reading, who published it and the regions it
 * covers; every region not covered by a reading is the list price as the author knew it at
 * PRICE_DATE and was NOT re-read: confirm it on `source` before relying on it. `conflicts` lists
 * pages that gave another figure and were not applied (the reason is in `says`). A region missing
 * from `usd` has no pinned price: the estimate lists such lines as unpriced instead of guessing.
 */
export interface Price {
  /** What one unit is, e.g. "hour", "GB", "GB-month", "1M requests". */
  unit: string;
  /** Region name (or "global") -> USD per unit. */
  usd: Readonly<Record<string, number>>;
  source: string;
  seen?: readonly Reading[];
  conflicts?: readonly Reading[];
  note?: string;
}

/** One reading of a price on a page. */
export interface Reading {
  url: string;
  /** Date of the reading (YYYY-MM-DD). */
  readOn: string;
  /** "aws": a page published by AWS (aws.amazon.com, docs.aws.amazon.com, amazonaws.cn); otherwise weaker evidence. */
  publisher: "aws" | "third-party";
  /**
   * Regions (or "global") whose figure the page gives; "all" when the page gives one figure and says
   * it holds in every region; "unnamed" when it gives one figure without naming a region (not
   * counted as seen for any region).
   */
  regions: readonly string[] | "all" | "unnamed";
  /** The figure the page gave, in the price's unit. */
  usd: number;
  /** What the page says, in our words, and anything that limits the reading. */
  says: string;
}

/** Regions whose pinned figure a reading confirms (the keys of `usd` for "all"). */
export function seenRegions(p: Price): string[] {
  const out = new Set<string>();
  for (const r of p.seen ?? [])
    for (const k of r.regions === "all" ? Object.keys(p.usd) : r.regions === "unnamed" ? [] : r.regions) out.add(k);
  return Object.keys(p.usd).filter((k) => out.has(k));
}

/** Date the prices were pinned; the estimate is for a 730-hour month starting then. */
export const PRICE_DATE = "2026-12-02";

/** AWS bills per hour and uses 730 hours for a month (8,760 / 12). */
export const HOURS_PER_MONTH = 730;

/**
 * Regions with a full price set: the policy pack's default allowed regions
 * (policies/stack/aws-allowed-regions.ts: us-east-1, us-west-2, eu-west-1) plus us-east-2 and
 * eu-central-1. Any other region the config accepts gets "no pinned price" lines.
 */
export const PRICED_REGIONS = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1"] as const;

/** The same figure in every priced region (services AWS prices uniformly). */
export function uniform(usd: number): Record<string, number> {
  return Object.fromEntries(PRICED_REGIONS.map((r) => [r, usd]));
}

/** us-east-1, us-east-2, us-west-2 share a price; eu-west-1 and eu-central-1 given. */
export function usEu(us: number, euWest1: number, euCentral1: number): Record<string, number> {
  return {
    "us-east-1": us,
    "us-east-2": us,
    "us-west-2": us,
    "eu-west-1": euWest1,
    "eu-central-1": euCentral1,
  };
}
