/**
 * The Pulumi CLI's rules for Pulumi.yaml config declarations and for stack values, applied offline
 * so `npm run plan` refuses what `pulumi preview` would. Ported from pulumi/pulumi v3.259.0:
 * - sdk/go/common/workspace/project.json (`configTypeDeclaration`: only type, items, description,
 *   secret, default, value; `simpleConfigType`: string, integer, boolean, array, object;
 *   `configItemsType`: type required, items required when type is array),
 * - sdk/go/common/workspace/project.go `Project.Validate` (array needs items, typed default must
 *   match, not both default and value, keys of other namespaces carry only a value) and
 *   `ValidateConfigValue` (integers may be whole floats or integer strings, booleans may be
 *   "true"/"false"),
 * - pkg/workspace/config.go `mergeConfig`/`validateStackConfigValue` (a project key without a
 *   default is required; a stack value must match the declared type; a `secret: true` key must be
 *   set with `pulumi config set --secret`).
 */
import { closest, describeValue } from "../../components/config/errors";

export const CONFIG_TYPES = ["string", "integer", "boolean", "array", "object"] as const;
const DECLARATION_KEYS = ["type", "items", "description", "secret", "default", "value"];

interface ItemsType {
  type: string;
  items?: ItemsType;
}
export interface Declaration {
  type?: string;
  items?: ItemsType;
  default?: unknown;
  value?: unknown;
  secret?: boolean;
}

/** One problem in Pulumi.yaml or a stack file: file, key, what is expected. */
export interface FileIssue {
  file: string;
  key?: string;
  message: string;
}

export function formatFileIssue(i: FileIssue): string {
  return `${i.file}: ${i.key ? `${i.key}: ` : ""}${i.message}`;
}

/** Thrown for Pulumi.yaml or stack files the Pulumi CLI would refuse; the message is the whole report. */
export class StackFileError extends Error {
  constructor(public readonly issues: readonly FileIssue[]) {
    super(
      `Invalid project or stack file (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n` +
        issues.map((i) => `  - ${formatFileIssue(i)}`).join("\n"),
    );
    this.name = "StackFileError";
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

export function typeName(type: string | undefined, items?: ItemsType): string {
  return items ? `array<${typeName(items.type, items.items)}>` : (type ?? "");
}

/** `ValidateConfigValue` of project.go. */
export function matchesType(type: string, items: ItemsType | undefined, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value) || (typeof value === "string" && /^[+-]?\d+$/.test(value));
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false";
    case "object":
      return isObject(value);
    default:
      return Array.isArray(value) && items !== undefined && value.every((v) => matchesType(items.type, items.items, v));
  }
}

function checkItems(items: unknown, at: string, add: (key: string, message: string) => void): void {
  if (!isObject(items) || typeof items.type !== "string") {
    add(at, `"items" must be an object with a "type" (${CONFIG_TYPES.join(", ")})`);
    return;
  }
  if (!(CONFIG_TYPES as readonly string[]).includes(items.type))
    add(`${at}.type`, `got ${describeValue(items.type)}; expected one of ${CONFIG_TYPES.join(", ")}`);
  if (items.type === "array") {
    if (items.items === undefined) add(at, 'declares type "array" without "items"; nested arrays need items too');
    else checkItems(items.items, `${at}.items`, add);
  }
}

/** Project-file rules; returns the declarations keyed as written (shorthand values rewritten as the CLI does). */
export function checkProject(doc: unknown, file: string): { issues: FileIssue[]; config: Record<string, Declaration> } {
  const issues: FileIssue[] = [];
  const config: Record<string, Declaration> = {};
  const add = (key: string | undefined, message: string) => issues.push({ file, key, message });
  if (!isObject(doc))
    return { issues: [{ file, message: "expected a YAML mapping with name, runtime and config" }], config };
  if (typeof doc.name !== "string" || doc.name === "")
    add("name", "the project needs a non-empty string 'name' (the config namespace)");
  const name = String(doc.name ?? "");
  const raw = doc.config ?? {};
  if (!isObject(raw)) {
    if (typeof raw !== "string") add("config", "expected a mapping of config key to declaration");
    return { issues, config };
  }
  for (const [key, entry] of Object.entries(raw)) {
    const at = `config.${key}`;
    const own = !key.includes(":") || key.startsWith(`${name}:`);
    if (!isObject(entry)) {
      config[key] = own ? { default: entry } : { value: entry };
      continue;
    }
    for (const k of Object.keys(entry))
      if (!DECLARATION_KEYS.includes(k)) {
        const hint = closest(k, DECLARATION_KEYS);
        add(
          `${at}.${k}`,
          `not allowed${hint ? `; did you mean '${hint}'?` : ""} (allowed: ${DECLARATION_KEYS.join(", ")})`,
        );
      }
    const decl = entry as Declaration;
    config[key] = decl;
    if (decl.default !== undefined && decl.value !== undefined) add(at, "has both 'default' and 'value'; keep one");
    if (decl.type !== undefined && !(CONFIG_TYPES as readonly string[]).includes(decl.type)) {
      add(`${at}.type`, `got ${describeValue(decl.type)}; expected one of ${CONFIG_TYPES.join(", ")}`);
      continue;
    }
    if (!own) {
      if (decl.type !== undefined) add(at, `is not in the project's namespace (${name}) and must not declare a type`);
      if (decl.default !== undefined) add(at, "is not in the project's namespace: use 'value', not 'default'");
      else if (decl.value === undefined) add(at, "is not in the project's namespace and must provide 'value'");
      continue;
    }
    if (decl.type === "array" && decl.items === undefined)
      add(
        at,
        'declares type "array" without "items" (e.g. items: { type: object }); the Pulumi CLI refuses this project',
      );
    else if (decl.items !== undefined) checkItems(decl.items, `${at}.items`, (k, m) => add(k, m));
    if (decl.type !== undefined && decl.default !== undefined && !matchesType(decl.type, decl.items, decl.default))
      add(
        `${at}.default`,
        `got ${describeValue(decl.default)}; expected a value of type ${typeName(decl.type, decl.items)}`,
      );
  }
  return { issues, config };
}

/** Stack-file rules against the project's declarations. `values` are the stack's own config entries. */
export function checkStackValues(
  project: string,
  declarations: Record<string, Declaration>,
  values: Record<string, unknown>,
  file: string,
): FileIssue[] {
  const issues: FileIssue[] = [];
  const full = (k: string) => (k.includes(":") ? k : `${project}:${k}`);
  const given = new Map(Object.entries(values).map(([k, v]) => [full(k), v]));
  for (const [key, decl] of Object.entries(declarations)) {
    const k = full(key);
    if (!k.startsWith(`${project}:`)) continue;
    const v = given.get(k);
    const secure = isObject(v) && "secure" in v;
    if (v === undefined) {
      if (decl.default === undefined && decl.value === undefined)
        issues.push({
          file,
          key: k,
          message: "missing; Pulumi.yaml declares it without a default, so every stack sets it",
        });
      continue;
    }
    if (decl.secret && !secure)
      issues.push({
        file,
        key: k,
        message: `must be encrypted: Pulumi.yaml marks it secret; set it with \`pulumi config set --secret ${key}\``,
      });
    if (decl.type === undefined || secure) continue;
    // The CLI keeps YAML scalars as text and structured values as JSON: a number given for a string is text.
    const asCli = v !== null && typeof v === "object" ? v : String(v);
    if (!matchesType(decl.type, decl.items, asCli))
      issues.push({
        file,
        key: k,
        message: `got ${describeValue(v, k)}; expected a value of type ${typeName(decl.type, decl.items)}, as Pulumi.yaml declares (pulumi preview refuses the stack otherwise)`,
      });
  }
  return issues;
}
