import { MOCK_ACCOUNT } from "../engine/mock-state";
import { mockFormUrn } from "../engine/aliases";
import type { ReviewPlan, ReviewResource } from "./changes";
import { isAtOrBelow, normalisePath, valueChanges, type ValueChange } from "./values";

/**
 * Drift: where the live stack (its state after `pulumi refresh`) differs from BASE's plan. The live
 * state is read from `pulumi stack export` (deployment.resources) or from `pulumi preview --refresh
 * --json` (steps[].oldState, the refreshed state the preview diffed against); both carry each
 * resource's `outputs`, which for the AWS and Kubernetes providers include every input with its live
 * value. Only BASE's own input keys are compared, and values the mock engine makes up (ids, ARNs in
 * its account, endpoints) or hides (secrets, unknowns) are skipped: they cannot be compared.
 */

export interface LiveResource {
  /** In the plan's (mock monitor's) form, so it matches plan.json. */
  urn: string;
  type: string;
  values: Record<string, unknown>;
}

export interface LiveState {
  source: "stack export" | "preview";
  stack: string | null;
  resources: LiveResource[];
  /**
   * Plan-form URNs known to be absent from the stack. A stack export lists every resource, so
   * anything it lacks is absent (`complete`); a preview lists only resources with a step (unchanged
   * ones need --show-sames), so only its create steps say a resource is absent.
   */
  absent: string[];
  complete: boolean;
}

export interface DriftItem {
  urn: string;
  name: string;
  type: string;
  region: string | null;
  changes: ValueChange[];
  /** Under the resource's ignoreChanges: the live value stays, `pulumi up` leaves it. */
  ignored: ValueChange[];
}

export interface DriftReport {
  source: LiveState["source"];
  drifted: DriftItem[];
  /** BASE's resources the live stack does not have (deleted outside Pulumi, or not deployed yet). */
  missing: { name: string; type: string }[];
  /** How many BASE resources were compared. */
  compared: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** The state's shape, or an error message naming what was expected. */
export function readLiveState(doc: unknown): LiveState | string {
  const expected =
    "expected the output of `pulumi stack export` (deployment.resources) or `pulumi preview --refresh --json` (steps)";
  if (!isObj(doc)) return `not an object; ${expected}`;
  const fromState = (r: unknown): LiveResource | undefined => {
    if (!isObj(r) || typeof r.urn !== "string" || typeof r.type !== "string") return undefined;
    if (r.custom === false || r.type.startsWith("pulumi:providers:") || r.type === "pulumi:pulumi:Stack")
      return undefined;
    return {
      urn: mockFormUrn(r.urn),
      type: r.type,
      values: isObj(r.outputs) ? r.outputs : isObj(r.inputs) ? r.inputs : {},
    };
  };
  const stackOf = (urn: unknown) => (typeof urn === "string" ? (urn.split("::")[0].split(":")[2] ?? null) : null);
  const deployment = isObj(doc.deployment) ? doc.deployment : undefined;
  if (deployment && Array.isArray(deployment.resources)) {
    const resources = deployment.resources.map(fromState).filter((r): r is LiveResource => r !== undefined);
    return { source: "stack export", stack: stackOf(resources[0]?.urn), resources, absent: [], complete: true };
  }
  if (Array.isArray(doc.steps)) {
    // A refreshed resource may have a refresh step and then the program's step; the last one's old
    // state is what the preview diffed the program against.
    const byUrn = new Map<string, LiveResource>();
    const absent: string[] = [];
    for (const step of doc.steps.filter(isObj)) {
      const r = fromState(step.oldState);
      if (r) byUrn.set(r.urn, r);
      else if (step.op === "create" && typeof step.urn === "string") absent.push(mockFormUrn(step.urn));
    }
    const resources = [...byUrn.values()];
    const stack = stackOf(resources[0]?.urn ?? absent[0]);
    return { source: "preview", stack, resources, absent, complete: false };
  }
  return `no deployment.resources and no steps; ${expected}`;
}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** A value the offline plan cannot know (mock ids, ARNs, endpoints; secrets; unknowns). */
function incomparable(v: unknown): boolean {
  if (typeof v !== "string") return isObj(v) && SECRET_SIG in v;
  return (
    v === "[secret]" ||
    v === "[unknown]" ||
    v.endsWith("-id") ||
    v.includes(`:${MOCK_ACCOUNT}:`) ||
    v.includes(`/${MOCK_ACCOUNT}/`) ||
    v.includes(".mock.")
  );
}

/** Providers write numbers and booleans as strings in places; equal text is no drift. */
const sameText = (a: unknown, b: unknown) =>
  (typeof a === "string" || typeof a === "number" || typeof a === "boolean") &&
  (typeof b === "string" || typeof b === "number" || typeof b === "boolean") &&
  String(a) === String(b);

function driftOfResource(base: ReviewResource, live: LiveResource): { changes: ValueChange[]; ignored: ValueChange[] } {
  const keys = Object.keys(base.inputs);
  const liveInputs = Object.fromEntries(keys.filter((k) => k in live.values).map((k) => [k, live.values[k]]));
  const planned = Object.fromEntries(keys.filter((k) => k in live.values).map((k) => [k, base.inputs[k]]));
  const ignore = (base.options?.ignoreChanges ?? []).map(normalisePath);
  const changes: ValueChange[] = [];
  const ignored: ValueChange[] = [];
  for (const c of valueChanges(liveInputs, planned)) {
    // valueChanges(live, planned): `old` is the live value, `new` what BASE's code asks for.
    // A field BASE does not set is the service's or API server's default, not drift.
    if (c.new === undefined || incomparable(c.new) || incomparable(c.old) || sameText(c.old, c.new)) continue;
    if (/-id"|\.mock\.|\[secret\]|\[unknown\]/.test(JSON.stringify(c.new))) continue;
    if (ignore.some((p) => isAtOrBelow(c.path, p))) ignored.push(c);
    else changes.push(c);
  }
  return { changes, ignored };
}

/** Drift of every BASE resource the live stack also has; BASE resources it lacks are listed apart. */
export function driftReport(
  base: ReviewPlan,
  live: LiveState,
  regionOf: (r: ReviewResource) => string | null,
): DriftReport {
  const byUrn = new Map(live.resources.map((r) => [r.urn, r]));
  const drifted: DriftItem[] = [];
  const missing: DriftReport["missing"] = [];
  let compared = 0;
  for (const r of base.resources) {
    if (!r.custom || r.type.startsWith("pulumi:providers:")) continue;
    const l = byUrn.get(r.urn);
    if (!l) {
      if (live.complete || live.absent.includes(r.urn)) missing.push({ name: r.name, type: r.type });
      continue;
    }
    compared++;
    const { changes, ignored } = driftOfResource(r, l);
    if (changes.length + ignored.length > 0)
      drifted.push({ urn: r.urn, name: r.name, type: r.type, region: regionOf(r), changes, ignored });
  }
  return { source: live.source, drifted, missing, compared };
}

const code = (t: string) => `\`${t.replace(/\|/g, "\\|").replace(/`/g, "'")}\``;

/** The review's drift section: what `pulumi up` will set back, what it leaves, what is gone. */
export function driftSection(d: DriftReport, show: (v: unknown) => string, max = 40): string {
  const title = `#### Drift: the live stack differs from BASE on ${d.drifted.length} of ${d.compared} resources`;
  const src =
    d.source === "stack export"
      ? "`pulumi stack export`"
      : "`pulumi preview --refresh --json` (the state it diffed against; resources without a step are not compared)";
  const lines: string[] = [title, "", `<sub>Live state from ${src}; ids, ARNs and secrets are not compared.</sub>`, ""];
  // The list (or "No drift.") starts its own paragraph, apart from the <sub> note.
  const head = `${lines.join("\n")}\n`;
  if (d.drifted.length === 0 && d.missing.length === 0) return `${head}No drift.\n`;
  const rows = d.drifted.slice(0, max).map((x) => {
    const what = (cs: ValueChange[]) =>
      cs
        .slice(0, 4)
        .map((c) => `${code(c.path)} live ${code(show(c.old))}, code ${code(show(c.new))}`)
        .join("; ");
    const parts = [
      x.changes.length > 0 ? `${what(x.changes)}: the next \`pulumi up\` sets it back` : "",
      x.ignored.length > 0 ? `${what(x.ignored)}: ignored (ignoreChanges), stays as it is` : "",
    ].filter(Boolean);
    return `- ${code(x.name)} (${code(x.type)}, ${x.region ?? "global"}): ${parts.join("; ")}`;
  });
  if (d.drifted.length > max) rows.push(`- and ${d.drifted.length - max} more drifted resources`);
  if (d.missing.length > 0)
    rows.push(
      `- ${d.missing.length === 1 ? "1 resource of BASE is" : `${d.missing.length} resources of BASE are`} not in the live stack (deleted outside Pulumi, or not deployed yet; ` +
        `\`pulumi up\` creates them): ${d.missing
          .slice(0, 10)
          .map((m) => code(m.name))
          .join(", ")}${d.missing.length > 10 ? ", …" : ""}`,
    );
  return `${head}${rows.join("\n")}\n`;
}
