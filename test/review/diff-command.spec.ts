import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DIFF_COMMAND, runDiff } from "../../tools/diff";
import { runCommand } from "../../tools/plan/command";
import type { ReviewResource } from "../../tools/review/changes";

/**
 * `npm run diff -- BASE HEAD` on small plan files: cost reports given or estimated from the plans,
 * the limited and the full text written where --out and --full-out say, the cost flags together only.
 */
describe("review: the diff command", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "diff-cmd-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const U = (type: string, name: string) => `urn:pulumi:dev::platform::${type}::${name}`;
  const r = (type: string, name: string, inputs: object = {}): ReviewResource => ({
    urn: U(type, name),
    type,
    name,
    custom: true,
    parent: null,
    provider: null,
    region: "us-east-1",
    inputs: inputs as Record<string, unknown>,
    dependencies: [],
  });
  const write = (name: string, body: object) => {
    fs.writeFileSync(path.join(dir, name), JSON.stringify(body));
    return name;
  };
  const planFile = (name: string, resources: ReviewResource[]) =>
    write(name, { stack: "dev", project: "platform", outputs: {}, resources });
  const queues = (n: number) =>
    Array.from({ length: n }, (_, i) => r("aws:sqs/queue:Queue", `queue-with-a-long-name-${i}`));
  const base = planFile("base.json", [r("aws:sqs/queue:Queue", "q")]);
  const head = planFile("head.json", [
    r("aws:sqs/queue:Queue", "q"),
    r("aws:ec2/natGateway:NatGateway", "nat"),
    ...queues(120),
  ]);
  async function call(argv: string[]) {
    let [stdout, stderr] = ["", ""];
    const io = {
      rootDir: dir,
      cwd: dir,
      env: {},
      stdout: (t: string) => (stdout += t),
      stderr: (t: string) => (stderr += t),
    };
    const status = await runCommand(DIFF_COMMAND, argv, io, runDiff);
    return { status, stdout, stderr };
  }
  const cost = (monthly: number) => ({ stack: "dev", currency: "USD", monthly, items: [] });

  it("estimates both sides' cost from the plans when no reports are given, and writes both texts", async () => {
    const res = await call([base, head, "--out", "short.md", "--full-out", "full.md", "--limit", "4096"]);
    assert.equal(res.status, 0, res.stderr);
    // NAT gateway in us-east-1 (https://aws.amazon.com/vpc/pricing/): $0.045 x 730 h + 200 GB x $0.045 = $41.85.
    assert.ok(res.stdout.includes("#### Monthly cost: $0.00 -> $41.85 (+$41.85)"), res.stdout);
    const [short, full] = ["short.md", "full.md"].map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
    assert.equal(short, res.stdout);
    assert.ok(short.length <= 4096 - 1024 && short.includes("> **Truncated:**"));
    assert.ok(!full.includes("Truncated") && full.includes("`queue-with-a-long-name-119`"));
  });

  it("uses the given cost reports, and refuses one without the other", async () => {
    const [b, h] = [write("b-cost.json", cost(1)), write("h-cost.json", cost(2.5))];
    const res = await call([base, base, "--base-cost", b, "--head-cost", h]);
    assert.equal(res.status, 0, res.stderr);
    assert.ok(res.stdout.includes("#### Monthly cost: $1.00 -> $2.50 (+$1.50)"));
    assert.ok(!res.stdout.includes("#### Pictures"));
    assert.ok(res.stdout.endsWith("No resource changes.\n"));
    for (const argv of [
      ["--base-cost", b],
      ["--head-cost", h],
    ]) {
      const one = await call([base, base, ...argv]);
      assert.equal(one.status, 2);
      assert.ok(one.stderr.includes("--base-cost and --head-cost go together"), one.stderr);
    }
  });

  it("accepts a live state that names no stack", async () => {
    const live = write("live.json", { deployment: { resources: [] } });
    const res = await call([base, base, "--live", live]);
    assert.equal(res.status, 0, res.stderr);
    assert.ok(res.stdout.includes("#### Drift: the live stack differs from BASE on 0 of 0 resources"));
    assert.ok(res.stdout.includes("`q`"), "the export lacks BASE's queue");
  });
});
