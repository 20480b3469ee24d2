import type { PlanResource, PlanResourceOptions, Violation } from "../../policies/lib/offline";
import { replacePaths, replacingPath } from "./replace";
import { isAtOrBelow, normalisePath, valueChanges, type ValueChange } from "./values";

/** plan.json as the review reads it; older plans have no `options`, hand-made ones only some. */
export type ReviewResource = Omit<PlanResource, "options"> & { options?: Partial<PlanResourceOptions> };
export interface ReviewPlan {
  stack?: string;
  resources: ReviewResource[];
  violations?: Violation[];
}

export type Op = "create" | "update" | "replace" | "delete" | "same";

export interface Change extends ValueChange {
  /** The replace-on-change property this change falls under, when it forces a replacement. */
  replaces?: string;
}

export interface ResourceReview {
  urn: string;
  type: string;
  name: string;
  op: Op;
  region: string | null;
  /** Top-level group: `region us-west-2`, or a global component such as `data:GlobalDatabase database`. */
  group: string;
  /** Nearest platform component type below Region/Platform, e.g. `network:Vpc`. */
  component: string;
  changes: Change[];
  /** Why a resource with no replacing change of its own is replaced (cascade). */
  cascade?: string;
  protect: boolean;
  resource: ReviewResource;
}

const WRAPPERS = new Set(["platform:region:Region", "platform:index:Platform", "pulumi:pulumi:Stack"]);

function ancestors(r: ReviewResource, byUrn: Map<string, ReviewResource>): ReviewResource[] {
  const out: ReviewResource[] = [];
  for (let cur = r.parent ? byUrn.get(r.parent) : undefined; cur; cur = cur.parent ? byUrn.get(cur.parent) : undefined)
    out.push(cur);
  return out;
}

const regionComponent = (chain: ReviewResource[]) => chain.find((a) => a.type === "platform:region:Region");

/** AWS resources carry their provider's region; Kubernetes ones take the region of their provider's cluster. */
export function regionOf(r: ReviewResource, byUrn: Map<string, ReviewResource>): string | null {
  if (r.region) return r.region;
  if (r.type === "platform:region:Region") return r.name;
  const provider = r.provider ? byUrn.get(r.provider) : undefined;
  if (provider) {
    const viaProvider = provider.region ?? regionComponent(ancestors(provider, byUrn))?.name;
    if (viaProvider) return viaProvider;
  }
  return regionComponent(ancestors(r, byUrn))?.name ?? null;
}

const shortType = (type: string) => type.replace(/^platform:/, "");

function placement(r: ReviewResource, byUrn: Map<string, ReviewResource>): { group: string; component: string } {
  const chain = [r, ...ancestors(r, byUrn)];
  const region = regionComponent(chain);
  const component = chain.find((a) => a.type.startsWith("platform:") && !WRAPPERS.has(a.type));
  if (region) return { group: `region ${region.name}`, component: component ? shortType(component.type) : "region" };
  // Outside a Region: the outermost platform component below Platform/Stack names the group.
  const top = [...chain].reverse().find((a) => a.type.startsWith("platform:") && !WRAPPERS.has(a.type));
  if (top) return { group: `${shortType(top.type)} ${top.name}`, component: shortType(component!.type) };
  return { group: "stack", component: "stack" };
}

const COMPARED = ["inputs"] as const;

/**
 * Input changes as Pulumi applies them: paths under the resource's `ignoreChanges` are not
 * changes; the provider's replace-on-change properties and the resource's own
 * `replaceOnChanges` option make a change a replacement.
 */
function compare(old: ReviewResource, cur: ReviewResource): { changes: Change[]; cascade?: string } {
  const changes: Change[] = [];
  const ignored = cur.options?.ignoreChanges ?? [];
  const ownReplace = cur.options?.replaceOnChanges ?? [];
  for (const key of COMPARED)
    for (const c of valueChanges(old[key], cur[key])) {
      if (ignored.some((p) => isAtOrBelow(c.path, normalisePath(p)))) continue;
      const own = ownReplace.find((p) => p === "*" || isAtOrBelow(c.path, normalisePath(p)));
      changes.push({ ...c, replaces: replacingPath(cur.type, c.path) ?? own });
    }
  let cascade: string | undefined;
  if (old.provider !== cur.provider)
    cascade = `provider changed: ${old.provider ?? "none"} -> ${cur.provider ?? "none"}`;
  return { changes, cascade };
}

/** A resource id or ARN as the mock engine shapes them refers to `name`. */
function refersTo(value: unknown, name: string): boolean {
  const text = JSON.stringify(value) ?? "";
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|["/:])${esc}(-id|-key-id)?("|/|$)`).test(text);
}

function valueAt(inputs: unknown, path: string): unknown {
  let cur: unknown = inputs;
  for (const seg of path.replace(/\[(\d+)\]/g, ".$1").split("."))
    cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[seg] : undefined;
  return cur;
}

/**
 * Replacement cascades as in Pulumi: a replaced resource gets a new id, so a
 * dependant whose replace-on-change input refers to it is replaced too.
 */
function cascadeReplacements(rows: ResourceReview[]): void {
  const byUrn = new Map(rows.map((r) => [r.urn, r]));
  for (let changed = true; changed;) {
    changed = false;
    for (const row of rows) {
      if (row.op !== "update" && row.op !== "same") continue;
      for (const dep of row.resource.dependencies) {
        const d = byUrn.get(dep);
        if (!d || d.op !== "replace") continue;
        const path = replacePaths(row.type).find((p) => refersTo(valueAt(row.resource.inputs, p), d.name));
        if (!path) continue;
        row.op = "replace";
        row.cascade = `\`${path}\` refers to replaced \`${d.name}\``;
        changed = true;
        break;
      }
    }
  }
}

/** Paths of leaf inputs (arrays by index) whose value refers to `name`'s id or ARN. */
function referringPaths(value: unknown, name: string, at = ""): string[] {
  if (value !== null && typeof value === "object")
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      referringPaths(v, name, Array.isArray(value) ? `${at}[${k}]` : at ? `${at}.${k}` : k),
    );
  return typeof value === "string" && refersTo(value, name) ? [at] : [];
}

/** An unchanged resource whose input takes a replaced resource's id is updated with the new id (known after replace). */
function updatesFromReplacements(rows: ResourceReview[]): void {
  const byUrn = new Map(rows.map((r) => [r.urn, r]));
  for (const row of rows.filter((r) => r.op === "same"))
    for (const dep of row.resource.dependencies) {
      const d = byUrn.get(dep);
      if (d?.op !== "replace") continue;
      for (const path of referringPaths(row.resource.inputs, d.name)) {
        row.op = "update";
        const old = valueAt(row.resource.inputs, path);
        row.changes.push({ path, old, new: `(new id of replaced ${d.name})` });
      }
    }
}

/** Resource-level review of base -> head, in head order (then deletions in base order). */
export function reviewResources(base: ReviewPlan, head: ReviewPlan): ResourceReview[] {
  const before = new Map(base.resources.map((r) => [r.urn, r]));
  const after = new Map(head.resources.map((r) => [r.urn, r]));
  const rows: ResourceReview[] = [];
  const row = (r: ReviewResource, op: Op, byUrn: Map<string, ReviewResource>, extra?: Partial<ResourceReview>) =>
    rows.push({
      urn: r.urn,
      type: r.type,
      name: r.name,
      op,
      region: regionOf(r, byUrn),
      ...placement(r, byUrn),
      changes: [],
      protect: r.options?.protect === true || before.get(r.urn)?.options?.protect === true,
      resource: r,
      ...extra,
    });
  for (const r of head.resources) {
    if (r.type === "pulumi:pulumi:Stack") continue;
    const old = before.get(r.urn);
    if (!old) {
      row(r, "create", after);
      continue;
    }
    const { changes, cascade } = compare(old, r);
    const op: Op = cascade || changes.some((c) => c.replaces) ? "replace" : changes.length > 0 ? "update" : "same";
    row(r, op, after, { changes, cascade });
  }
  for (const r of base.resources) if (!after.has(r.urn) && r.type !== "pulumi:pulumi:Stack") row(r, "delete", before);
  cascadeReplacements(rows);
  updatesFromReplacements(rows);
  return rows;
}
