import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FAST_STACKS, ROOT } from "../helpers/plan";

function plan(args: string[]) {
  const r = spawnSync(
    process.execPath,
    // fast-stacks: plain V8 stack traces in the child too (mocha gives them to this process; .mocharc.json).
    ["-r", FAST_STACKS, "-r", "ts-node/register/transpile-only", path.join(ROOT, "tools", "plan.ts"), ...args],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" } },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run plan (CLI)", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cli-"));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("writes plan.json per the contract and exits 0 for dev", () => {
    const out = path.join(tmp, "dev");
    const r = plan(["--stack", "dev", "--out", out, "--quiet"]);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const doc = JSON.parse(fs.readFileSync(path.join(out, "plan.json"), "utf8"));
    assert.deepEqual(Object.keys(doc), ["stack", "project", "resources", "outputs", "violations", "flows", "usage"]);
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
      ]);
    assert.equal(doc.outputs.primaryRegion, "us-east-1");
    assert.ok(Array.isArray(doc.violations));
    assert.ok(doc.flows.length > 0);
    for (const f of doc.flows)
      assert.deepEqual(Object.keys(f).sort(), ["from", "ok", "port", "requirement", "to", "urn", "via"]);
  });

  it("fails a broken config naming every problem, without a stack trace", () => {
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
        "",
      ].join("\n"),
    );
    const r = plan(["--stack", "broken", "--config-file", file, "--out", path.join(tmp, "broken")]);
    assert.equal(r.status, 1);
    // Two typed mistakes, and a prod stack naming none of its three kinds of principal nor an alarm destination.
    assert.match(r.stderr, /Invalid configuration for stack "broken" \(6 problems\)/);
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

  it("explains a missing --stack and an unknown stack", () => {
    const missing = plan([]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /--stack <name> is required/);
    const unknown = plan(["--stack", "nope"]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no Pulumi\.nope\.yaml/);
  });
});
