import type { PlanResource } from "../../policies/lib/offline";
import { mockState } from "../engine/mock-state";

/**
 * Inputs name other resources by id or by a computed output (a cluster's security group id).
 * The plan comes from the mock engine, so the values are exactly what mock-state answered:
 * computing them again here resolves every reference the program made.
 */
export interface Refs {
  /** Mock ids are `<name>-id`, so two types may share one (a subnet and its route table association). */
  byId: Map<string, PlanResource[]>;
  idOf: Map<string, string>;
  /** The state (outputs) the engine answered for a resource. */
  state(r: PlanResource): Record<string, unknown>;
  /** The resource whose id is `value` (of `type` when given). */
  resolve(value: unknown, type?: string): PlanResource | undefined;
}

export function buildRefs(resources: readonly PlanResource[]): Refs {
  const byId = new Map<string, PlanResource[]>();
  const idOf = new Map<string, string>();
  const states = new Map<string, Record<string, unknown>>();
  for (const r of resources) {
    // Remote components (eks:index:Cluster) have outputs too, but no id.
    const { id, state } = mockState(
      { type: r.type, name: r.name, inputs: r.inputs, provider: r.provider ?? undefined, custom: r.custom },
      r.region,
    );
    states.set(r.urn, state);
    if (!r.custom) continue;
    byId.set(id, [...(byId.get(id) ?? []), r]);
    idOf.set(r.urn, id);
  }
  return {
    byId,
    idOf,
    state: (r) => states.get(r.urn) ?? {},
    resolve: (value, type) =>
      typeof value === "string" ? byId.get(value)?.find((r) => !type || r.type === type) : undefined,
  };
}

/** Reads a JSON-encoded input (configurationValues) without throwing. */
export function parseJson(value: unknown): Record<string, unknown> {
  if (typeof value !== "string") return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  try {
    return JSON.parse(value) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The region of a resource: its AWS provider's, else the Region component it sits under (Kubernetes objects). */
export function regionResolver(resources: readonly PlanResource[]): (r: PlanResource) => string | null {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  return (r) => {
    if (r.region) return r.region;
    let cur = r.parent ? byUrn.get(r.parent) : undefined;
    while (cur) {
      if (cur.type === "platform:region:Region") return cur.name;
      cur = cur.parent ? byUrn.get(cur.parent) : undefined;
    }
    return null;
  };
}
