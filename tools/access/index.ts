/**
 * plan.json `access`: every access the platform needs (required) and must not grant (forbidden),
 * derived from the planned resources and decided against the planned policies (evaluate.ts).
 */
import type { PlanResource } from "../../policies/lib/offline";
import { toEntry, type AccessEntry } from "./model";
import { ciNeeds } from "./needs-ci";
import { controllerNeeds } from "./needs-controllers";
import { podNeeds } from "./needs-pods";
import { serviceNeeds } from "./needs-services";
import { buildWorld } from "./world";

export type { AccessEntry } from "./model";
export { REQUIREMENTS } from "./requirements";

export function accessEntries(resources: readonly PlanResource[]): AccessEntry[] {
  const world = buildWorld(resources);
  const needs = [...serviceNeeds(world), ...controllerNeeds(world), ...podNeeds(world), ...ciNeeds(world)];
  const seen = new Set<string>();
  const out: AccessEntry[] = [];
  for (const n of needs) {
    // The same request from two sources is one entry; a different context (another rule's SourceArn) is not.
    const key = JSON.stringify([n.requirement, n.kind, n.asker, n.action, n.resource, n.context ?? {}]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(toEntry(world, n));
  }
  return out;
}

/** One line per entry that does not hold: principal, action, resource and what decides. */
export function accessProblem(e: AccessEntry): string {
  const verdict = e.kind === "required" ? "is denied" : "is allowed";
  return `${e.requirement} (${e.kind}): ${e.principal} ${e.action} on ${e.resource} ${verdict}: ${e.reason}`;
}
