import table from "./replace-on-changes.json";
import { isAtOrBelow } from "./values";

/**
 * Which input changes make the provider replace a resource (`+-` in
 * `pulumi preview`). The data, with the source of every row, is in
 * replace-on-changes.json; tools/review/gen-replace-table.ts regenerates the
 * AWS rows from the provider schema.
 */
export interface ReplaceRule {
  paths: string[];
  checked: boolean;
  source: string;
}

const TYPES = table.types as Record<string, ReplaceRule>;

/** Replace-on-change paths for a type; every Kubernetes kind adds metadata.name/namespace. */
export function replacePaths(type: string): string[] {
  const own = TYPES[type]?.paths ?? [];
  return type.startsWith("kubernetes:") ? [...TYPES["kubernetes:*"].paths, ...own] : own;
}

/** The rule's path that `path` falls under, if the change replaces the resource. */
export function replacingPath(type: string, path: string): string | undefined {
  return replacePaths(type).find((p) => isAtOrBelow(path, p));
}

export const hasReplaceRule = (type: string): boolean => type in TYPES;
