import { needsAttention, policyDelta, type AttentionItem, type PolicyDelta } from "./attention";
import { reviewResources, type Op, type ResourceReview, type ReviewPlan } from "./changes";
import { costSection as renderCostSection, type CostReport } from "./cost";
import { showPair, showValue } from "./values";
import { driftSection, type DriftReport } from "./drift";
import { disruptionLine, protectionSection } from "./attention-text";
import { disruptions, protectedDeletions, type ProtectedDeletion } from "./disruption";
import { statefulKind } from "./attention";

/** GitHub rejects issue comments longer than this (characters). */
export const GITHUB_COMMENT_LIMIT = 65536;
/** Room kept for the sticky-comment marker and the run notice pr-comment.yml adds. */
const RESERVED = 1024;

export interface ReviewOptions {
  baseCost?: CostReport;
  headCost?: CostReport;
  /** Maximum characters of the whole comment (default: GitHub's limit minus room for the marker). */
  limit?: number;
  /** Changed inputs shown per resource. */
  maxChanges?: number;
  /** Mermaid diagrams of HEAD that differ from BASE's (tools/pictures): shown when they fit. */
  pictures?: { deploy?: string; flows?: string };
  /** Where the live stack differs from BASE (drift.ts), when its state was given. */
  drift?: DriftReport;
}

export interface Review {
  stack: string;
  rows: ResourceReview[];
  counts: Record<Op, number>;
  policy: PolicyDelta;
  attention: AttentionItem[];
  /** Deleted or replaced resources whose protection makes `pulumi up` fail (or keeps them in AWS). */
  protectedDeletions: ProtectedDeletion[];
}

export function review(base: ReviewPlan, head: ReviewPlan): Review {
  const rows = reviewResources(base, head);
  const counts: Record<Op, number> = { create: 0, update: 0, replace: 0, delete: 0, same: 0 };
  for (const r of rows) counts[r.op]++;
  const policy = policyDelta(base, head);
  const disrupted = disruptions(rows, base, (t) => statefulKind(t) !== undefined);
  return {
    stack: head.stack ?? base.stack ?? "?",
    rows,
    counts,
    policy,
    attention: needsAttention(rows, policy, disrupted),
    protectedDeletions: protectedDeletions(rows, base),
  };
}

export const SIGN: Record<Op, string> = { create: "+", update: "~", replace: "+-", delete: "-", same: " " };
const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (s: string) => `\`${esc(s).replace(/`/g, "'")}\``;

export function summaryLine(c: Record<Op, number>): string {
  return `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete, ${c.same} unchanged`;
}

function attentionLine(item: AttentionItem): string {
  if (item.kind === "disruption") return disruptionLine(item.disruption);
  if (item.kind === "violation") {
    const v = item.violation;
    const verb = item.why === "introduced" ? "**New mandatory violation**" : "**Resolved mandatory violation**";
    return `- ${verb} \`${v.policy}\` on ${code(v.urn.split("::").pop()!)}: ${esc(v.message)}`;
  }
  const r = item.row;
  const where = `${code(r.name)} (${code(r.type)}, ${r.region ?? "global"})`;
  if (item.why === "protected") return `- **${SIGN[r.op]} ${r.op} protected** ${where}`;
  const why = r.cascade ?? r.changes.find((c) => c.replaces)?.path;
  const reason = item.why === "replace" && why ? `: ${why.startsWith("`") ? why : `\`${why}\` changes`}` : "";
  return `- **${item.why === "delete" ? "- delete" : "+- replace"}** ${item.label} ${where}${r.protect ? " (protected)" : ""}${reason}`;
}

function attentionSection(items: AttentionItem[], protectedItems: ProtectedDeletion[]): string {
  if (items.length === 0)
    return "#### Needs attention\n\nNothing: no stateful or protected resource is deleted or replaced, no update restarts, fails over or replaces running capacity, and no mandatory policy violation is introduced or resolved.\n";
  const steps = protectionSection(protectedItems);
  return `#### ⚠️ Needs attention (${items.length})\n\n${items.map(attentionLine).join("\n")}\n${steps ? `\n${steps}` : ""}`;
}

function costSection(opts: ReviewOptions): string {
  return opts.baseCost && opts.headCost ? renderCostSection(opts.baseCost, opts.headCost) : "";
}

function advisorySection(p: PolicyDelta): string {
  const adv = (vs: typeof p.introduced) => vs.filter((v) => v.enforcementLevel !== "mandatory");
  const [inn, out] = [adv(p.introduced), adv(p.resolved)];
  if (inn.length + out.length === 0) return "";
  const line = (sign: string) => (v: (typeof inn)[number]) =>
    `- ${sign} \`${v.policy}\` (${v.enforcementLevel}) on ${code(v.urn.split("::").pop()!)}: ${esc(v.message)}`;
  return `#### Advisory policy changes\n\n${[...inn.map(line("new")), ...out.map(line("resolved"))].join("\n")}\n`;
}

function changeCell(r: ResourceReview, max: number): string {
  if (r.op === "create" || r.op === "delete") return "";
  const shown = r.changes.slice(0, max).map((c) => {
    const [was, now] = showPair(c.old, c.new);
    return `${code(c.path)}: ${code(was)} → ${code(now)}${c.replaces ? " **(replaces)**" : ""}`;
  });
  if (r.changes.length > max) shown.push(`and ${r.changes.length - max} more`);
  if (r.cascade) shown.unshift(`replaced: ${r.cascade}`);
  return shown.join("<br>");
}

const rowLine = (r: ResourceReview, max: number) =>
  `| ${SIGN[r.op]} | ${code(r.name)} | ${code(r.type)} | ${r.region ?? "—"} | ${changeCell(r, max)} |`;

interface Group {
  name: string;
  rows: ResourceReview[];
}

function groups(rows: ResourceReview[]): Group[] {
  const m = new Map<string, ResourceReview[]>();
  for (const r of rows.filter((x) => x.op !== "same")) m.set(r.group, [...(m.get(r.group) ?? []), r]);
  const order: Op[] = ["delete", "replace", "update", "create", "same"];
  return [...m.entries()].map(([name, rs]) => ({
    name,
    rows: rs.sort((a, b) => a.component.localeCompare(b.component) || order.indexOf(a.op) - order.indexOf(b.op)),
  }));
}

function groupHeader(g: Group): string {
  const counts = new Map<Op, number>();
  const comps = new Map<string, number>();
  for (const r of g.rows) {
    counts.set(r.op, (counts.get(r.op) ?? 0) + 1);
    comps.set(r.component, (comps.get(r.component) ?? 0) + 1);
  }
  const ops = (["create", "update", "replace", "delete"] as Op[])
    .filter((o) => counts.has(o))
    .map((o) => `${counts.get(o)} to ${o}`)
    .join(", ");
  const byComp = [...comps.entries()].map(([c, n]) => `${c} ${n}`).join(" · ");
  return `<b>${esc(g.name)}</b>: ${g.rows.length} resources (${ops}) — ${esc(byComp)}`;
}

const TABLE_HEAD = "| | resource | type | region | change (old → new) |\n|---|---|---|---|---|";

/** The changed diagrams, folded; a note instead when they would take more than a fifth of the comment. */
function picturesSection(pictures: ReviewOptions["pictures"], limit: number): string {
  const shown = [
    ["Deploy critical path (changed)", pictures?.deploy],
    ["Network flows (changed)", pictures?.flows],
  ].filter((p): p is [string, string] => typeof p[1] === "string");
  if (shown.length === 0) return "";
  const body = shown
    .map(
      ([title, text]) =>
        `<details><summary>${title}</summary>\n\n\`\`\`mermaid\n${text.trimEnd()}\n\`\`\`\n\n</details>`,
    )
    .join("\n");
  if (body.length > limit / 5)
    return `#### Pictures\n\n${shown.map(([t]) => t).join(" and ")}: too large for this comment; \`npm run pictures\` draws them.\n`;
  return `#### Pictures\n\n${body}\n`;
}

/** Markdown for the pull-request comment: summary, Needs attention (never cut), cost, policy, grouped changes. */
export function renderReview(rv: Review, opts: ReviewOptions = {}): string {
  const limit = (opts.limit ?? GITHUB_COMMENT_LIMIT) - RESERVED;
  const max = opts.maxChanges ?? 6;
  const head = [
    `### Offline plan review for \`${rv.stack}\``,
    "",
    `**${summaryLine(rv.counts)}**`,
    "",
    attentionSection(rv.attention, rv.protectedDeletions),
    opts.drift ? driftSection(opts.drift, (v) => showValue(v)) : "",
    costSection(opts),
    advisorySection(rv.policy),
    picturesSection(opts.pictures, limit),
  ]
    .filter((s, i) => i < 4 || s !== "")
    .join("\n");
  const gs = groups(rv.rows);
  if (gs.length === 0) return `${head}\nNo resource changes.\n`;
  const total = gs.reduce((n, g) => n + g.rows.length, 0);
  const parts: string[] = [head, "#### Changes by component\n"];
  let used = parts.join("\n").length;
  let shown = 0;
  const NOTE_ROOM = 400;
  for (const g of gs) {
    const bulk = g.rows.every((r) => r.op === g.rows[0].op) && (g.rows[0].op === "create" || g.rows[0].op === "delete");
    const open = !bulk && g.rows.length <= 25 ? " open" : "";
    const top = `<details${open}><summary>${groupHeader(g)}</summary>\n\n${TABLE_HEAD}\n`;
    const end = "\n</details>\n";
    if (used + top.length + end.length + NOTE_ROOM > limit) break;
    const lines: string[] = [];
    let size = used + top.length + end.length;
    for (const r of g.rows) {
      const line = rowLine(r, max);
      if (size + line.length + 1 + NOTE_ROOM > limit) break;
      lines.push(line);
      size += line.length + 1;
    }
    const rowsShown = lines.length;
    if (rowsShown === 0) break;
    if (rowsShown < g.rows.length) lines.push(`| | … ${g.rows.length - rowsShown} more in this group | | | |`);
    parts.push(top + lines.join("\n") + end);
    used = size;
    shown += rowsShown;
    if (rowsShown < g.rows.length) break;
  }
  if (shown < total)
    parts.push(
      `> **Truncated:** ${total - shown} of ${total} changed resources are not listed, to stay under GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString("en-US")}-character comment limit. The summary and "Needs attention" above are complete; the full review is in the run's step summary and its \`plan-diff\` artifact.\n`,
    );
  return parts.join("\n");
}
