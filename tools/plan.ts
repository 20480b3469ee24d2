/**
 * npm run plan -- --stack <name> [--config-file FILE] [--out DIR] [--quiet] [--preview]
 *
 * Runs the real program on the mock engine, evaluates the policy pack and writes DIR/plan.json
 * (default out/<stack>/plan.json). `--help` lists the flags; the command is tools/plan-cli.ts.
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
