import { HOURS_PER_MONTH } from "./prices/types";
import { coverageLine, regionWarnings } from "./coverage";
import type { CostReport } from "./types";

export function money(n: number): string {
  return `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);

/** The printed table: totals by region and by component, every line with its basis, unpriced, assumptions. */
export function renderCostTable(r: CostReport, opts: { lines?: number } = {}): string {
  const out = [
    `Monthly cost estimate for stack "${r.stack}": ${money(r.monthly)} ${r.currency}` +
      ` (list prices of ${r.priceDate}, ${HOURS_PER_MONTH} h a month, on-demand unless stated)`,
    `Coverage: ${coverageLine(r.coverage)} (cost.json lists them by type and region)`,
    ...regionWarnings(r.coverage).map((w) => `  NOT PRICED: ${w}`),
  ];
  if (r.budget !== undefined)
    out.push(
      `Budget: ${money(r.budget)} -> ${r.monthly > r.budget ? `OVER by ${money(r.monthly - r.budget)}` : `${money(r.budget - r.monthly)} left`}`,
    );
  const width = Math.max(...Object.keys(r.byComponent).map((k) => k.length), 12);
  out.push("", "By region:");
  for (const [k, v] of Object.entries(r.byRegion)) out.push(`  ${pad(k, width)} ${lpad(money(v), 12)}`);
  out.push("", "By component:");
  for (const [k, v] of Object.entries(r.byComponent).sort((a, b) => b[1] - a[1]))
    out.push(`  ${pad(k, width)} ${lpad(money(v), 12)}`);
  const lines = [...r.lines].sort((a, b) => b.monthly - a.monthly || a.urn.localeCompare(b.urn));
  const shown = opts.lines === undefined ? lines : lines.slice(0, opts.lines);
  out.push("", `Lines${shown.length < lines.length ? ` (largest ${shown.length} of ${lines.length})` : ""}:`);
  for (const l of shown)
    out.push(
      `  ${lpad(money(l.monthly), 12)}  ${pad(l.region, 12)} ${pad(l.line, 36)} ${l.urn.split("::").pop()}`,
      `                ${l.basis}`,
    );
  if (r.unpriced.length > 0) {
    out.push("", `Not estimated (${r.unpriced.length} resources):`);
    const reasons = new Map<string, number>();
    for (const u of r.unpriced) reasons.set(`${u.type}: ${u.reason}`, (reasons.get(`${u.type}: ${u.reason}`) ?? 0) + 1);
    for (const [reason, n] of reasons) out.push(`  ${n} x ${reason}`);
  }
  out.push("", "Assumptions (platform:cost, in plan.json as usage):", ...r.assumptions.map((a) => `  ${a}`));
  return out.join("\n");
}

/** The plan summary's cost line: total, coverage, and every region without prices. */
export function costSummaryLine(r: CostReport): string {
  const warnings = regionWarnings(r.coverage);
  return (
    `Cost: ${money(r.monthly)} a month (list prices of ${r.priceDate}; npm run cost for the lines); ` +
    coverageLine(r.coverage) +
    (warnings.length ? `\n  NOT PRICED: ${warnings.join("\n  NOT PRICED: ")}` : "")
  );
}

/** The three largest lines, as the cost-budget policy prints them. */
export function topLines(report: CostReport): string[] {
  return [...report.lines]
    .sort((a, b) => b.monthly - a.monthly)
    .slice(0, 3)
    .map((l) => `${l.line} ${l.region} $${l.monthly.toFixed(2)}`);
}
