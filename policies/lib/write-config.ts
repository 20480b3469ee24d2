import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { policyConfigFor } from "./config";

/** Environments that get a checked-in --policy-pack-config file. */
export const CONFIG_ENVIRONMENTS = ["dev", "staging", "prod"] as const;

export function renderPolicyConfig(environment: string): string {
  return `${JSON.stringify(policyConfigFor(environment), null, 2)}\n`;
}

// `node -r ts-node/register/transpile-only policies/lib/write-config.ts` regenerates policies/config/*.json.
if (require.main === module)
  for (const env of CONFIG_ENVIRONMENTS)
    writeFileSync(join(__dirname, "..", "config", `${env}.json`), renderPolicyConfig(env));
