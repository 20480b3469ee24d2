/**
 * The pieces every scenario is summed from: a term is a plan value or a cited figure, on the read
 * path, the write path or the data lost (rpo).
 */
import { FIGURES, type FigureName } from "./figures";
import type { Topology } from "./topology";

export interface Term {
  /** "read", "write" or "rpo": which total the term adds to. */
  readonly path: "read" | "write" | "rpo";
  readonly seconds: number;
  readonly what: string;
  /** "plan: <resource input>" or the figure's page. */
  readonly source: string;
}

export interface Scenario {
  readonly name: string;
  /** null: the platform does not recover from it (nothing left to serve or write). */
  readonly readRtoSeconds: number | null;
  readonly writeRtoSeconds: number | null;
  readonly rpoSeconds: number | null;
  readonly withinBudget: boolean;
  readonly terms: readonly Term[];
  readonly notes: readonly string[];
  /** How the gap closes, when the scenario misses the budget and the plan knows a way. */
  readonly closing?: string;
}

export type Draft = Omit<Scenario, "withinBudget">;

export const fig = (path: Term["path"], name: FigureName, seconds?: number): Term => {
  const f = FIGURES[name];
  return { path, seconds: seconds ?? f.seconds, what: f.what, source: `${f.kind}: ${f.source}` };
};

export const planTerm = (path: Term["path"], seconds: number, what: string, input: string): Term => ({
  path,
  seconds,
  what,
  source: `plan: ${input}`,
});

export const sum = (terms: readonly Term[], path: Term["path"]) =>
  terms.filter((t) => t.path === path).reduce((s, t) => s + t.seconds, 0);

export function scenario(
  name: string,
  read: number | null,
  write: number | null,
  rpo: number | null,
  terms: readonly Term[],
  notes: readonly string[],
): Draft {
  return { name, readRtoSeconds: read, writeRtoSeconds: write, rpoSeconds: rpo, terms, notes };
}

/** Recoveries that run side by side: the longest one's terms count, the others become notes. */
export function longest(branches: { label: string; terms: Term[] }[], notes: string[]): Term[] {
  const sorted = [...branches].sort((a, b) => sum(b.terms, "write") - sum(a.terms, "write"));
  for (const b of sorted.slice(1)) notes.push(`${b.label} (${sum(b.terms, "write")} s) runs alongside and ends sooner`);
  return sorted[0]?.terms ?? [];
}

/** Reads of a lost region move once Route53 marks its origin unhealthy and resolvers drop the old answer. */
export function regionReadTerms(t: Topology, region: string): Term[] | null {
  const hc = t.healthChecks[region];
  if (!hc || t.regions.length < 2) return null;
  return [
    planTerm(
      "read",
      hc.intervalSeconds * hc.failureThreshold,
      `Route53 marks ${region}'s origin unhealthy after ${hc.failureThreshold} failed checks ${hc.intervalSeconds} s apart`,
      "aws:route53/healthCheck requestInterval x failureThreshold",
    ),
    fig("read", "route53CheckTimeout"),
    fig("read", "elbAliasTtl"),
  ];
}

/** What CloudFront's origin group does for cacheable reads while the region drains (a note, not a term). */
export function originFailoverNote(t: Topology, lost: string): string | null {
  const o = t.originFailover;
  if (!o) return "no CloudFront origin group: GET/HEAD wait for DNS like every other request";
  if (o.secondaryRegion === lost)
    return `the origin group's secondary is ${lost} itself: GET/HEAD on ${o.paths.join(", ")} wait for DNS`;
  return (
    `GET/HEAD on ${o.paths.join(", ")} retry on ${o.secondaryRegion} after ${o.failedTrySeconds} s ` +
    "(CloudFront origin group: connection timeout x attempts) instead of failing until DNS moves"
  );
}
