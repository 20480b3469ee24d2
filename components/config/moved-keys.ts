import type { ConfigIssue } from "./errors";

/**
 * Keys whose setting lives elsewhere now (paths below the project namespace). A stack file that
 * still sets one is told where it went: an `alias` is still read (with a notice); any other is
 * refused with the pointer, since its meaning changed with the move.
 */
export interface MovedKey {
  readonly from: string;
  readonly to: string;
  /** Still read at its old place, as the new key. */
  readonly alias?: boolean;
  readonly note?: string;
}

export const MOVED_KEYS: readonly MovedKey[] = [
  { from: "cost.traffic.peakRps", to: "demand.peakRps", alias: true, note: "one demand model feeds cost and capacity" },
  {
    from: "cluster.publicEndpoint",
    to: "cluster.deployer",
    note: 'mode "egress-cidrs" with egressCidrs, or "in-network"',
  },
  { from: "cluster.publicAccessCidrs", to: "cluster.deployer.egressCidrs" },
  { from: "cluster.adminPrincipalArns", to: "cluster.access.admins" },
  {
    from: "autoscaling.mesh.errorRatio",
    to: "observability.thresholds.errorRatePercent",
    note: "errors page someone and burn the SLO; they no longer add pods, which would load a failing dependency",
  },
];

function valueAt(values: Record<string, unknown>, path: string): unknown {
  let cur: unknown = values;
  for (const p of path.split(".")) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** The pointer for a key the schema does not know, if it moved. */
export function movedKeyHint(ns: string, path: string): string | undefined {
  const m = MOVED_KEYS.find((k) => k.from === path);
  return m && `moved to ${ns}${m.to}${m.note ? ` (${m.note})` : ""}`;
}

/**
 * Aliases a stack file uses: a notice each, or an issue when the new key is set too with another
 * value. `values` are the decoded sections by key.
 */
export function aliasFindings(
  values: Record<string, unknown>,
  ns: string,
): { issues: ConfigIssue[]; notices: string[] } {
  const issues: ConfigIssue[] = [];
  const notices: string[] = [];
  for (const m of MOVED_KEYS.filter((k) => k.alias)) {
    const old = valueAt(values, m.from);
    if (old === undefined) continue;
    const now = valueAt(values, m.to);
    if (now !== undefined && JSON.stringify(now) !== JSON.stringify(old))
      issues.push({
        path: `${ns}${m.from}`,
        value: old,
        expected: `unset: it moved to ${ns}${m.to}, which this stack sets to ${JSON.stringify(now)}`,
      });
    else
      notices.push(
        `${ns}${m.from} is read as ${ns}${m.to}, where it lives now${m.note ? ` (${m.note})` : ""}: move it there`,
      );
  }
  return { issues, notices };
}
