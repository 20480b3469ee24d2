import { describeUnknowns, hasUnknowns, recordUnknowns, type UnknownReads } from "../plan/unknowns";
import { freeClass, NOT_ESTIMATED } from "./classes";
import { CostContext } from "./context";
import { coverageOf } from "./coverage";
import { PRICE_DATE } from "./prices/types";
import type { Rule } from "./rules/common";
import { COMPUTE_RULES } from "./rules/compute";
import { DATA_RULES } from "./rules/data";
import { EDGE_RULES } from "./rules/edge";
import { FARGATE_RULES } from "./rules/fargate";
import { TRACING_RULES } from "./rules/tracing";
import { NETWORK_RULES } from "./rules/network";
import { OPS_RULES } from "./rules/ops";
import { SERVERLESS_ASSUMPTIONS, SERVERLESS_RULES } from "./rules/serverless";
import { KAFKA_RULES } from "./rules/kafka";
import { JENKINS_RULES } from "./rules/jenkins";
import type { CostItem, CostLine, CostPlan, CostReport } from "./types";

/** Every rule set; a new area adds one line here (its rules keyed by resource type). */
const RULE_SETS: readonly Record<string, Rule>[] = [
  COMPUTE_RULES,
  NETWORK_RULES,
  DATA_RULES,
  EDGE_RULES,
  OPS_RULES,
  FARGATE_RULES,
  TRACING_RULES,
  SERVERLESS_RULES,
  KAFKA_RULES,
  JENKINS_RULES,
];

const RULES = new Map<string, Rule[]>();
for (const set of RULE_SETS)
  for (const [type, rule] of Object.entries(set)) RULES.set(type, [...(RULES.get(type) ?? []), rule]);

/**
 * The monthly cost of a plan: a pure function of plan.json (resources + `usage`, the resolved
 * `platform:cost` section). `asOf` (default: the price date) decides EKS standard vs extended
 * support. Items are rounded to cents; `monthly`, `byRegion` and `byComponent` are their sums.
 */
export function estimateCost(plan: CostPlan, asOf: string = PRICE_DATE): CostReport {
  // In a preview plan a rule that reads an unknown value cannot price the resource: it says so.
  const met: UnknownReads = [];
  const preview = hasUnknowns(plan.resources);
  const resources = preview ? plan.resources.map((r) => recordUnknowns(r, met)) : plan.resources;
  const ctx = new CostContext({ ...plan, resources }, asOf);
  for (const r of resources) {
    const rules = RULES.get(r.type);
    met.length = 0;
    const [lines, unpriced] = [ctx.lines.length, ctx.unpriced.length];
    if (rules) for (const rule of rules) rule(ctx, r);
    if (rules && met.length > 0) {
      ctx.lines.splice(lines);
      ctx.unpriced.splice(unpriced);
      ctx.notBilled.delete(r.urn);
      ctx.skip(r, `cannot estimate until known: reads ${describeUnknowns(met)} (a preview)`, undefined, "preview");
    } else if (rules) continue;
    else if (NOT_ESTIMATED[r.type]) ctx.skip(r, NOT_ESTIMATED[r.type]);
    else if (!freeClass(r.type)) ctx.skip(r, `no pricing rule for ${r.type}`, undefined, "rule");
  }
  const sumBy = (key: "region" | "component") => {
    const out: Record<string, number> = {};
    for (const i of ctx.lines) out[i[key]] = cents((out[i[key]] ?? 0) + i.monthly);
    return Object.fromEntries(Object.entries(out).sort());
  };
  const u = ctx.usage;
  return {
    stack: plan.stack ?? "?",
    currency: "USD",
    monthly: cents(ctx.lines.reduce((a, i) => a + i.monthly, 0)),
    byRegion: sumBy("region"),
    byComponent: sumBy("component"),
    items: perResource(ctx.lines),
    lines: ctx.lines,
    unpriced: ctx.unpriced,
    coverage: coverageOf(ctx, resources),
    assumptions: Object.entries({
      ...flatten(u as unknown as Record<string, unknown>),
      ...flatten(SERVERLESS_ASSUMPTIONS as unknown as Record<string, unknown>, "assumed."),
      "derived.averageRps": Math.round(u.traffic.peakRps * u.traffic.averageToPeak),
      "derived.monthlyRequests": Math.round(ctx.monthlyRequests()),
      "derived.trafficShare": [...ctx.trafficShare].map(([r, s]) => `${r} ${s.toFixed(3)}`).join(", ") || "none",
      hoursPerMonth: 730,
      asOf,
    }).map(([k, v]) => `${k} = ${v}`),
    priceDate: PRICE_DATE,
    ...(u.monthlyBudget !== undefined ? { budget: u.monthlyBudget } : {}),
  };
}

const cents = (n: number) => Math.round(n * 100) / 100;

function perResource(lines: CostLine[]): CostItem[] {
  const byUrn = new Map<string, CostItem>();
  for (const l of lines) {
    const item = byUrn.get(l.urn);
    if (!item)
      byUrn.set(l.urn, {
        urn: l.urn,
        type: l.type,
        region: l.region,
        component: l.component,
        monthly: l.monthly,
        basis: `${l.line}: ${l.basis}`,
      });
    else {
      item.monthly = cents(item.monthly + l.monthly);
      item.basis += `; ${l.line}: ${l.basis}`;
    }
  }
  return [...byUrn.values()];
}

function flatten(o: Record<string, unknown>, prefix = ""): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(o)) {
    const key = prefix + k;
    if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0 && k !== "regionShare")
      Object.assign(out, flatten(v as Record<string, unknown>, `${key}.`));
    else out[key] = typeof v === "number" || typeof v === "string" ? v : JSON.stringify(v);
  }
  return out;
}
