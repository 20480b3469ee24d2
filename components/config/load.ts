import { z } from "zod";
import { closest, ConfigError, ConfigIssue } from "./errors";
import { CONFIG_SECTIONS, ParsedSections, REQUIRED_KEYS, SectionKey } from "./schema";
import { semanticIssues } from "./semantic";
import { clusterWarnings } from "./sections/cluster";
import { resolve } from "./resolve";
import { aliasFindings, movedKeyHint } from "./moved-keys";
import { inertKeyWarnings } from "./inert-keys";
import { platformImages, unpinnedImageWarnings } from "./images";
import { stackEnvironmentIssues } from "./sections/core-rules";
import { sharedAccountWarnings } from "./sections/security";
import type { PlatformConfig } from "./types";

export interface LoadContext {
  /** Pulumi project name; also the config namespace (`<project>:<key>`). */
  project: string;
  stack: string;
}

const SECTION_KEYS = Object.keys(CONFIG_SECTIONS) as SectionKey[];
/** Namespaces of the providers this program configures; any other near-miss of the project's is a typo. */
const PROVIDER_NAMESPACES = ["aws", "kubernetes", "pulumi", "random", "eks", "tls", "command"];

/**
 * "did you mean" for a key whose namespace is a typo of the project's (`platfrom:regions`,
 * `Platform:regions`): the key it most likely meant, with the same hint an unknown key gets.
 */
function nearMissNamespace(fullKey: string, project: string): { meant: string; expected: string } | undefined {
  const colon = fullKey.indexOf(":");
  if (colon < 0) return undefined;
  const [space, k] = [fullKey.slice(0, colon), fullKey.slice(colon + 1)];
  if (PROVIDER_NAMESPACES.includes(space) || closest(space, [project]) === undefined) return undefined;
  const section = closest(k.split(".")[0], SECTION_KEYS) ?? k;
  const meant = `${project}:${section}`;
  return { meant, expected: `a key this program reads (did you mean "${meant}"?); "${space}:" is not its namespace` };
}

/** What an unknown key in the project's namespace should have been: its new place, or the nearest key. */
function unknownKeyHint(ns: string, k: string): string {
  const moved = movedKeyHint(ns, k);
  if (moved) return moved;
  const hint = closest(k, SECTION_KEYS);
  return `a known key${hint ? ` (did you mean "${ns}${hint}"?)` : ""}; known keys: ${SECTION_KEYS.join(", ")}`;
}

/**
 * Parse, check and default the stack configuration in one place.
 * `raw` is Pulumi's flat config map (`pulumi.runtime.allConfig()`): keys like
 * `platform:regions`, structured values as JSON text. Throws ConfigError
 * listing every problem; returns a deeply frozen object otherwise.
 */
export function loadConfig(raw: Record<string, string>, ctx: LoadContext): PlatformConfig {
  const ns = `${ctx.project}:`;
  const values: Record<string, unknown> = {};
  const issues: ConfigIssue[] = [];
  const misspelt = new Set<string>();
  for (const [fullKey, text] of Object.entries(raw)) {
    if (!fullKey.startsWith(ns)) {
      const near = nearMissNamespace(fullKey, ctx.project);
      if (near) issues.push({ path: fullKey, value: decode(text), expected: near.expected });
      if (near) misspelt.add(near.meant);
      continue;
    }
    const k = fullKey.slice(ns.length);
    if (!(SECTION_KEYS as string[]).includes(k)) {
      issues.push({ path: fullKey, value: decode(text), expected: unknownKeyHint(ns, k) });
      continue;
    }
    const value = decode(text);
    // Pulumi.yaml declares optional keys with empty defaults ("", [], {}): they mean "use the built-in default".
    if (!REQUIRED_KEYS.includes(k as SectionKey) && isEmpty(value)) continue;
    values[k] = value;
  }
  for (const k of REQUIRED_KEYS) {
    // A required key hidden by a misspelt namespace is reported once, at the key as written.
    if (values[k] === undefined && !misspelt.has(`${ns}${k}`))
      issues.push({
        path: `${ns}${k}`,
        value: undefined,
        expected: "a value (this key has no default; set it in Pulumi.<stack>.yaml)",
      });
  }

  const parsed: Partial<ParsedSections> = {};
  for (const k of SECTION_KEYS) {
    if (values[k] === undefined && REQUIRED_KEYS.includes(k)) continue;
    const schema = CONFIG_SECTIONS[k] as z.ZodType;
    const result = schema.safeParse(values[k]);
    if (result.success) {
      (parsed as Record<string, unknown>)[k] = result.data;
      continue;
    }
    issues.push(...zodIssues(`${ns}${k}`, values[k], result.error));
    // Cross-field checks still run on the rest of the section, so one report carries every problem.
    const lenient = parseWithoutBadValues(schema, values[k], result.error);
    if (lenient !== undefined) (parsed as Record<string, unknown>)[k] = lenient;
  }
  const reported = new Set(issues.map((i) => i.path));
  const semantic = semanticIssues(parsed).map((i) => ({
    ...i,
    path: servicePathAsWritten(i.path, parsed.services, values.services).replace(/^platform:/, ns),
  }));
  issues.push(...semantic.filter((i) => !reported.has(i.path)));
  const aliases = aliasFindings(values, ns);
  issues.push(...aliases.issues);
  issues.push(...stackEnvironmentIssues(ctx.stack, values.environment, ns));
  if (issues.length > 0) throw new ConfigError(issues, ctx.stack);
  const config = resolve(parsed as ParsedSections, ctx, aliases.notices);
  return deepFreeze({ ...config, notices: [...config.notices, ...inertKeyWarnings(values, config, ns)] });
}

/**
 * Drop each offending value (its default then applies) and parse again, a few
 * rounds at most. Undefined when the section cannot be recovered, e.g. a
 * missing required field or a section of the wrong type.
 */
function parseWithoutBadValues(schema: z.ZodType, value: unknown, error: z.ZodError): unknown {
  const current: unknown = structuredClone(value);
  let err = error;
  for (let round = 0; round < 3; round++) {
    for (const issue of err.issues) {
      const path = [...issue.path];
      if (issue.code === "unrecognized_keys") {
        const parent = valueAt(current, path) as Record<string, unknown> | undefined;
        if (parent && typeof parent === "object") for (const k of issue.keys) delete parent[k];
        continue;
      }
      // A bad list element: drop the whole list field, so indices in later messages stay true.
      while (path.length > 0 && typeof path[path.length - 1] === "number") path.pop();
      const last = path.pop();
      const parent = valueAt(current, path);
      if (last === undefined || parent === null || typeof parent !== "object" || Array.isArray(parent))
        return undefined;
      delete (parent as Record<PropertyKey, unknown>)[last];
    }
    const again = schema.safeParse(current);
    if (again.success) return again.data;
    err = again.error;
  }
  return undefined;
}

/**
 * Cross-field rules index the overlaid catalogue; point a service's problem at the entry the stack
 * file wrote for it, or name the default service the stack left as it is.
 */
function servicePathAsWritten(path: string, services: readonly { name: string }[] | undefined, raw: unknown): string {
  const m = /^platform:services\[(\d+)\](.*)$/.exec(path);
  const name = m && services?.[Number(m[1])]?.name;
  if (!m || name === undefined) return path;
  const written = Array.isArray(raw) ? raw.findIndex((e) => (e as { name?: unknown })?.name === name) : -1;
  return written >= 0 ? `platform:services[${written}]${m[2]}` : `platform:services[default ${name}]${m[2]}`;
}

function isEmpty(value: unknown): boolean {
  return value === "" || (Array.isArray(value) && value.length === 0);
}

function decode(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function zodIssues(root: string, input: unknown, error: z.ZodError): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of error.issues) {
    const at = (path: readonly PropertyKey[]) =>
      root + path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
    if (issue.code === "unrecognized_keys") {
      const parent = valueAt(input, issue.path);
      const known = keysOfSchemaAt(schemaOf(root), issue.path);
      for (const k of issue.keys) {
        const hint = known.length ? closest(k, known) : undefined;
        const path = at([...issue.path, k]);
        const ns = root.slice(0, root.indexOf(":") + 1);
        const moved = movedKeyHint(ns, path.slice(ns.length));
        out.push({
          path,
          value: (parent as Record<string, unknown>)?.[k],
          expected:
            moved ??
            `no such key${hint ? ` (did you mean "${hint}"?)` : ""}${known.length ? `; allowed here: ${known.join(", ")}` : ""}`,
        });
      }
      continue;
    }
    const value = valueAt(input, issue.path);
    out.push({ path: at(issue.path), value, expected: expectedText(issue) + quoteHint(issue, value) });
  }
  return out;
}

/** YAML reads an unquoted 1.34 or 8.0 as a number (8.0 even becomes 8): say to quote it. */
function quoteHint(issue: z.core.$ZodIssue, value: unknown): string {
  const wantsString =
    (issue.code === "invalid_type" && issue.expected === "string") ||
    (issue.code === "invalid_value" && issue.values.every((v) => typeof v === "string"));
  if (typeof value !== "number" || !wantsString) return "";
  return `; YAML read the unquoted value as the number ${value}: quote it, e.g. "${value}"${Number.isInteger(value) ? ` (or "${value}.0" if that was written)` : ""}`;
}

function schemaOf(root: string): z.ZodType {
  return CONFIG_SECTIONS[root.slice(root.indexOf(":") + 1) as SectionKey] as z.ZodType;
}

/** Zod issues do not carry the allowed keys; recover them from the schema shape at that path. */
function keysOfSchemaAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let cur: unknown = schema;
  const unwrap = (s: unknown): unknown => {
    let x = s as { _zod: { def: Record<string, unknown> } };
    for (;;) {
      const def = x._zod.def;
      if (["default", "prefault", "optional", "nullable", "readonly", "catch"].includes(def.type as string))
        x = def.innerType as typeof x;
      // A preprocess is a pipe from a transform: its shape is the pipe's output schema.
      else if (def.type === "pipe")
        x = ((def.in as typeof x)._zod.def.type === "transform" ? def.out : def.in) as typeof x;
      else return x;
    }
  };
  for (const p of path) {
    const def = (unwrap(cur) as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def.type === "array" && typeof p === "number") cur = def.element;
    else if (def.type === "object") cur = (def.shape as Record<string, unknown>)[String(p)];
    else return [];
    if (!cur) return [];
  }
  const def = (unwrap(cur) as { _zod: { def: Record<string, unknown> } })._zod.def;
  return def.type === "object" ? Object.keys(def.shape as object) : [];
}

function expectedText(issue: z.core.$ZodIssue): string {
  // Our schemas phrase custom messages as the "expected" half; zod's defaults start with "Invalid"/"Too".
  if (issue.message && !/^(Invalid|Too (big|small)|Expected|Unrecognized)/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return `a value of type ${issue.expected}`;
    case "too_small":
      return `${issue.origin === "array" ? "a list with at least" : issue.origin === "string" ? "a string of length at least" : "a value >="} ${String(issue.minimum)}`;
    case "too_big":
      return `${issue.origin === "array" ? "a list with at most" : issue.origin === "string" ? "a string of length at most" : "a value <="} ${String(issue.maximum)}`;
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return issue.message;
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const p of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Warnings about a loaded config: valid, but worth a person's attention before `pulumi up` (today:
 * a Kubernetes version in or near EKS extended support). `npm run plan` prints them.
 */
export function configWarnings(config: PlatformConfig, today = new Date()): string[] {
  const images = platformImages(config.services, config.gateway, config);
  return [
    ...config.notices,
    ...clusterWarnings(config.cluster, today),
    ...unpinnedImageWarnings(config.security.images, images),
    ...sharedAccountWarnings(config.security, config.environment),
  ];
}
