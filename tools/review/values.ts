/**
 * Value-level comparison for the review: old -> new per input path, arrays of
 * objects compared by their key (name, region) instead of by position.
 */

export interface ValueChange {
  /** Input path, e.g. `spec.maxReplicas`, `spec.template.spec.containers[name=app].image`. */
  path: string;
  old: unknown;
  new: unknown;
}

/** Fields that identify an item of an array, in order of preference. */
export const ARRAY_KEYS = ["name", "region", "key", "port"] as const;

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** The key field shared, with unique values, by every item of both arrays; null when arrays are compared by position. */
export function arrayKey(a: unknown[], b: unknown[]): string | null {
  const items = [...a, ...b];
  if (items.length === 0 || !items.every(isObj)) return null;
  for (const k of ARRAY_KEYS) {
    const ok = [a, b].every((arr) => {
      const vals = arr.map((i) => (i as Record<string, unknown>)[k]);
      return vals.every((v) => typeof v === "string" || typeof v === "number") && new Set(vals).size === vals.length;
    });
    if (ok) return k;
  }
  return null;
}

/** Every leaf (or whole subtree added/removed) that differs between a and b. */
export function valueChanges(a: unknown, b: unknown, at = ""): ValueChange[] {
  const out: ValueChange[] = [];
  walk(a, b, at, out);
  return out;
}

const join = (at: string, k: string) => (at ? `${at}.${k}` : k);

function walk(a: unknown, b: unknown, at: string, out: ValueChange[]): void {
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    const key = arrayKey(a, b);
    if (key) {
      const byKey = (arr: unknown[]) => new Map(arr.map((i) => [String((i as Record<string, unknown>)[key]), i]));
      const [ma, mb] = [byKey(a), byKey(b)];
      for (const k of new Set([...ma.keys(), ...mb.keys()])) walk(ma.get(k), mb.get(k), `${at}[${key}=${k}]`, out);
      return;
    }
    if (a.length === b.length) {
      a.forEach((v, i) => walk(v, b[i], `${at}[${i}]`, out));
      return;
    }
  } else if (isObj(a) && isObj(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) walk(a[k], b[k], join(at, k), out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path: at, old: a, new: b });
}

/** `containers[name=app].image` -> `containers[*].image`: the shape replace-on-change paths are written in. */
export const normalisePath = (path: string): string => path.replace(/\[[^\]]*\]/g, "[*]");

/** True when `path` is `prefix` or lies below it. */
export const isAtOrBelow = (path: string, prefix: string): boolean => {
  const p = normalisePath(path);
  return p === prefix || p.startsWith(`${prefix}.`) || p.startsWith(`${prefix}[`);
};

/** Compact one-line rendering of a value; secrets stay `[secret]`, absent values show as `∅`. */
export function showValue(v: unknown, max = 60): string {
  if (v === undefined) return "∅";
  if (v === "[secret]") return "[secret]";
  const text = JSON.stringify(v) ?? String(v);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Old and new side by side; two long strings are shown from just before their first difference. */
export function showPair(a: unknown, b: unknown, max = 60): [string, string] {
  if (typeof a !== "string" || typeof b !== "string" || (a.length <= max && b.length <= max))
    return [showValue(a, max), showValue(b, max)];
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 15);
  const cut = (s: string) => showValue(`${from > 0 ? "…" : ""}${s.slice(from)}`, max);
  return [cut(a), cut(b)];
}
