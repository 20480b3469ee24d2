/**
 * plan.json `access`: every access the platform needs (required) and must not grant (forbidden),
 * derived from the planned resources and decided against the planned policies (evaluate.ts).
 */
import type { PlanResource } from "../../policies/lib/offline";
import { toEntry, type AccessEntry } from "./model";
import { ciNeeds } from "./needs-ci";
import { controllerNeeds } from "./needs-controllers";
import { failoverNeeds } from "./needs-failover";
import { jenkinsNeeds } from "./needs-jenkins";
import { podNeeds } from "./needs-pods";
import { serviceNeeds } from "./needs-services";
import { unusedGrants, type UnusedGrant } from "./unused";
import { buildWorld } from "./world";

export type { AccessEntry } from "./model";
export type { UnusedGrant } from "./unused";
export { REQUIREMENTS } from "./requirements";

export function accessEntries(resources: readonly PlanResource[]): AccessEntry[] {
  return accessReport(resources).entries;
}

type Report = { entries: AccessEntry[]; unused: UnusedGrant[] };

// One plan is decided twice (the policy pack and plan.json's analysis, over equal resources):
// the last report is kept for the same resources, compared by what the model reads.
let last: { key: string; report: Report } | undefined;

/** The entries and, for the roles the program creates, the grants no required entry uses. */
export function accessReport(resources: readonly PlanResource[]): Report {
  const key = JSON.stringify(resources.map((r) => [r.urn, regional(r) ? r.region : null, r.parent, r.inputs]));
  if (last?.key === key) return last.report;
  const report = decideAll(resources);
  last = { key, report };
  return report;
}

/** Resources whose region the model reads (the others' region the pack does not report). */
const regional = (r: PlanResource) => r.type.startsWith("aws:") || r.type === "eks:index:Cluster";

function decideAll(resources: readonly PlanResource[]): Report {
  const world = buildWorld(resources);
  const needs = [
    ...serviceNeeds(world),
    ...controllerNeeds(world),
    ...podNeeds(world),
    ...ciNeeds(world),
    ...jenkinsNeeds(world),
    ...failoverNeeds(world),
  ];
  const seen = new Set<string>();
  const out: AccessEntry[] = [];
  for (const n of needs) {
    // The same request from two sources is one entry; a different context (another rule's SourceArn) is not.
    const key = JSON.stringify([n.requirement, n.kind, n.asker, n.action, n.resource, n.context ?? {}]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(toEntry(world, n));
  }
  return { entries: out, unused: unusedGrants(world, out) };
}

/** One line per role with grants no required access uses (advisory). */
export function unusedProblem(u: UnusedGrant): string {
  const shown = u.actions.slice(0, 12).join(", ");
  const more = u.actions.length > 12 ? ` and ${u.actions.length - 12} more` : "";
  return `unused grants: ${u.role} may ${u.actions.length} action(s) no required access uses: ${shown}${more}`;
}

/** One line per entry that does not hold: principal, action, resource and what decides. */
export function accessProblem(e: AccessEntry): string {
  const verdict = e.kind === "required" ? "is denied" : "is allowed";
  return `${e.requirement} (${e.kind}): ${e.principal} ${e.action} on ${e.resource} ${verdict}: ${e.reason}`;
}
