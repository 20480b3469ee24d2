import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import type { z } from "zod";
import { CONFIG_SECTIONS } from "../../components/config/schema";
import { checkProject } from "../../tools/engine/project-rules";

/**
 * Pulumi.yaml declares every key the program reads, as far as the Pulumi CLI's project schema
 * lets it. The CLI's rule, transcribed from pulumi/pulumi sdk/go/common/workspace/project.json
 * ($defs.configTypeDeclaration, configItemsType, simpleConfigType) at commit 1b5949891b
 * (v3.259.0 + 14, 2026-08-21, the newest stored; the SDK is pinned at 3.270.0), read 2026-12-07:
 * a declaration has only type, items, description, secret, default, value (additionalProperties
 * false); type is one of string, integer, boolean, array, object; an array needs items, and items
 * have only type and items. So an object's nested keys cannot be declared as properties: the
 * description names them, and this spec holds every first-level key of each section to it.
 */
const TYPES = ["string", "integer", "boolean", "array", "object"];
const DECLARATION_KEYS = ["type", "items", "description", "secret", "default", "value"];
const ITEMS_KEYS = ["type", "items"];

type Decl = Record<string, unknown>;
const ROOT = path.resolve(__dirname, "..", "..");
const project = () =>
  YAML.parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as { config: Record<string, Decl> };

function cliRule(key: string, d: Decl): string[] {
  const out = Object.keys(d)
    .filter((k) => !DECLARATION_KEYS.includes(k))
    .map((k) => `${key}.${k}: not allowed by the CLI's project schema`);
  if (!TYPES.includes(String(d.type)))
    out.push(`${key}.type: ${JSON.stringify(d.type)} is not one of ${TYPES.join(", ")}`);
  for (let items = d.items as Decl | undefined, at = `${key}.items`, parent = d; ; at += ".items") {
    if (parent.type === "array" && !items) out.push(`${at}: an array needs items`);
    if (!items) break;
    out.push(
      ...Object.keys(items)
        .filter((k) => !ITEMS_KEYS.includes(k))
        .map((k) => `${at}.${k}: not allowed in items`),
    );
    [parent, items] = [items, items.items as Decl | undefined];
  }
  return out;
}

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  shape?: object;
  element?: z.ZodType;
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
function unwrap(s: z.ZodType): Def {
  for (let d = defOf(s); ; d = defOf(s)) {
    if (["default", "prefault", "optional", "nullable", "readonly", "catch"].includes(d.type)) s = d.innerType!;
    else if (d.type === "pipe") s = defOf(d.in!).type === "transform" ? d.out! : d.in!;
    else return d;
  }
}
const CLI_TYPE: Record<string, string> = {
  object: "object",
  record: "object",
  array: "array",
  string: "string",
  enum: "string",
  boolean: "boolean",
};

/** What Pulumi.yaml misses of the program's config schema. */
function againstSchema(config: Record<string, Decl>): string[] {
  const out: string[] = [];
  for (const [key, schema] of Object.entries(CONFIG_SECTIONS)) {
    const d = config[key];
    if (!d) {
      out.push(`${key}: read by the program but not declared`);
      continue;
    }
    const def = unwrap(schema as z.ZodType);
    if (d.type !== CLI_TYPE[def.type]) out.push(`${key}: declared ${String(d.type)}, the schema is ${def.type}`);
    const element = def.type === "array" ? unwrap(def.element!) : undefined;
    if (element && (d.items as Decl | undefined)?.type !== CLI_TYPE[element.type])
      out.push(`${key}.items: declared ${String((d.items as Decl)?.type)}, the schema's items are ${element.type}`);
    const shape = def.type === "object" ? def.shape : element?.type === "object" ? element.shape : undefined;
    for (const nested of Object.keys(shape ?? {}))
      if (!new RegExp(`\\b${nested}\\b`).test(String(d.description ?? "")))
        out.push(`${key}.${nested}: not named in the description`);
  }
  for (const key of Object.keys(config))
    if (!key.includes(":") && !(key in CONFIG_SECTIONS)) out.push(`${key}: declared but the program reads no such key`);
  return out;
}

describe("Pulumi.yaml declarations", () => {
  it("follow the CLI's project schema rule", () => {
    const { config } = project();
    assert.deepEqual(
      Object.entries(config).flatMap(([k, d]) => cliRule(k, d)),
      [],
    );
    assert.deepEqual(checkProject(project(), "Pulumi.yaml").issues, []);
  });

  it("declare every key the program reads, with its type, and name every nested key in the description", () => {
    assert.deepEqual(againstSchema(project().config), []);
  });

  it("fail for a missing section, a nested key the description leaves out, a stale key, and nested properties", () => {
    const { config } = project();
    const { kafka: _dropped, ...rest } = config;
    const cache = {
      ...config.cache,
      description: String(config.cache.description).replace("snapshotRetentionDays", "snapshots"),
    };
    assert.deepEqual(againstSchema({ ...rest, cache, retired: { type: "string" } }), [
      "cache.snapshotRetentionDays: not named in the description",
      "kafka: read by the program but not declared",
      "retired: declared but the program reads no such key",
    ]);
    const nested = { type: "object", properties: { enabled: { type: "boolean" } } };
    assert.deepEqual(cliRule("tracing", nested), ["tracing.properties: not allowed by the CLI's project schema"]);
    assert.deepEqual(cliRule("regions", { type: "array" }), ["regions.items: an array needs items"]);
    assert.ok(
      checkProject({ name: "platform", config: { tracing: nested } }, "Pulumi.yaml").issues.some((i) =>
        (i.key ?? "").endsWith("tracing.properties"),
      ),
    );
  });
});
