import type { CostContext } from "../context";
import type { Price } from "../prices/types";
import type { CostResource } from "../types";

export type Rule = (ctx: CostContext, r: CostResource) => void;

/** The pinned price in `region`, or undefined after recording the resource as unpriced. */
export function priceIn(ctx: CostContext, r: CostResource, p: Price, region: string, what: string): number | undefined {
  const v = p.usd[region];
  if (v === undefined) ctx.skip(r, `no pinned price for ${what} in ${region} (see ${p.source})`, region);
  return v;
}

export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
