import { strict as assert } from "node:assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCommand } from "../../tools/plan/command";
import { COST_COMMAND, runCost } from "../../tools/cost/cli";
import { NAT, plan, res } from "./fixtures";

/**
 * `npm run cost -- --plan FILE`: reads a plan.json (no planning), writes cost.json and prints the
 * table, the evidence line and where it wrote; bad argument combinations exit 2 with one line.
 */
describe("cost: the command on a plan file", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cost-cli-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, body: object) => {
    fs.writeFileSync(path.join(dir, name), JSON.stringify({ project: "platform", outputs: {}, ...body }));
    return name;
  };
  async function call(argv: string[]) {
    let [stdout, stderr] = ["", ""];
    const io = {
      rootDir: dir,
      cwd: dir,
      env: {},
      stdout: (t: string) => (stdout += t),
      stderr: (t: string) => (stderr += t),
    };
    const status = await runCommand(COST_COMMAND, argv, io, runCost);
    return { status, stdout, stderr };
  }
  // NAT gateway, us-east-1: https://aws.amazon.com/vpc/pricing/ $0.045/h x 730 h = 32.85 and 100 GB x $0.045 = 4.50.
  const nat = plan([res(NAT, "us-east-1", {}, "nat")], { network: { natGBPerRegion: 100 } });

  it("writes cost.json where --out says and prints the largest lines, the evidence and the file", async () => {
    const file = write("plan.json", { ...nat, stack: "qa" });
    const r = await call(["--stack", "qa", "--plan", file, "--out", "reports", "--lines", "1"]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(fs.readFileSync(path.join(dir, "reports", "cost.json"), "utf8"));
    assert.deepEqual([report.stack, report.monthly], ["qa", 37.35]);
    const out = r.stdout.split("\n");
    assert.equal(
      out[0],
      'Monthly cost estimate for stack "qa": $37.35 USD (list prices of 2026-12-02, 730 h a month, on-demand unless stated)',
    );
    assert.ok(r.stdout.includes("\nLines (largest 1 of 2):\n"));
    assert.match(r.stdout, /\nPrices read on a page: \d+ of \d+ entries/);
    assert.equal(out[out.length - 2], `Wrote ${path.join("reports", "cost.json")}`);
  });

  it("keeps the plan's own stack name and writes to out/<stack> under the root by default", async () => {
    const file = write("named.json", { ...nat, stack: "dev" });
    const r = await call(["--stack", "dev", "--plan", file]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "out", "dev", "cost.json"), "utf8")).stack, "dev");
    assert.ok(r.stdout.includes("\nLines:\n"));
    assert.ok(r.stdout.endsWith(`Wrote ${path.join("out", "dev", "cost.json")}\n`));
  });

  it("refuses a missing stack and a policy config without the stack's config, exit 2", async () => {
    const file = write("p.json", nat);
    const none = await call(["--plan", file]);
    assert.equal(none.status, 2);
    assert.ok(none.stderr.includes("--stack <name> is required (e.g. --stack dev)"), none.stderr);
    const both = await call(["--stack", "dev", "--plan", file, "--policy-config", "pc.json"]);
    assert.equal(both.status, 2);
    assert.ok(both.stderr.includes("--policy-config needs the stack's config: run without --plan"), both.stderr);
    assert.equal(fs.existsSync(path.join(dir, "pc.json")), false);
  });
});
