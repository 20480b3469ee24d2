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

  it("prod: exits 0 with every scenario within the 259.2 s budget, the writer region's without a pulumi up", async () => {
    const r = await run("--plan", planFile);
    assert.equal(r.code, 0);
    assert.match(r.out, /objective 99\.99 % = 259\.2 s of failure a month/);
    assert.match(r.out, /^ok {3}the writer region lost \(us-east-1\): read RTO 96 s, write RTO 230 s, RPO 5 s$/m);
    assert.match(r.out, /^ok {3}one non-writer region lost/m);
    assert.doesNotMatch(r.out, /pulumi up/);
    assert.match(r.out, /every scenario within the budget$/m);
  });

  it("a slower health check (30 s x 10) in the plan exits 1", async () => {
    const plan = JSON.parse(fs.readFileSync(planFile, "utf8"));
    for (const x of plan.resources)
      if (x.type === "aws:route53/healthCheck:HealthCheck" && x.inputs.type === "HTTPS")
        Object.assign(x.inputs, { requestInterval: 30, failureThreshold: 10 });
    const slow = path.join(dir, "slow.json");
    fs.writeFileSync(slow, JSON.stringify(plan));
    const r = await run("--plan", slow);
    assert.equal(r.code, 1);
    assert.match(r.out, /^OVER one non-writer region lost \(us-west-2, the slowest to drain\): read RTO 366 s/m);
  });

  it("a longer cache writer TTL (300 s) in the plan exits 1", async () => {
    const plan = JSON.parse(fs.readFileSync(planFile, "utf8"));
    for (const x of plan.resources)
      if (x.type === "aws:route53/record:Record" && x.inputs.type === "CNAME") x.inputs.ttl = 300;
    const slow = path.join(dir, "ttl.json");
    fs.writeFileSync(slow, JSON.stringify(plan));
    const r = await run("--plan", slow);
    assert.equal(r.code, 1);
    assert.match(r.out, /^OVER the writer region lost \(us-east-1\): read RTO 96 s, write RTO 525 s/m);
  });

  it("--json carries objective, budget and each scenario's RTOs, RPO and terms", async () => {
    const r = await run("--plan", planFile, "--json", "--objective", "99.9");
    const doc = JSON.parse(r.out);
    assert.deepEqual([doc.objective, doc.budgetSeconds], [99.9, 2592]);
    const writer = doc.scenarios.find((s: { name: string }) => s.name.startsWith("the writer region lost"));
    assert.deepEqual([writer.readRtoSeconds, writer.writeRtoSeconds, writer.rpoSeconds], [96, 230, 5]);
    assert.ok(writer.terms.length >= 6);
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
