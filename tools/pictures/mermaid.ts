/**
 * Pictures of a plan as Mermaid text (GitHub renders it in pull requests and Markdown): the deploy
 * as a Gantt chart of the critical path, and the network flows as a graph of regions and tiers.
 * Pure: plan data in, diagram text out.
 */
import type { CriticalPathReport } from "../critical-path-lib";

/** The flow fields a graph needs (plan.json `flows`). */
export interface FlowLike {
  readonly requirement: string;
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly ok: boolean;
}

/** Text safe inside a quoted Mermaid label: quotes and angle brackets as entities, one line. */
export function label(text: string): string {
  return text.replace(/\s+/g, " ").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

/** A Mermaid node id from any text: letters, digits and underscores, unique per text. */
export function nodeId(text: string, ids: Map<string, string>): string {
  const known = ids.get(text);
  if (known) return known;
  const base = `n_${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")}`.slice(0, 60);
  let id = base;
  for (let i = 2; [...ids.values()].includes(id); i++) id = `${base}_${i}`;
  ids.set(text, id);
  return id;
}

const seconds = (minutes: number) => Math.round(minutes * 60);

/**
 * The critical path of a fresh `pulumi up` as a Gantt chart: one bar per step over `minSteps`
 * minutes (start = its finish minus its own duration), and a milestone per region when it serves.
 * Times are seconds from the start (dateFormat X), shown as hours:minutes.
 */
export function deployGantt(report: CriticalPathReport, minStepMinutes = 0.1): string {
  const lines = [
    "gantt",
    `  title Deploy of ${label(report.stack)}: ${report.critical.minutes.toFixed(1)} min critical path`,
    "  dateFormat X",
    "  axisFormat %H:%M",
    "  section Critical path",
  ];
  report.critical.steps
    .filter((s) => s.minutes > minStepMinutes)
    .forEach((s, i) => {
      const end = seconds(s.finish);
      const start = end - seconds(s.minutes);
      lines.push(`  ${label(s.name).replace(/:/g, "#colon;")} :c${i}, ${start}, ${end}`);
    });
  lines.push("  section Serving");
  Object.entries(report.serving)
    .sort(([a], [b]) => a.localeCompare(b))
    .forEach(([region, s], i) => lines.push(`  ${label(region)} serves :milestone, s${i}, ${seconds(s.finish)}, 0s`));
  return lines.join("\n") + "\n";
}

/** The region a flow endpoint belongs to ("us-east-1 gateway pods" -> us-east-1), else null. */
export function regionOfEndpoint(endpoint: string, regions: readonly string[]): string | null {
  return regions.find((r) => endpoint === r || endpoint.startsWith(`${r} `) || endpoint.endsWith(`, ${r})`)) ?? null;
}

/**
 * The network paths the platform needs as a graph: a subgraph per region, global endpoints outside,
 * one edge per (from, to) with its ports; a path the plan does not allow is a dashed red edge.
 */
export function flowGraph(flows: readonly FlowLike[], regions: readonly string[]): string {
  const ids = new Map<string, string>();
  const byRegion = new Map<string | null, Set<string>>();
  for (const f of flows)
    for (const end of [f.from, f.to]) {
      const r = regionOfEndpoint(end, regions);
      byRegion.set(r, (byRegion.get(r) ?? new Set()).add(end));
    }
  const lines = ["flowchart LR"];
  for (const region of [...regions, null]) {
    const ends = [...(byRegion.get(region) ?? [])].sort();
    if (!ends.length) continue;
    const indent = region ? "    " : "  ";
    if (region) lines.push(`  subgraph ${nodeId(`region ${region}`, ids)}["${label(region)}"]`);
    for (const e of ends) lines.push(`${indent}${nodeId(e, ids)}["${label(e)}"]`);
    if (region) lines.push("  end");
  }
  const edges = new Map<string, { from: string; to: string; ports: Set<number>; ok: boolean }>();
  for (const f of flows) {
    const key = `${f.from}\u0000${f.to}`;
    const e = edges.get(key) ?? { from: f.from, to: f.to, ports: new Set<number>(), ok: true };
    e.ports.add(f.port);
    e.ok = e.ok && f.ok;
    edges.set(key, e);
  }
  const broken: number[] = [];
  [...edges.values()].forEach((e, i) => {
    const ports = [...e.ports].sort((a, b) => a - b).join(",");
    lines.push(`  ${nodeId(e.from, ids)} ${e.ok ? "-->" : "-.->"}|"${ports}"| ${nodeId(e.to, ids)}`);
    if (!e.ok) broken.push(i);
  });
  if (broken.length) lines.push(`  linkStyle ${broken.join(",")} stroke:#d00,stroke-width:2px`);
  return lines.join("\n") + "\n";
}
