/**
 * A minimal OpenAPI v3 (structural schema) check for custom resources whose CRD has no
 * kubernetes-models package: type, properties, required, enum, pattern, items,
 * additionalProperties, anyOf, x-kubernetes-int-or-string, x-kubernetes-preserve-unknown-fields.
 * Unknown fields are errors: the API server would prune them silently, i.e. the setting would be
 * ignored. Returns every problem as "<path>: <what>".
 */
import { parseAllDocuments } from "yaml";

export type Schema = Record<string, unknown> & {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
};

/** The openAPIV3Schema of `kind` at `version` from a multi-document CRD YAML text. */
export function crdSchema(yamlText: string, kind: string, version: string): Schema {
  for (const doc of parseAllDocuments(yamlText)) {
    const crd = doc.toJS() as {
      kind?: string;
      spec?: { names: { kind: string }; versions: Record<string, unknown>[] };
    };
    if (crd?.kind !== "CustomResourceDefinition" || crd.spec?.names.kind !== kind) continue;
    const v = crd.spec.versions.find((x) => x.name === version) as { schema: { openAPIV3Schema: Schema } } | undefined;
    if (!v) throw new Error(`CRD ${kind} has no version ${version}`);
    return v.schema.openAPIV3Schema;
  }
  throw new Error(`no CRD for kind ${kind}`);
}

const typeOf = (v: unknown): string =>
  Array.isArray(v) ? "array" : v === null ? "null" : Number.isInteger(v) ? "integer" : typeof v;

export function validate(value: unknown, schema: Schema, path = ""): string[] {
  const at = path || "<root>";
  if (schema.anyOf) {
    const ok = schema.anyOf.some((s) => validate(value, { ...schema, anyOf: undefined, ...s }, path).length === 0);
    return ok ? [] : [`${at}: matches none of anyOf`];
  }
  if (schema["x-kubernetes-int-or-string"]) {
    const t = typeOf(value);
    if (t !== "integer" && t !== "string") return [`${at}: expected integer or string, got ${t}`];
    if (t === "string" && schema.pattern && !new RegExp(schema.pattern).test(value as string))
      return [`${at}: "${String(value)}" does not match ${schema.pattern}`];
    return [];
  }
  const t = typeOf(value);
  const problems: string[] = [];
  if (schema.type) {
    const fits = schema.type === t || (schema.type === "number" && t === "integer");
    if (!fits) return [`${at}: expected ${schema.type}, got ${t}`];
  }
  if (schema.enum && !schema.enum.includes(value))
    problems.push(`${at}: ${JSON.stringify(value)} not one of ${JSON.stringify(schema.enum)}`);
  if (schema.pattern && t === "string" && !new RegExp(schema.pattern).test(value as string))
    problems.push(`${at}: "${String(value)}" does not match ${schema.pattern}`);
  if (t === "array" && schema.items)
    (value as unknown[]).forEach((v, i) => problems.push(...validate(v, schema.items!, `${path}[${i}]`)));
  if (t === "object") {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in obj)) problems.push(`${path ? path + "." : ""}${r}: required`);
    for (const [k, v] of Object.entries(obj)) {
      const sub = schema.properties?.[k];
      const p = path ? `${path}.${k}` : k;
      // ObjectMeta is validated by the API server itself, not by the CRD schema.
      if (path === "" && k === "metadata") continue;
      if (sub) problems.push(...validate(v, sub, p));
      else if (typeof schema.additionalProperties === "object")
        problems.push(...validate(v, schema.additionalProperties, p));
      else if (!schema["x-kubernetes-preserve-unknown-fields"] && schema.additionalProperties !== true)
        problems.push(`${p}: unknown field (the API server would prune it)`);
    }
  }
  return problems;
}
