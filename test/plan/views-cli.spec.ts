import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import type { CommandSpec, ParsedArgs } from "../../tools/plan/args";
import { type CommandIo, runCommand } from "../../tools/plan/command";
import { PLAN_COMMAND, runPlanCli } from "../../tools/plan-cli";
import { DIFF_COMMAND, runDiff } from "../../tools/diff";
import { COST_COMMAND, runCost } from "../../tools/cost/cli";
import { CAPACITY_COMMAND, runCapacity } from "../../tools/capacity/cli";
import { CRITICAL_PATH_COMMAND, runCriticalPath } from "../../tools/critical-path";
import { POLICY_CONFIG_COMMAND, runPolicyConfig } from "../../tools/policy-config";
import { COST_README_COMMAND, runCostReadme } from "../../tools/cost/readme";
import { FAST_STACKS, ROOT, TS_REGISTER } from "../helpers/plan";

type Run = (args: ParsedArgs, io: CommandIo) => Promise<number> | number;
const COMMANDS: [CommandSpec, Run][] = [
  [PLAN_COMMAND, () => 0],
  [DIFF_COMMAND, runDiff],
  [COST_COMMAND, runCost],
  [CAPACITY_COMMAND, runCapacity],
  [CRITICAL_PATH_COMMAND, runCriticalPath],
  [POLICY_CONFIG_COMMAND, runPolicyConfig],
  [COST_README_COMMAND, runCostReadme],
];

async function call(spec: CommandSpec, run: Run, argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io = {
    rootDir: ROOT,
    cwd: ROOT,
    env: {},
    stdout: (t: string) => (stdout += t),
    stderr: (t: string) => (stderr += t),
  };
  const status = spec === PLAN_COMMAND ? await runPlanCli(argv, io) : await runCommand(spec, argv, io, run);
  return { status, stdout, stderr };
}

/** A file that exists but is no plan.json (the repository's package.json), and one that does not exist. */
const BAD_FILE: Record<string, { argv: string[]; stderr: string }> = {
  plan: {
    argv: ["--stack", "dev", "--config-file", "nope.yaml"],
    stderr: `plan: config file not found: ${ROOT}/nope.yaml\n`,
  },
  diff: {
    argv: ["package.json", "package.json"],
    stderr: 'diff: package.json: no "stack" name (expected a plan.json written by npm run plan)\n',
  },
  cost: {
    argv: ["--stack", "dev", "--plan", "package.json"],
    stderr: 'cost: package.json: no "stack" name (expected a plan.json written by npm run plan)\n',
  },
  capacity: {
    argv: ["--plan", "package.json"],
    stderr: 'capacity: package.json: no "stack" name (expected a plan.json written by npm run plan)\n',
  },
  "critical-path": {
    argv: ["--plan", "tsconfig.json/x"],
    stderr: "critical-path: tsconfig.json/x: not found (expected a plan.json written by npm run plan)\n",
  },
  "policy-config": {
    argv: ["--stack", "dev", "--config-file", "nope.yaml"],
    stderr: `policy-config: config file not found: ${ROOT}/nope.yaml\n`,
  },
};

describe("views: one command-line convention", () => {
  for (const [spec, run] of COMMANDS) {
    describe(`npm run ${spec.command}`, () => {
      it("--help prints the usage and every flag, exit 0", async () => {
        const r = await call(spec, run, ["--help"]);
        assert.equal(r.status, 0);
        assert.equal(r.stderr, "");
        assert.ok(r.stdout.startsWith(`usage: npm run ${spec.command}`), r.stdout);
        for (const f of spec.flags) assert.match(r.stdout, new RegExp(`\\n  --${f.name}\\b`));
      });

      it("refuses an unknown flag with one line and exit 2", async () => {
        const r = await call(spec, run, ["--colour", "red"]);
        assert.equal(r.status, 2);
        assert.match(
          r.stderr,
          new RegExp(`^${spec.command}: unknown argument --colour; usage: npm run ${spec.command}.*\\n$`),
        );
        assert.equal(r.stdout, "");
      });

      const bad = BAD_FILE[spec.command];
      if (bad)
        it("refuses a bad file with one line and exit 2", async () => {
          const r = await call(spec, run, bad.argv);
          assert.equal(r.status, 2);
          assert.equal(r.stderr, bad.stderr);
        });
    });
  }

  it("a flag without its value and a malformed number name the flag and the value", async () => {
    assert.equal(
      (await call(COST_COMMAND, runCost, ["--stack", "dev", "--out"])).stderr,
      "cost: --out needs a value\n",
    );
    const lines = await call(COST_COMMAND, runCost, ["--stack", "dev", "--lines", "many"]);
    assert.equal(lines.stderr, 'cost: --lines: got "many"; expected a whole number\n');
    const gap = await call(CRITICAL_PATH_COMMAND, runCriticalPath, ["--stack", "dev", "--max-gap=-3"]);
    assert.equal(gap.stderr, 'critical-path: --max-gap: got "-3"; expected a non-negative percentage, e.g. 5\n');
    const limit = await call(DIFF_COMMAND, runDiff, ["a", "b", "--limit", "100"]);
    assert.equal(limit.stderr, 'diff: --limit: got "100"; expected a whole number >= 4096\n');
  });

  it("is the exit status of the process: capacity on a file that is no plan, without a stack trace", () => {
    const r = spawnSync(
      process.execPath,
      ["-r", FAST_STACKS, "-r", TS_REGISTER, path.join(ROOT, "tools", "capacity", "cli.ts"), "--plan", "package.json"],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" } },
    );
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'capacity: package.json: no "stack" name (expected a plan.json written by npm run plan)\n');
  });
});
