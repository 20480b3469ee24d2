import type { CostContext } from "../context";
import type { Price } from "../prices/types";
import type { CostResource } from "../types";

export type Rule = (ctx: CostContext, r: CostResource) => void;

/** The pinned price in `region`, or undefined after recording the resource as unpriced. */
export function priceIn(ctx: CostContext, r: CostResource, p: Price, region: string, what: string): number | undefined {
  const v = p.usd[region];
  if (v === undefined) ctx.noPrice(r, `no pinned price for ${what} in ${region} (see ${p.source})`, region);
  return v;
}

/** Several pinned prices in `region`, or undefined after recording one unpriced entry naming those missing. */
export function pricesIn<K extends string>(
  ctx: CostContext,
  r: CostResource,
  prices: Record<K, Price>,
  region: string,
  what: string,
): Record<K, number> | undefined {
  const entries = Object.entries(prices) as [K, Price][];
  const missing = entries.filter(([, p]) => p.usd[region] === undefined);
  if (missing.length === 0) return Object.fromEntries(entries.map(([k, p]) => [k, p.usd[region]])) as Record<K, number>;
  const units = missing.map(([k]) => k).join(", ");
  ctx.noPrice(r, `no pinned price for ${what} (${units}) in ${region} (see ${missing[0][1].source})`, region);
  return undefined;
}

export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
