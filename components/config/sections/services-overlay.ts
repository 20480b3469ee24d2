import type { z } from "zod";
import { closest } from "../errors";

type Entry = Record<string, unknown>;
type Ctx = z.RefinementCtx;

const isObject = (v: unknown): v is Entry => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * `platform:services` overlays the default catalogue by name:
 * - an entry naming a default service changes only the keys it gives (objects merge key by key;
 *   lists and plain values replace; a given `autoscaling` is the service's whole scaler, so
 *   `{ keda: { mesh: true, maxReplicas: 20 } }` restates the trigger it keeps);
 * - an entry with a new name adds a service (its required keys then apply, e.g. `image`);
 * - `{ name, remove: true }` drops a default service.
 * The result keeps each entry at its own index (so problems name the entry the user wrote) and
 * appends the untouched defaults; `orderServices` restores the catalogue order after parsing.
 */
export function overlayServices(defaults: readonly Entry[]) {
  return (input: unknown, ctx: Ctx): unknown => {
    if (input === undefined) return defaults.map((d) => structuredClone(d));
    if (!Array.isArray(input)) return input;
    const byName = new Map(defaults.map((d) => [d.name as string, d]));
    const named = new Set<string>();
    const merged = input.map((entry, i) => {
      if (!isObject(entry) || typeof entry.name !== "string") return entry;
      named.add(entry.name);
      const base = byName.get(entry.name);
      if (entry.remove === true) {
        const others = Object.keys(entry).filter((k) => k !== "name" && k !== "remove");
        if (!base)
          issue(ctx, input, [i, "remove"], `a default service to remove (one of ${[...byName.keys()].join(", ")})`);
        else if (others.length > 0)
          issue(ctx, input, [i, "remove"], `remove: true on its own (drop ${others.join(", ")} or the removal)`);
        return { ...structuredClone(base ?? {}), name: entry.name, remove: true };
      }
      if (base) return mergeService(base, entry);
      const near = closest(entry.name, [...byName.keys()]);
      if (near && entry.image === undefined)
        issue(
          ctx,
          input,
          [i, "name"],
          `a default service's name (did you mean "${near}"?) or a new service with an image`,
        );
      return entry;
    });
    return [...merged, ...defaults.filter((d) => !named.has(d.name as string)).map((d) => structuredClone(d))];
  };
}

/** Removed services out; the default catalogue's order first, then added services in the order given. */
export function orderServices<T extends { name: string; remove?: boolean }>(
  defaults: readonly Entry[],
): (list: T[]) => Omit<T, "remove">[] {
  const rank = new Map(defaults.map((d, i) => [d.name as string, i]));
  return (list) =>
    list
      .filter((s) => s.remove !== true)
      .map((s, i) => ({ s, key: rank.get(s.name) ?? defaults.length + i }))
      .sort((a, b) => a.key - b.key)
      .map(({ s }) => {
        const { remove: _removed, ...rest } = s;
        return rest;
      });
}

function mergeService(base: Entry, entry: Entry): Entry {
  const out = deepMerge(base, entry);
  // A scaler is one decision (its kind, triggers and range): the one given replaces the default's.
  if (isObject(entry.autoscaling)) out.autoscaling = structuredClone(entry.autoscaling);
  return out;
}

function deepMerge(base: Entry, over: Entry): Entry {
  const out: Entry = structuredClone(base);
  for (const [k, v] of Object.entries(over)) out[k] = isObject(v) && isObject(out[k]) ? deepMerge(out[k], v) : v;
  return out;
}

function issue(ctx: Ctx, input: unknown, path: (string | number)[], expected: string): void {
  ctx.addIssue({ code: "custom", message: expected, path, input });
}
