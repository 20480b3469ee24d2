import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { closest } from "../../components/config/errors";
import { checkProject, checkStackValues, type FileIssue, StackFileError } from "./project-rules";

export { StackFileError } from "./project-rules";

export interface StackConfig {
  project: string;
  /** Flat Pulumi config map, as `pulumi.runtime.allConfig()` returns it. */
  config: Record<string, string>;
  secretKeys: string[];
}

/** Top-level keys of a stack file (ProjectStack in pulumi/pulumi sdk/go/common/workspace/project.go v3.259.0). */
const STACK_FILE_KEYS = ["config", "environment", "secretsprovider", "encryptedkey", "encryptionsalt"];

/**
 * Parse YAML as the Pulumi CLI does (yaml.v3: anchors, aliases and `<<` merge keys, duplicate keys
 * refused). A syntax error names the file and position, and never quotes the line (it may hold a secret).
 */
export function parseYamlFile(file: string): unknown {
  const name = path.basename(file);
  const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"), { merge: true, prettyErrors: true });
  if (doc.errors.length > 0)
    throw new StackFileError(
      doc.errors.map((e) => {
        const [line, col] = e.linePos?.[0] ? [e.linePos[0].line, e.linePos[0].col] : [undefined, undefined];
        const reason = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
        return { file: name, message: `YAML syntax error${line ? ` at line ${line}, column ${col}` : ""}: ${reason}` };
      }),
    );
  return doc.toJS({ maxAliasCount: 1000 }) ?? {};
}

/**
 * Read Pulumi.yaml (project defaults) and a stack file the way the Pulumi CLI would: keys
 * namespaced by project, structured values as JSON text, `secure:` values treated as secrets
 * (offline they stay opaque). Throws StackFileError for what the CLI would refuse (project-rules.ts),
 * and for a misspelled top-level key in the stack file (the CLI would ignore it silently).
 */
export function readStackConfig(rootDir: string, stackFile: string): StackConfig {
  if (!fs.existsSync(stackFile)) throw new Error(`stack config file not found: ${stackFile}`);
  const projectDoc = parseYamlFile(path.join(rootDir, "Pulumi.yaml"));
  const stackDoc = parseYamlFile(stackFile);
  const stackName = path.basename(stackFile);
  const { issues, config: declarations } = checkProject(projectDoc, "Pulumi.yaml");
  const project = String((projectDoc as { name?: unknown }).name);
  const stackIssues: FileIssue[] = [];
  let values: Record<string, unknown> = {};
  if (stackDoc === null || typeof stackDoc !== "object" || Array.isArray(stackDoc)) {
    stackIssues.push({ file: stackName, message: "expected a YAML mapping with a top-level `config:` key" });
  } else {
    for (const k of Object.keys(stackDoc)) {
      if (STACK_FILE_KEYS.includes(k)) continue;
      const hint = closest(k, STACK_FILE_KEYS);
      stackIssues.push({
        file: stackName,
        key: k,
        message: `unknown top-level key${hint ? ` (did you mean "${hint}"?)` : ""}; allowed: ${STACK_FILE_KEYS.join(", ")}. The Pulumi CLI would ignore it and everything under it`,
      });
    }
    const cfg = (stackDoc as Record<string, unknown>).config ?? {};
    if (cfg && typeof cfg === "object" && !Array.isArray(cfg)) values = cfg as Record<string, unknown>;
    else
      stackIssues.push({ file: stackName, key: "config", message: "expected a mapping of `namespace:key` to value" });
  }
  if (issues.length === 0) stackIssues.push(...checkStackValues(project, declarations, values, stackName));
  if (issues.length + stackIssues.length > 0) throw new StackFileError([...issues, ...stackIssues]);

  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const put = (key: string, value: unknown) => {
    const full = key.includes(":") ? key : `${project}:${key}`;
    if (value && typeof value === "object" && "secure" in (value as object)) {
      config[full] = "[secret]";
      secretKeys.push(full);
      return;
    }
    config[full] = typeof value === "string" ? value : JSON.stringify(value);
  };
  for (const [key, decl] of Object.entries(declarations)) {
    if (decl.default !== undefined) put(key, decl.default);
    else if (decl.value !== undefined) put(key, decl.value);
  }
  for (const [key, value] of Object.entries(values)) put(key, value);
  return { project, config, secretKeys };
}
