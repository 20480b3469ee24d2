import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";

export interface StackConfig {
  project: string;
  /** Flat Pulumi config map, as `pulumi.runtime.allConfig()` returns it. */
  config: Record<string, string>;
  secretKeys: string[];
}

/**
 * Read Pulumi.yaml (project defaults) and a stack file the way the Pulumi CLI
 * would: keys namespaced by project, structured values as JSON text, `secure:`
 * values treated as secrets (offline they stay opaque).
 */
export function readStackConfig(rootDir: string, stackFile: string): StackConfig {
  const projectDoc = YAML.parse(fs.readFileSync(path.join(rootDir, "Pulumi.yaml"), "utf8")) ?? {};
  const project = String(projectDoc.name);
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
  for (const [key, decl] of Object.entries<Record<string, unknown>>(projectDoc.config ?? {})) {
    if (decl && typeof decl === "object" && "default" in decl) put(key, decl.default);
    else if (decl && typeof decl === "object" && "value" in decl) put(key, decl.value);
  }
  if (!fs.existsSync(stackFile)) throw new Error(`stack config file not found: ${stackFile}`);
  const stackDoc = YAML.parse(fs.readFileSync(stackFile, "utf8")) ?? {};
  for (const [key, value] of Object.entries(stackDoc.config ?? {})) put(key, value);
  return { project, config, secretKeys };
}
