import table from "./disruption-rules.json";
import { engineUrns } from "../engine/aliases";
import type { ResourceReview, ReviewPlan, ReviewResource } from "./changes";
import { isAtOrBelow, normalisePath, valueChanges, type ValueChange } from "./values";

/**
 * Updates that restart, fail over or replace running capacity, and deletions that protection
 * blocks. The rules (which input paths, when they apply, what is interrupted, the source) are
 * data in disruption-rules.json; this module only matches them against the review's rows.
 */

export type WhenMode = "apply-immediately" | "global-datastore" | "during-up" | "karpenter-drift" | "reboot";

export interface DisruptionRule {
  type: string;
  label: string;
  paths: string[];
  /** Only array items whose `field` equals `equals` (in BASE or HEAD) count, e.g. pending-reboot parameters. */
  onlyItems?: { field: string; equals: string };
  effect: "restart" | "failover" | "node-roll" | "reboot";
  interruption: string;
  when: { mode: WhenMode; window?: string };
  /** A "major.minor" version at `path` may only move up one minor version per update. */
  minorSteps?: { path: string; refusal: string };
  sources: string[];
}

export interface Disruption {
  row: ResourceReview;
  rule: DisruptionRule;
  changes: ValueChange[];
  /** When it takes effect, in words. */
  when: string;
  /** The change is under the resource's ignoreChanges: `pulumi up` does not apply it. */
  ignored: boolean;
  /** Why AWS refuses the change, so `pulumi up` fails at this resource. */
  refused?: string;
}

export const DISRUPTION_RULES = table.rules as DisruptionRule[];

type Inputs = Record<string, unknown>;

/** The array item a change path like `parameters[name=x].value` or `parameters[2]` points into. */
function itemOf(inputs: unknown, path: string): Record<string, unknown> | undefined {
  const m = /^([^[]+)\[([^\]]+)\]/.exec(path);
  const list = m && (inputs as Inputs | undefined)?.[m[1]];
  if (!m || !Array.isArray(list)) return undefined;
  const [k, v] = m[2].includes("=") ? m[2].split("=") : [undefined, m[2]];
  const item = k === undefined ? list[Number(v)] : list.find((i) => String((i as Inputs)?.[k]) === v);
  return item && typeof item === "object" ? (item as Record<string, unknown>) : undefined;
}

function matching(rule: DisruptionRule, changes: ValueChange[], base: unknown, head: unknown): ValueChange[] {
  return changes.filter((c) => {
    if (!rule.paths.some((p) => isAtOrBelow(c.path, p))) return false;
    if (!rule.onlyItems) return true;
    const { field, equals } = rule.onlyItems;
    return [itemOf(base, c.path), itemOf(head, c.path)].some((i) => i?.[field] === equals);
  });
}

const minor = (v: unknown): [number, number] | undefined => {
  const m = typeof v === "string" ? /^(\d+)\.(\d+)$/.exec(v) : null;
  return m ? [Number(m[1]), Number(m[2])] : undefined;
};

/** The refusal when a version moves down or more than one minor version up. */
function refusal(rule: DisruptionRule, changes: ValueChange[]): string | undefined {
  const step = rule.minorSteps;
  const c = step && changes.find((x) => x.path === step.path);
  const [from, to] = [minor(c?.old), minor(c?.new)];
  if (!step || !from || !to) return undefined;
  const ok = to[0] === from[0] && (to[1] === from[1] || to[1] === from[1] + 1);
  return ok ? undefined : `${step.refusal} (${String(c!.old)} -> ${String(c!.new)}): \`pulumi up\` fails here`;
}

const budgetsOf = (pool: ReviewResource): string[] =>
  (((pool.inputs.spec as Inputs)?.disruption as Inputs)?.budgets as { nodes?: string }[] | undefined)
    ?.map((b) => b.nodes)
    .filter((n): n is string => typeof n === "string") ?? [];

/** The NodePools whose nodes a NodePool or EC2NodeClass change drifts, in the same region. */
function poolsOf(row: ResourceReview, rows: ResourceReview[]): ReviewResource[] {
  if (row.type === "kubernetes:karpenter.sh/v1:NodePool") return [row.resource];
  const name = (row.resource.inputs.metadata as Inputs)?.name;
  return rows
    .filter((r) => r.type === "kubernetes:karpenter.sh/v1:NodePool" && r.region === row.region && r.op !== "delete")
    .map((r) => r.resource)
    .filter((p) => {
      const ref = ((p.inputs.spec as Inputs)?.template as { spec?: { nodeClassRef?: { name?: string } } })?.spec;
      return ref?.nodeClassRef?.name === name;
    });
}

function isGlobalMember(row: ResourceReview, rows: ResourceReview[]): boolean {
  if (row.resource.inputs.globalReplicationGroupId !== undefined) return true;
  return rows.some(
    (r) =>
      r.type === "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup" &&
      r.op !== "delete" &&
      r.resource.dependencies.includes(row.urn),
  );
}

function whenText(rule: DisruptionRule, row: ResourceReview, rows: ResourceReview[]): string {
  const inputs = row.resource.inputs;
  const mode = rule.when.mode;
  if (mode === "global-datastore" && isGlobalMember(row, rows))
    return "immediately, on every member of the Global Datastore at once (a Global Datastore changes node type and engine through ModifyGlobalReplicationGroup, which has no maintenance-window option)";
  if (mode === "apply-immediately" || mode === "global-datastore") {
    if (inputs.applyImmediately === true) return "immediately, while `pulumi up` runs (applyImmediately: true)";
    const window = rule.when.window ? inputs[rule.when.window] : undefined;
    const at =
      typeof window === "string"
        ? window
        : "the resource's own weekly window: the program sets none, so it is the one AWS assigned at creation";
    return `in the next maintenance window (${at}); applyImmediately is not set, so \`pulumi up\` only queues it`;
  }
  if (mode === "during-up") return "during `pulumi up`";
  if (mode === "reboot")
    return "not by `pulumi up`: at each instance's next reboot (reboot the readers first, then fail over)";
  const budgets = [...new Set(poolsOf(row, rows).flatMap(budgetsOf))];
  return `after \`pulumi up\`, as Karpenter replaces drifted nodes (disruption budget: ${budgets.length ? budgets.join(", ") : "Karpenter's default, 10%"} of a pool's nodes at a time)`;
}

const STATEFUL_REPLACE_LISTED = (row: ResourceReview, stateful: (t: string) => boolean) =>
  row.op === "replace" && stateful(row.type);

/**
 * Disruptive changes of updated or replaced resources (a stateful replacement is listed as such
 * already), including ones under ignoreChanges, which `pulumi up` does not apply.
 */
export function disruptions(
  rows: ResourceReview[],
  base: ReviewPlan,
  stateful: (type: string) => boolean,
): Disruption[] {
  const before = new Map(base.resources.map((r) => [r.urn, r]));
  const out: Disruption[] = [];
  for (const row of rows) {
    if ((row.op !== "update" && row.op !== "replace" && row.op !== "same") || STATEFUL_REPLACE_LISTED(row, stateful))
      continue;
    const old = before.get(row.urn);
    if (!old) continue;
    const ignoredPaths = (row.resource.options?.ignoreChanges ?? []).map(normalisePath);
    const all = valueChanges(old.inputs, row.resource.inputs);
    for (const rule of DISRUPTION_RULES.filter((r) => r.type === row.type)) {
      const hit = matching(rule, all, old.inputs, row.resource.inputs);
      const applied = hit.filter((c) => !ignoredPaths.some((p) => isAtOrBelow(c.path, p)));
      const ignored = hit.filter((c) => !applied.includes(c));
      if (applied.length > 0)
        out.push({
          row,
          rule,
          changes: applied,
          when: whenText(rule, row, rows),
          ignored: false,
          refused: refusal(rule, applied),
        });
      if (ignored.length > 0)
        out.push({
          row,
          rule,
          changes: ignored,
          when: `never by \`pulumi up\`: the resource ignores changes to ${[...new Set(ignored.map((c) => `\`${c.path}\``))].join(", ")} (ignoreChanges); make the change in AWS`,
          ignored: true,
        });
    }
  }
  return out;
}

export interface ProtectedDeletion {
  row: ResourceReview;
  /** The URN as the engine names it in the stack's state (for `pulumi state unprotect`). */
  engineUrn: string;
  protect: boolean;
  retainOnDelete: boolean;
  /** AWS deletion protection (deletionProtection / deletionProtectionEnabled input). */
  deletionProtection: boolean;
  /** The stack config keys that turn them off, when the program has one. */
  configKeys: { protect?: string; deletionProtection?: string };
}

const CONFIG_KEYS = table.protection.configKeys as Record<string, { protect?: string; deletionProtection?: string }>;

/** Deleted or replaced resources whose protection stops or changes the deletion, as BASE (the stack now) has it. */
export function protectedDeletions(rows: ResourceReview[], base: ReviewPlan): ProtectedDeletion[] {
  const before = new Map(base.resources.map((r) => [r.urn, r]));
  // The scope as the URNs carry it (urn:pulumi:<stack>::<project>::...).
  const [head, project] = (base.resources[0]?.urn ?? "").split("::");
  const engine = engineUrns({ stack: head?.split(":")[2] ?? base.stack ?? "", project: project ?? "" }, base.resources);
  const out: ProtectedDeletion[] = [];
  for (const row of rows.filter((r) => r.op === "delete" || r.op === "replace")) {
    const old = before.get(row.urn);
    if (!old) continue;
    const dp = old.inputs.deletionProtection === true || old.inputs.deletionProtectionEnabled === true;
    const protect = old.options?.protect === true;
    const retain = old.options?.retainOnDelete === true;
    if (!dp && !protect && !retain) continue;
    let keys = {};
    for (let p = old.parent ? before.get(old.parent) : undefined; p; p = p.parent ? before.get(p.parent) : undefined)
      if (CONFIG_KEYS[p.type]) {
        keys = CONFIG_KEYS[p.type];
        break;
      }
    out.push({
      row,
      engineUrn: engine.get(row.urn) ?? row.urn,
      protect,
      retainOnDelete: retain,
      deletionProtection: dp,
      configKeys: keys,
    });
  }
  return out;
}
