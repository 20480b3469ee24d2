import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** A chart's values.yaml as committed under a spec's fixtures (read at the pinned tag). */
export function readChartValues(file: string): Record<string, unknown> {
  return parse(readFileSync(file, "utf8")) as Record<string, unknown>;
}

/**
 * Dotted leaf paths of a values object. Keys in `freeForm` (maps the chart passes through as a
 * whole, e.g. nodeSelector) count as one leaf.
 */
export function leafPaths(o: Record<string, unknown>, freeForm: readonly string[] = [], prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => {
    const p = prefix ? `${prefix}.${k}` : k;
    const nested = v && typeof v === "object" && !Array.isArray(v) && !freeForm.includes(k);
    return nested ? leafPaths(v as Record<string, unknown>, freeForm, p) : [p];
  });
}

/** True when the dotted path names a key the chart's values.yaml declares (its value may be null). */
export function hasPath(values: Record<string, unknown>, path: string): boolean {
  let cur: unknown = values;
  for (const k of path.split(".")) {
    if (!cur || typeof cur !== "object" || !(k in cur)) return false;
    cur = (cur as Record<string, unknown>)[k];
  }
  return true;
}

/** The paths of `ours` that the chart's values.yaml does not declare (a set value the chart ignores). */
export function unknownValuePaths(
  ours: Record<string, unknown>,
  chart: Record<string, unknown>,
  freeForm: readonly string[] = [],
): string[] {
  return leafPaths(ours, freeForm).filter((p) => !hasPath(chart, p));
}
