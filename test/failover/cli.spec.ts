import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { FAILOVER_COMMAND, runFailover } from "../../tools/failover/cli";
import { runCommand, type CommandIo } from "../../tools/plan/command";
import { planFor, ROOT, TS_REGISTER } from "../helpers/plan";

function io(cwd: string): CommandIo & { out: string; err: string } {
  const box = { out: "", err: "" };
  return Object.assign(box, {
    rootDir: ROOT,
    cwd,
    env: {},
    stdout: (t: string) => void (box.out += t),
    stderr: (t: string) => void (box.err += t),
  });
}

describe("npm run failover", () => {
  let dir: string;
  let planFile: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "failover-"));
    planFile = path.join(dir, "plan.json");
    fs.writeFileSync(planFile, JSON.stringify((await planFor("prod")).plan));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = async (...argv: string[]) => {
    const box = io(dir);
    const code = await runCommand(FAILOVER_COMMAND, argv, box, runFailover);
    return { code, out: box.out, err: box.err };
  };

  it("--help prints the usage and exits 0", async () => {
    const r = await run("--help");
    assert.equal(r.code, 0);
    assert.match(r.out, /^usage: npm run failover -- \[--stack NAME\] \[--plan FILE\]/);
  });

  it("prod: exits 1 and names the scenario over the 259.2 s budget with how to close it", async () => {
    const r = await run("--plan", planFile);
    assert.equal(r.code, 1);
    assert.match(r.out, /objective 99\.99 % = 259\.2 s of failure a month/);
    assert.match(r.out, /^OVER the writer region lost \(us-east-1\): read RTO 96 s, write RTO 1601 s, RPO 5 s$/m);
    assert.match(r.out, /^ok {3}one non-writer region lost/m);
    assert.match(r.out, /to close the gap: an automated promotion/);
  });

  it("--json carries objective, budget and each scenario's RTOs, RPO and terms", async () => {
    const r = await run("--plan", planFile, "--json", "--objective", "99.9");
    const doc = JSON.parse(r.out);
    assert.deepEqual([doc.objective, doc.budgetSeconds], [99.9, 2592]);
    const writer = doc.scenarios.find((s: { name: string }) => s.name.startsWith("the writer region lost"));
    assert.deepEqual([writer.readRtoSeconds, writer.writeRtoSeconds, writer.rpoSeconds], [96, 1601, 5]);
    assert.ok(writer.terms.length >= 6);
    // 1601 s fits 99.9 %'s 2592 s: every scenario within the budget.
    assert.equal(r.code, 0);
  });

  it("a stricter objective (99.9999 %) exits 1", async () => {
    assert.equal((await run("--plan", planFile, "--objective", "99.9999")).code, 1);
  });

  for (const [argv, message] of [
    [["--plan", "missing.json"], /^failover: missing\.json: not found \(expected a plan\.json/],
    [["--plan", "x", "--objective", "100"], /--objective: got "100"; expected a percentage from 90 up to/],
    [["--plan", "x", "--operator-seconds", "-5"], /--operator-seconds/],
    [["--frobnicate"], /^failover: unknown argument --frobnicate/],
    [[], /--stack <name> or --plan FILE is required/],
  ] as const)
    it(`refuses ${JSON.stringify(argv)} with one line and exit 2`, async () => {
      const r = await run(...argv);
      assert.equal(r.code, 2);
      assert.match(r.err, message);
      assert.equal(r.err.trim().split("\n").length, 1);
    });

  it("the npm script runs the same command in its own process (exit code, no stack trace)", () => {
    const res = spawnSync(
      process.execPath,
      ["-r", TS_REGISTER, path.join(ROOT, "tools/failover/cli.ts"), "--plan", "nope.json"],
      {
        cwd: dir,
        encoding: "utf8",
      },
    );
    assert.equal(res.status, 2);
    assert.match(res.stderr, /^failover: nope\.json: not found/);
    assert.doesNotMatch(res.stderr, /\bat \S+ \(/);
  });
});
