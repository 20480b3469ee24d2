/**
 * npm run plan -- --stack <name> [--config-file FILE] [--out DIR] [--quiet]
 *
 * Runs the real program on the mock engine, evaluates the policy pack and
 * writes DIR/plan.json (default out/<stack>/plan.json). Exit 0 only when the
 * config is valid and no mandatory policy is violated. The command itself is
 * tools/plan-cli.ts; this file gives it the process.
 */
import * as path from "path";
import { crashReport, runPlanCli } from "./plan-cli";

const crash = (err: unknown) => {
  process.stderr.write(crashReport(err));
  process.exit(1);
};
process.on("unhandledRejection", crash);

runPlanCli(process.argv.slice(2), {
  rootDir: path.resolve(__dirname, ".."),
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  // exitCode, not exit(): a piped stdout still flushes the summary before the process ends.
  process.exitCode = code;
}, crash);
