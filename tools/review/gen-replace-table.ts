/**
 * Regenerates the AWS rows of replace-on-changes.json from the provider schema.
 *
 *   node -r ts-node/register/transpile-only tools/review/gen-replace-table.ts \
 *     [--aws-schema schema.json] [--write] plan.json [plan.json ...]
 *
 * schema.json is pulumi-aws's provider/cmd/pulumi-resource-aws/schema.json at
 * the pinned version (package.json: @pulumi/aws), or `pulumi package get-schema
 * aws@<version>`. tfbridge writes terraform's ForceNew as `willReplaceOnChanges`
 * on the property (nested ones inside object types). Without --aws-schema the
 * script only lists the types the plans use that have no row (not read yet; a
 * row with empty paths means read, nothing replaces). Without --write it prints
 * the rows that would change.
 */
import * as fs from "fs";
import * as path from "path";

type Prop = { willReplaceOnChanges?: boolean; $ref?: string; items?: Prop; additionalProperties?: Prop };
type Schema = {
  version?: string;
  resources: Record<string, { inputProperties?: Record<string, Prop> }>;
  types: Record<string, { properties?: Record<string, Prop> }>;
};

const TABLE = path.join(__dirname, "replace-on-changes.json");

/** Replace-on-change input paths of a resource, descending into object types (arrays as `[*]`). */
export function replacingInputs(schema: Schema, type: string): string[] {
  const out: string[] = [];
  const visit = (props: Record<string, Prop>, at: string, seen: Set<string>) => {
    for (const [name, p] of Object.entries(props).sort(([a], [b]) => a.localeCompare(b))) {
      const here = at ? `${at}.${name}` : name;
      if (p.willReplaceOnChanges) {
        out.push(here);
        continue;
      }
      const inner = p.items ?? p.additionalProperties ?? p;
      const ref = inner.$ref?.startsWith("#/types/") ? decodeURIComponent(inner.$ref.slice(8)) : undefined;
      if (ref && !seen.has(ref) && schema.types[ref]?.properties)
        visit(schema.types[ref].properties!, p.items ? `${here}[*]` : here, new Set([...seen, ref]));
    }
  };
  visit(schema.resources[type]?.inputProperties ?? {}, "", new Set());
  return out;
}

function main(argv: string[]): void {
  const schemaIdx = argv.indexOf("--aws-schema");
  const schemaFile = schemaIdx >= 0 ? argv[schemaIdx + 1] : undefined;
  const write = argv.includes("--write");
  const plans = argv.filter((a, i) => !a.startsWith("--") && (schemaIdx < 0 || i !== schemaIdx + 1));
  if (plans.length === 0) throw new Error("give at least one plan.json (e.g. out/prod/plan.json)");
  const table = JSON.parse(fs.readFileSync(TABLE, "utf8"));
  const used = new Set<string>();
  for (const f of plans)
    for (const r of JSON.parse(fs.readFileSync(f, "utf8")).resources as { type: string; custom: boolean }[])
      if (r.custom && !r.type.startsWith("pulumi:providers:")) used.add(r.type);
  const missing = [...used].filter((t) => !(t in table.types) && !t.startsWith("kubernetes:")).sort();
  process.stdout.write(
    `types used by the plans without a row (${missing.length}):\n${missing.map((t) => `  ${t}`).join("\n")}\n`,
  );
  if (!schemaFile) return;
  const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8")) as Schema;
  let changed = 0;
  for (const type of [...used].filter((t) => t.startsWith("aws:")).sort()) {
    if (!schema.resources[type]) {
      process.stdout.write(`  ! ${type} is not in the schema\n`);
      continue;
    }
    const paths = replacingInputs(schema, type);
    const row = {
      paths,
      checked: true,
      source: `pulumi-aws ${schema.version ?? "?"} schema.json willReplaceOnChanges`,
    };
    if (JSON.stringify(table.types[type]?.paths ?? []) !== JSON.stringify(paths)) {
      changed++;
      process.stdout.write(
        `  ${type}: ${JSON.stringify(table.types[type]?.paths ?? null)} -> ${JSON.stringify(paths)}\n`,
      );
    }
    // An empty row records that the schema was read and no input replaces the resource.
    table.types[type] = row;
  }
  process.stdout.write(`${changed} AWS rows differ from the schema\n`);
  if (write) {
    table.types = Object.fromEntries(Object.entries(table.types).sort(([a], [b]) => a.localeCompare(b)));
    fs.writeFileSync(TABLE, JSON.stringify(table, null, 2) + "\n");
  }
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`gen-replace-table: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
}
