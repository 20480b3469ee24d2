/**
 * Which URNs of an existing stack a plan keeps: a URN is kept when a planned resource has it or names it
 * in its aliases (the engine then updates that resource in place instead of deleting it and creating a
 * new one). Compared in the engine's URN form (full parent type chain), the one a real stack's state holds.
 */
import { engineUrns } from "../engine/aliases";
import type { PlanResource } from "../../policies/lib/offline";

export interface BaselineCheck {
  /** Old URNs no planned resource has or aliases: `pulumi up` would delete them (and create successors). */
  lost: string[];
  /** Old URNs two resources claim: the engine refuses the update ("duplicate resource alias"). */
  claimedTwice: { urn: string; by: string[] }[];
}

export function checkBaseline(
  plan: { stack: string; project: string; resources: readonly PlanResource[] },
  oldUrns: readonly string[],
): BaselineCheck {
  const own = engineUrns({ stack: plan.stack, project: plan.project }, plan.resources);
  const claims = new Map<string, Set<string>>();
  const claim = (urn: string, by: string) => claims.set(urn, (claims.get(urn) ?? new Set()).add(by));
  for (const r of plan.resources) {
    claim(own.get(r.urn)!, r.urn);
    for (const a of r.options?.aliases ?? []) claim(a, r.urn);
  }
  return {
    lost: oldUrns.filter((u) => !claims.has(u)),
    claimedTwice: oldUrns
      .filter((u) => (claims.get(u)?.size ?? 0) > 1)
      .map((u) => ({ urn: u, by: [...claims.get(u)!].sort() })),
  };
}
