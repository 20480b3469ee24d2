import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import YAML from "yaml";

// CI runs `npm test`; a stray `it.only` or `it.skip` committed by mistake must turn that run red
// rather than leave most of the suite unrun behind a green check.
const ROOT = path.resolve(__dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
};
const MOCHA = path.join(ROOT, "node_modules", "mocha", "bin", "mocha.js");

/** The options of the "test" script (its spec globs dropped): what CI passes to mocha. */
function testScriptOptions(): string[] {
  const [bin, ...args] = pkg.scripts.test.split(/\s+/);
  assert.equal(bin, "mocha");
  return args.filter((a) => !a.startsWith('"') && !a.startsWith("'"));
}

/** Runs mocha with the test script's options on one planted spec, outside the repository. */
function runPlanted(body: string): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "planted-spec-"));
  try {
    fs.writeFileSync(path.join(dir, "planted.spec.js"), body);
    const r = spawnSync(process.execPath, [MOCHA, ...testScriptOptions(), "planted.spec.js"], {
      cwd: dir,
      encoding: "utf8",
      timeout: 30_000,
    });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("the suite refuses focused and pending tests", () => {
  it("the test script forbids .only and pending tests", () => {
    const opts = testScriptOptions();
    assert.ok(opts.includes("--forbid-only"), pkg.scripts.test);
    assert.ok(opts.includes("--forbid-pending"), pkg.scripts.test);
  });

  it("every workflow job that tests, and .ci/run, runs that script (npm test)", () => {
    const dir = path.join(ROOT, ".github", "workflows");
    const testJobs: string[] = [];
    for (const f of fs.readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
      const wf = YAML.parse(fs.readFileSync(path.join(dir, f), "utf8")) as {
        jobs: Record<string, { steps?: { run?: string }[] }>;
      };
      for (const [name, job] of Object.entries(wf.jobs)) {
        const runs = (job.steps ?? []).map((s) => s.run ?? "");
        assert.ok(!runs.some((r) => /\b(npx )?mocha\b/.test(r)), `${f} ${name} calls mocha directly`);
        if (runs.some((r) => /^npm test\b/m.test(r))) testJobs.push(`${f}:${name}`);
      }
    }
    assert.deepEqual(testJobs.sort(), ["deploy.yml:verify", "pull-request.yml:test"]);
    assert.match(fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8"), /^npm test$/m);
  });

  it("a clean planted spec passes (the harness itself can pass)", () => {
    const r = runPlanted(`describe("planted", () => { it("runs", () => {}); });\n`);
    assert.equal(r.status, 0, r.output);
    assert.match(r.output, /1 passing/);
  });

  it("a planted it.only fails the run", () => {
    const r = runPlanted(`describe("planted", () => { it.only("focused", () => {}); it("other", () => {}); });\n`);
    assert.notEqual(r.status, 0, r.output);
    assert.match(r.output, /\.only/);
  });

  it("a planted it.skip fails the run", () => {
    const r = runPlanted(`describe("planted", () => { it.skip("parked", () => {}); it("other", () => {}); });\n`);
    assert.notEqual(r.status, 0, r.output);
    assert.match(r.output, /Pending test forbidden/);
  });

  it("a test that skips itself at run time fails the run", () => {
    const r = runPlanted(`describe("planted", () => { it("parks", function () { this.skip(); }); });\n`);
    assert.notEqual(r.status, 0, r.output);
    assert.match(r.output, /Pending test forbidden/);
  });
});
