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

/** The coverage counts of a cost report (tools/cost/types.ts Coverage, the part the review reads). */
export interface CostCoverage {
  resources: number;
  estimated: number;
  free: number;
  unpriced: number;
  byType?: { unpriced: { type: string; region: string; count: number; reason?: string }[] };
  regionsWithoutPrices: {
    region: string;
    resources: number;
    types?: string[];
    trafficShare: number;
    trafficUnpriced?: boolean;
  }[];
}

export interface CostReport {
  stack: string;
  currency: string;
  monthly: number;
  byRegion?: Record<string, number>;
  items: CostItem[];
  assumptions?: string[];
  priceDate?: string;
  /** Absent in reports written before coverage existed: the review then says coverage is unknown. */
  coverage?: CostCoverage;
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

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const n = (x: number) => x.toLocaleString("en-US");
const count = (c: CostCoverage) =>
  `${n(c.resources)} resources: ${n(c.estimated)} estimated, ${n(c.free)} free, ${n(c.unpriced)} unpriced`;

/**
 * The review's cost section: the delta, its largest contributors, and what neither side prices
 * (coverage of both sides, resources newly unpriced, regions without prices), so a total that
 * moves little because the new resources have no price never reads as cheap.
 */
export function costSection(base: CostReport, head: CostReport): string {
  const d = costDelta(base, head);
  const cur = d.currency;
  const lines = [
    `#### Monthly cost: ${money(d.base, cur)} -> ${money(d.head, cur)} (${money(d.delta, cur, true)})`,
    "",
  ];
  const hc = head.coverage;
  const bc = base.coverage;
  // A report written before coverage existed has none: nothing is claimed about it.
  if (hc) lines.push(`Coverage: ${count(hc)}${bc ? ` (base: ${count(bc)})` : ""}.`, "");
  const flagged = (hc?.regionsWithoutPrices ?? []).filter(
    (r) => !(bc?.regionsWithoutPrices ?? []).some((b) => b.region === r.region && b.resources === r.resources),
  );
  for (const r of hc?.regionsWithoutPrices ?? []) {
    const isNew = flagged.includes(r) ? "⚠️ " : "";
    lines.push(
      `- ${isNew}**Not priced in ${r.region}**: ${r.resources} resource${r.resources === 1 ? "" : "s"} have no ` +
        `pinned price there and are not in the total` +
        (r.types?.length ? ` (${r.types.map((t) => code(t.replace(/^aws:/, ""))).join(", ")})` : "") +
        (r.trafficUnpriced && r.trafficShare > 0
          ? `; it takes ${(r.trafficShare * 100).toFixed(1)} % of the traffic, so lines that follow traffic in ` +
            `the other regions fall by that share without that money being saved`
          : "") +
        ".",
    );
  }
  const newlyUnpriced = unpricedGrowth(bc, hc);
  if (hc?.regionsWithoutPrices.length) lines.push("");
  if (newlyUnpriced.length > 0) {
    lines.push("Newly not estimated:", "");
    for (const e of newlyUnpriced.slice(0, 8))
      lines.push(`- +${e.count} ${code(e.type)} in ${e.region}${e.reason ? `: ${e.reason}` : ""}`);
    if (newlyUnpriced.length > 8) lines.push(`- … ${newlyUnpriced.length - 8} more types (cost.json coverage)`);
    lines.push("");
  }
  if (d.contributors.length > 0) {
    lines.push("Largest changes:", "");
    for (const c of d.contributors)
      lines.push(
        `- ${code(c.urn.split("::").pop()!)} (${code(c.type)}, ${c.region ?? "global"}): ${money(c.base, cur)} -> ` +
          `${money(c.head, cur)} (${money(c.delta, cur, true)})`,
      );
  }
  if (d.priceDate)
    lines.push("", `<sub>Estimate from list prices of ${d.priceDate}; see the cost report's assumptions.</sub>`);
  return lines.join("\n") + "\n";
}

/** Unpriced entries (type x region) that grew from base to head, with how many more. */
function unpricedGrowth(base: CostCoverage | undefined, head: CostCoverage | undefined) {
  const key = (e: { type: string; region: string }) => `${e.type} ${e.region}`;
  const was = new Map<string, number>();
  for (const e of base?.byType?.unpriced ?? []) was.set(key(e), (was.get(key(e)) ?? 0) + e.count);
  const now = new Map<string, { type: string; region: string; count: number; reasons: Set<string> }>();
  for (const e of head?.byType?.unpriced ?? []) {
    const cur = now.get(key(e)) ?? { type: e.type, region: e.region, count: 0, reasons: new Set<string>() };
    cur.count += e.count;
    if (e.reason) cur.reasons.add(e.reason);
    now.set(key(e), cur);
  }
  return [...now.entries()]
    .map(([k, e]) => ({
      type: e.type,
      region: e.region,
      count: e.count - (was.get(k) ?? 0),
      // Several reasons for one type and region (log groups): cost.json has each.
      reason: e.reasons.size === 1 ? [...e.reasons][0] : `${e.reasons.size} reasons (cost.json coverage)`,
    }))
    .filter((e) => e.count > 0)
    .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}
