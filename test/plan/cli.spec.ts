import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cachedBuild, FAST_STACKS, ROOT, TS_REGISTER } from "../helpers/plan";
import { runPlanCli, USAGE } from "../../tools/plan-cli";

/** The plan command in this process, with the memoised builder: same messages and exit codes as `npm run plan`. */
async function plan(args: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const status = await runPlanCli(args, {
    rootDir: ROOT,
    cwd: ROOT,
    env,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    build: cachedBuild,
  });
  return { status, stdout, stderr };
}

/** The same command as its own Node process (tools/plan.ts), for what only a process shows: the exit status. */
function planProcess(args: string[]) {
  const r = spawnSync(
    process.execPath,
    // fast-stacks: plain V8 stack traces in the child too (mocha gives them to this process; .mocharc.json).
    ["-r", FAST_STACKS, "-r", TS_REGISTER, path.join(ROOT, "tools", "plan.ts"), ...args],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" } },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run plan (CLI)", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cli-"));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("writes plan.json per the contract and exits 0 for dev", async () => {
    const out = path.join(tmp, "dev");
    const r = await plan(["--stack", "dev", "--out", out, "--quiet"]);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const doc = JSON.parse(fs.readFileSync(path.join(out, "plan.json"), "utf8"));
    assert.deepEqual(Object.keys(doc), [
      "stack",
      "project",
      "resources",
      "outputs",
      "violations",
      "flows",
      "isolation",
      "access",
      "failover",
      "usage",
    ]);
    assert.equal(doc.stack, "dev");
    assert.equal(doc.project, "platform");
    for (const r of doc.resources)
      assert.deepEqual(Object.keys(r), [
        "urn",
        "type",
        "name",
        "custom",
        "parent",
        "provider",
        "region",
        "inputs",
        "dependencies",
        "options",
      ]);
    for (const r of doc.resources)
      assert.deepEqual(Object.keys(r.options), [
        "protect",
        "retainOnDelete",
        "ignoreChanges",
        "deleteBeforeReplace",
        "replaceOnChanges",
        "aliases",
        "dependsOn",
      ]);
    assert.equal(doc.outputs.primaryRegion, "us-east-1");
    assert.ok(Array.isArray(doc.violations));
    assert.ok(doc.flows.length > 0);
    for (const f of doc.flows)
      assert.deepEqual(Object.keys(f).sort(), ["from", "ok", "port", "requirement", "to", "urn", "via"]);
    // The forbidden pairs, each refused by the NetworkPolicies.
    assert.ok(doc.isolation.length > 0);
    for (const e of doc.isolation)
      assert.deepEqual(Object.keys(e).sort(), ["from", "ok", "port", "reason", "requirement", "to", "urn"]);
  });

  it("fails a broken config naming every problem, without a stack trace", async () => {
    const file = path.join(tmp, "Pulumi.broken.yaml");
    fs.writeFileSync(
      file,
      [
        "config:",
        "  platform:environment: prod",
        "  platform:regions:",
        "    - { name: us-east-1, vpcCidr: 10.0.0.0/16 }",
        "    - { name: us-west-2, vpcCidr: 10.0.0.0/16 }",
        "  platform:netwrk:",
        "    azCount: 3",
        "  platform:security:",
        "    images: { pinDigests: false }",
        "",
      ].join("\n"),
    );
    const r = await plan(["--stack", "broken", "--config-file", file, "--out", path.join(tmp, "broken")]);
    assert.equal(r.status, 1);
    // Two typed mistakes, and a prod stack naming neither its account, nor any of its three kinds of
    // principal, nor an alarm destination. Its images stay tags (pinDigests off): a digest per default
    // image is test/security/image-digest.spec.ts's subject, not this one's.
    assert.match(r.stderr, /Invalid configuration for stack "broken" \(7 problems\)/);
    assert.match(r.stderr, /platform:security\.accountId: got \(missing\); expected the 12-digit id of prod's own/);
    assert.match(r.stderr, /platform:observability\.alarmEmails: got \[\]; expected at least one address in prod/);
    for (const role of ["admins", "deployers", "previewers"])
      assert.match(
        r.stderr,
        new RegExp(`platform:cluster\\.access\\.${role}: got \\[\\]; expected at least one IAM role ARN in prod`),
      );
    assert.match(
      r.stderr,
      /platform:netwrk: got \{"azCount":3\}; expected a known key \(did you mean "platform:network"\?\)/,
    );
    assert.match(
      r.stderr,
      /platform:regions\[1\]\.vpcCidr: got "10\.0\.0\.0\/16"; expected a range disjoint from regions\[0\]/,
    );
    assert.doesNotMatch(r.stderr, /^\s+at /m, "no stack trace");
    assert.ok(!fs.existsSync(path.join(tmp, "broken", "plan.json")), "no plan written for a bad config");
  });

  it("explains a missing --stack, a flag without its value, an unknown flag and an unknown stack", async () => {
    const missing = await plan([]);
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, "plan: --stack <name> is required (e.g. --stack dev)\n");
    assert.equal((await plan(["--stack", "dev", "--out"])).stderr, "plan: --out needs a value\n");
    const flag = await plan(["--stack", "dev", "--colour"]);
    assert.equal(flag.status, 2);
    assert.equal(flag.stderr, `plan: unknown argument --colour; usage: ${USAGE}\n`);
    const unknown = await plan(["--stack", "nope"]);
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stderr, `plan: no Pulumi.nope.yaml in ${ROOT}; pass --config-file\n`);
    const day = await plan(["--stack", "dev"], { PLATFORM_TODAY: "2026-13-45" });
    assert.equal(day.status, 2);
    assert.equal(day.stderr, 'plan: PLATFORM_TODAY: got "2026-13-45"; expected a date YYYY-MM-DD\n');
  });

  it("reports a program crash as a bug, with exit 1 and no stack trace", async () => {
    let stderr = "";
    const r = await runPlanCli(["--stack", "dev", "--out", path.join(tmp, "crash")], {
      rootDir: ROOT,
      cwd: ROOT,
      env: {},
      stdout: () => {},
      stderr: (t) => (stderr += t),
      build: () => Promise.reject(new Error("boom")),
    });
    assert.equal(r, 1);
    assert.equal(
      stderr,
      "planning stack dev on the mock engine...\nplan: the program stopped with an error (a bug, not your config): boom\n",
    );
  });

  it("writes the plan but exits 1 when a mandatory policy fails, listing it under --quiet", async () => {
    const real = await cachedBuild({ stack: "dev", rootDir: ROOT });
    assert.ok(real.ok);
    const violation = { policy: "p", message: "m", urn: "urn:x", enforcementLevel: "mandatory" as const };
    let stderr = "";
    const out = path.join(tmp, "violating");
    const r = await runPlanCli(["--stack", "dev", "--out", out, "--quiet"], {
      rootDir: ROOT,
      cwd: ROOT,
      env: {},
      stdout: () => {},
      stderr: (t) => (stderr += t),
      build: async () => ({ ...real, plan: { ...real.plan, violations: [...real.plan.violations, violation] } }),
    });
    assert.equal(r, 1);
    // Progress on stderr, then the report.
    assert.match(stderr, /^planning stack dev on the mock engine\.\.\.\nplanned dev in [0-9.]+s\n/);
    assert.ok(stderr.endsWith("\nplan: 1 mandatory policy violation:\n  [mandatory] p: m\n      urn:x\n"), stderr);
    assert.ok(fs.existsSync(path.join(out, "plan.json")), "the plan is written for the reader");
  });

  it("--preview plans as a fresh stack's preview sees it and says what waits for unknown values", async () => {
    const out = path.join(tmp, "preview");
    const r = await plan(["--stack", "dev", "--preview", "--quiet", "--out", out]);
    const line = /^Preview: (\d+) resources have inputs unknown until deploy; (\d+) checks? cannot decide/m.exec(
      r.stdout,
    );
    assert.ok(line && Number(line[1]) > 50, r.stdout);
    assert.match(r.stderr, /^planning stack dev \(preview\) on the mock engine\.\.\.\n/);
    assert.match(fs.readFileSync(path.join(out, "plan.json"), "utf8"), /"\[unknown\]"/);
  });

  it("is the exit status of the process npm run plan starts", () => {
    const r = planProcess(["--stack", "nope"]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `plan: no Pulumi.nope.yaml in ${ROOT}; pass --config-file\n`);
    assert.equal(r.stdout, "");
  });
});
