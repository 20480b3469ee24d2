import { type CostContext, usd } from "../context";
import { EBS_PRICES } from "../prices/compute";
import type { CostResource } from "../types";
import { priceIn } from "./common";

/** An item for `gib` of gp3 storage in the resource's region. */
export function addGp3(ctx: CostContext, r: CostResource, line: string, gib: number, what: string): void {
  const region = ctx.regionOf(r);
  const p = priceIn(ctx, r, EBS_PRICES.gp3, region, "EBS gp3");
  if (p !== undefined) ctx.add(r, line, gib * p, `${what} x ${usd(p)}/GB-month gp3`);
}
