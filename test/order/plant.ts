import type { PlanResource, Violation } from "../../policies/lib/offline";
import { orderFindings } from "../../tools/order";

/** A plan fixture to plant failures in: a deep copy of a planned stack's resources. */
export interface Fixture {
  resources: PlanResource[];
}

export const fixture = (plan: { resources: readonly PlanResource[] }): Fixture => ({
  resources: structuredClone([...plan.resources]),
});

export function named(f: Fixture, name: string): PlanResource {
  const r = f.resources.find((x) => x.name === name);
  if (!r) throw new Error(`fixture has no resource named ${name}`);
  return r;
}

/** Drop `dep` from the direct dependencies of `name` (and from its recorded dependsOn). */
export function dropDependency(f: Fixture, name: string, dep: string): Fixture {
  const r = named(f, name);
  const urn = named(f, dep).urn;
  if (!r.dependencies.includes(urn)) throw new Error(`${name} does not depend on ${dep}`);
  r.dependencies = r.dependencies.filter((u) => u !== urn);
  return f;
}

/** A copy of `like` with another name (and URN), inputs and dependencies changed. */
export function add(f: Fixture, like: string, name: string, change: Partial<PlanResource>): PlanResource {
  const base = structuredClone(named(f, like));
  const r: PlanResource = { ...base, ...change, name, urn: base.urn.replace(/::[^:]+$/, `::${name}`) };
  f.resources.push(r);
  return r;
}

export const mandatory = (f: Fixture): Violation[] =>
  orderFindings(f).filter((v) => v.enforcementLevel === "mandatory");

/** Remove a resource and every dependency on it. */
export function remove(f: Fixture, name: string): Fixture {
  const urn = named(f, name).urn;
  f.resources = f.resources.filter((r) => r.urn !== urn);
  for (const r of f.resources) r.dependencies = r.dependencies.filter((u) => u !== urn);
  return f;
}
