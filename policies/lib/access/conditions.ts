/**
 * The Condition element, as the IAM User Guide documents it (reference_policies_elements_condition
 * _operators.html and reference_policies_condition-single-vs-multi-valued-context-keys.html, read
 * 2026-12-07):
 * - every operator of a block and every key under an operator must hold (AND); the values listed
 *   for one key are alternatives (OR), and a negated operator (StringNotEquals, ArnNotLike, ...)
 *   holds when none of them matches;
 * - a key absent from the request makes the condition false, except that negated operators then
 *   hold, `...IfExists` holds, and `Null` tests exactly that;
 * - `ForAnyValue:` holds when some request value matches (false when the key is absent),
 *   `ForAllValues:` when every request value does (true when absent);
 * - condition key names compare without regard to case; string values with it unless IgnoreCase;
 * - ArnEquals and ArnLike both compare the six colon-separated parts, each with `*`/`?` wildcards.
 */
import { glob } from "./match";

export type ContextValue = string | boolean | number | readonly string[];
/** The request context: what the modelled request carries, keyed by condition key. */
export type RequestContext = Readonly<Record<string, ContextValue>>;

type Matcher = (pattern: string, value: string) => boolean;

const arnLike: Matcher = (pattern, value) => {
  const p = pattern.split(":");
  const v = value.split(":");
  // Fewer than six parts: not an ARN pattern; only "*" or the same text matches.
  if (p.length < 6 || v.length < 6) return pattern === "*" || pattern === value;
  const tail = (xs: string[]) => [...xs.slice(0, 5), xs.slice(5).join(":")];
  const [pp, vv] = [tail(p), tail(v)];
  return pp.every((seg, i) => glob(seg).test(vv[i]));
};

const num =
  (f: (a: number, b: number) => boolean): Matcher =>
  (p, v) =>
    f(Number(v), Number(p));

const OPERATORS: Record<string, { match: Matcher; negated: boolean }> = {
  StringEquals: { match: (p, v) => p === v, negated: false },
  StringNotEquals: { match: (p, v) => p === v, negated: true },
  StringEqualsIgnoreCase: { match: (p, v) => p.toLowerCase() === v.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { match: (p, v) => p.toLowerCase() === v.toLowerCase(), negated: true },
  StringLike: { match: (p, v) => glob(p).test(v), negated: false },
  StringNotLike: { match: (p, v) => glob(p).test(v), negated: true },
  // The guide gives ArnEquals the same matching as ArnLike (per-part wildcards).
  ArnEquals: { match: arnLike, negated: false },
  ArnNotEquals: { match: arnLike, negated: true },
  ArnLike: { match: arnLike, negated: false },
  ArnNotLike: { match: arnLike, negated: true },
  Bool: { match: (p, v) => p.toLowerCase() === v.toLowerCase(), negated: false },
  NumericEquals: { match: num((a, b) => a === b), negated: false },
  NumericNotEquals: { match: num((a, b) => a === b), negated: true },
  NumericLessThan: { match: num((a, b) => a < b), negated: false },
  NumericLessThanEquals: { match: num((a, b) => a <= b), negated: false },
  NumericGreaterThan: { match: num((a, b) => a > b), negated: false },
  NumericGreaterThanEquals: { match: num((a, b) => a >= b), negated: false },
};

/** The condition operators this evaluator implements (the plans' operators must be among them). */
export const SUPPORTED_OPERATORS: readonly string[] = [...Object.keys(OPERATORS), "Null"];

function lookup(ctx: RequestContext, key: string): ContextValue | undefined {
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(ctx)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

const strings = (v: ContextValue): string[] => (Array.isArray(v) ? [...v] : [String(v)]);

/** `${aws:SourceAccount}`-style policy variables in a condition value, from the request. */
function substitute(pattern: string, ctx: RequestContext): string | undefined {
  let unresolved = false;
  const out = pattern.replace(/\$\{([^}]+)\}/g, (_, key: string) => {
    if (key === "*" || key === "?" || key === "$") return key;
    const v = lookup(ctx, key);
    if (v === undefined || Array.isArray(v)) unresolved = true;
    return v === undefined ? "" : String(v);
  });
  return unresolved ? undefined : out;
}

function oneKey(opName: string, key: string, expected: unknown, ctx: RequestContext): boolean {
  let op = opName;
  let set: "any" | "all" | undefined;
  if (op.startsWith("ForAnyValue:")) [set, op] = ["any", op.slice("ForAnyValue:".length)];
  else if (op.startsWith("ForAllValues:")) [set, op] = ["all", op.slice("ForAllValues:".length)];
  const ifExists = op.endsWith("IfExists");
  if (ifExists) op = op.slice(0, -"IfExists".length);
  const patterns = (Array.isArray(expected) ? expected : [expected]).map(String);
  const value = lookup(ctx, key);
  if (op === "Null") return patterns.some((p) => (p.toLowerCase() === "true") === (value === undefined));
  const def = OPERATORS[op];
  if (!def)
    throw new Error(`condition operator "${opName}" is not modelled (supported: ${SUPPORTED_OPERATORS.join(", ")})`);
  if (value === undefined) return set === "all" ? true : set === "any" ? false : ifExists || def.negated;
  const resolved = patterns.map((p) => substitute(p, ctx)).filter((p): p is string => p !== undefined);
  const matchesAny = (v: string) => resolved.some((p) => def.match(p, v));
  const values = strings(value);
  const hit = (v: string) => (def.negated ? !matchesAny(v) : matchesAny(v));
  if (set === "all") return values.every(hit);
  if (set === "any") return values.some(hit);
  return def.negated ? values.every(hit) : values.some(hit);
}

/** Whether a statement's Condition block holds for the request. */
export function conditionHolds(block: Record<string, Record<string, unknown>>, ctx: RequestContext): boolean {
  return Object.entries(block).every(([op, keys]) =>
    Object.entries(keys).every(([key, expected]) => oneKey(op, key, expected, ctx)),
  );
}

/** Every operator and key a condition block uses (the catalogue test reads these). */
export function conditionKeysOf(block: Record<string, Record<string, unknown>>): { operator: string; key: string }[] {
  return Object.entries(block).flatMap(([operator, keys]) => Object.keys(keys).map((key) => ({ operator, key })));
}
