import type { PlanResource } from "./engine/run";
import type { Plan } from "./plan-lib";

export interface ResourceChange {
  urn: string;
  type: string;
  region: string | null;
  /** Dotted paths that differ, e.g. `inputs.tags.Name`, `provider`. */
  paths: string[];
}

export interface PlanDiff {
  added: PlanResource[];
  removed: PlanResource[];
  changed: ResourceChange[];
}

const COMPARED = ["inputs", "provider", "region", "parent", "custom"] as const;

/** Resources keyed by URN; a rename is a remove plus an add, as Pulumi would do it. */
export function diffPlans(base: Pick<Plan, "resources">, head: Pick<Plan, "resources">): PlanDiff {
  const before = new Map(base.resources.map((r) => [r.urn, r]));
  const after = new Map(head.resources.map((r) => [r.urn, r]));
  const added = head.resources.filter((r) => !before.has(r.urn));
  const removed = base.resources.filter((r) => !after.has(r.urn));
  const changed: ResourceChange[] = [];
  for (const r of head.resources) {
    const old = before.get(r.urn);
    if (!old) continue;
    const paths: string[] = [];
    for (const key of COMPARED) changedPaths(old[key], r[key], key, paths);
    if (paths.length > 0) changed.push({ urn: r.urn, type: r.type, region: r.region, paths });
  }
  return { added, removed, changed };
}

function changedPaths(a: unknown, b: unknown, at: string, out: string[]): void {
  if (a === b) return;
  const isObj = (v: unknown) => v !== null && typeof v === "object";
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    for (const k of [...keys].sort()) {
      const seg = Array.isArray(a) ? `${at}[${k}]` : `${at}.${k}`;
      changedPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], seg, out);
    }
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push(at);
}

const shortUrn = (urn: string) => urn.split("::").slice(-1)[0];
const row = (sign: string, r: { urn: string; type: string; region: string | null }, extra = "") =>
  `| ${sign} | \`${shortUrn(r.urn)}\` | \`${r.type}\` | ${r.region ?? "—"} | ${extra} |`;

/** Markdown for a pull-request comment. Secret values never appear: plans hold "[secret]". */
export function diffMarkdown(stack: string, d: PlanDiff, maxPaths = 8): string {
  const custom = (rs: PlanResource[]) => rs.filter((r) => r.custom);
  const add = custom(d.added);
  const del = custom(d.removed);
  const title = `### Offline plan diff for \`${stack}\`: ${add.length} to add, ${d.changed.length} to change, ${del.length} to remove`;
  if (add.length + del.length + d.changed.length === 0) return `${title}\n\nNo changes.\n`;
  const lines = [title, "", "| | resource | type | region | changed inputs |", "|---|---|---|---|---|"];
  for (const r of add) lines.push(row("+", r));
  for (const c of d.changed) {
    const shown = c.paths
      .slice(0, maxPaths)
      .map((p) => `\`${p}\``)
      .join(", ");
    lines.push(row("~", c, c.paths.length > maxPaths ? `${shown} and ${c.paths.length - maxPaths} more` : shown));
  }
  for (const r of del) lines.push(row("-", r));
  return lines.join("\n") + "\n";
}
