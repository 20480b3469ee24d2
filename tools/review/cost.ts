/**
 * The monthly cost delta in the review. The estimate itself comes from
 * tools/cost/ (cost.json); this module only compares two reports, so the
 * review depends on the report's shape, not on how it is computed.
 */
export interface CostItem {
  urn: string;
  type: string;
  region: string | null;
  monthly: number;
  basis?: string;
}

export interface CostReport {
  stack: string;
  currency: string;
  monthly: number;
  byRegion?: Record<string, number>;
  items: CostItem[];
  assumptions?: string[];
  priceDate?: string;
}

export interface CostDelta {
  currency: string;
  base: number;
  head: number;
  delta: number;
  /** Largest per-resource changes by absolute amount. */
  contributors: { urn: string; type: string; region: string | null; base: number; head: number; delta: number }[];
  priceDate?: string;
}

export function costDelta(base: CostReport, head: CostReport, top = 5): CostDelta {
  if (base.currency !== head.currency)
    throw new Error(`cost reports use different currencies: ${base.currency} (base) and ${head.currency} (head)`);
  const b = new Map(base.items.map((i) => [i.urn, i]));
  const h = new Map(head.items.map((i) => [i.urn, i]));
  const contributors = [...new Set([...b.keys(), ...h.keys()])]
    .map((urn) => {
      const item = (h.get(urn) ?? b.get(urn))!;
      const [was, now] = [b.get(urn)?.monthly ?? 0, h.get(urn)?.monthly ?? 0];
      return { urn, type: item.type, region: item.region, base: was, head: now, delta: now - was };
    })
    .filter((c) => Math.abs(c.delta) >= 0.005)
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.urn.localeCompare(y.urn))
    .slice(0, top);
  return {
    currency: head.currency,
    base: base.monthly,
    head: head.monthly,
    delta: head.monthly - base.monthly,
    contributors,
    priceDate: head.priceDate,
  };
}

export function money(n: number, currency: string, signed = false): string {
  const sym = currency === "USD" ? "$" : `${currency} `;
  const abs = Math.abs(n).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const sign = n < 0 ? "-" : signed ? "+" : "";
  return `${sign}${sym}${abs}`;
}
