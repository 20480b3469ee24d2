/**
 * npm run policy-config -- --stack <name> [--config-file FILE]
 *
 * Prints the policy pack config for one stack, for `pulumi preview --policy-pack policies
 * --policy-pack-config <file>`: the environment's levels (policies/lib/config.ts) plus the stack's
 * own `platform:allowedRegions`, so the mandatory aws-allowed-regions policy checks the same list
 * as config validation. The offline plan builds the same object (tools/plan-lib.ts).
 */
import * as path from "path";
import { ConfigError, loadConfig } from "../components/config";
import { policyConfigFor } from "../policies/lib/config";
import { StackFileError, readStackConfig } from "./engine/stack-config";

const argv = process.argv.slice(2);
const arg = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const stack = arg("--stack");
if (!stack) {
  process.stderr.write("policy-config: --stack <name> is required\n");
  process.exit(2);
}
const rootDir = path.resolve(__dirname, "..");
try {
  const file = path.resolve(arg("--config-file") ?? path.join(rootDir, `Pulumi.${stack}.yaml`));
  const raw = readStackConfig(rootDir, file);
  const config = loadConfig(raw.config, { project: raw.project, stack });
  const pack = policyConfigFor(config.environment, {
    allowedRegions: config.allowedRegions,
    detection: config.security,
  });
  process.stdout.write(`${JSON.stringify(pack, null, 2)}\n`);
} catch (err) {
  if (!(err instanceof ConfigError || err instanceof StackFileError)) throw err;
  process.stderr.write(`policy-config: ${err.message}\n`);
  process.exit(1);
}
