/**
 * Where a view or model reads a value that is unknown in a preview plan ("[unknown]", written for a
 * computed output the engine has not produced yet). The reader wraps resources so reads are noted;
 * a computation that read one cannot decide and says so instead of treating the value as absent.
 */
import { UNKNOWN_PLACEHOLDER } from "../../policies/lib/preview";

/** The unknown values read so far: "<resource name> <path>". */
export type UnknownReads = string[];

/** The resource with its inputs behind a proxy that notes every "[unknown]" read into `met`. */
export function recordUnknowns<R extends { name: string; inputs: Record<string, unknown> }>(
  r: R,
  met: UnknownReads,
): R {
  const wrap = (value: unknown, path: string): unknown => {
    if (value === null || typeof value !== "object") return value;
    return new Proxy(value as object, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (typeof prop === "symbol") return v;
        if (v === UNKNOWN_PLACEHOLDER) met.push(`${r.name} ${path}.${prop}`);
        return wrap(v, `${path}.${prop}`);
      },
    });
  };
  return { ...r, inputs: wrap(r.inputs, "inputs") as Record<string, unknown> };
}

/** True when any input of any resource is unknown (a preview plan). */
export function hasUnknowns(resources: readonly { inputs: Record<string, unknown> }[]): boolean {
  return resources.some((r) => JSON.stringify(r.inputs).includes(JSON.stringify(UNKNOWN_PLACEHOLDER)));
}

/** "3 unknown values, first x inputs.y". */
export function describeUnknowns(met: UnknownReads): string {
  return `${met.length} unknown value${met.length === 1 ? "" : "s"}, first ${met[0]}`;
}
