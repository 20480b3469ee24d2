import { strict as assert } from "assert";
import { diffPlans, renderReview, review } from "../../tools/diff-lib";
import { spawnSync } from "child_process";
import { planFor, planWith, ROOT, TS_REGISTER } from "../helpers/plan";

describe("offline plan diff", () => {
  it("a plan against itself is empty", async () => {
    const { plan } = await planFor("dev");
    const d = diffPlans(plan, plan);
    assert.deepEqual([d.added.length, d.removed.length, d.changed.length], [0, 0, 0]);
    const text = renderReview(review(plan, plan));
    assert.match(
      text,
      /^### Offline plan review for `dev`\n\n\*\*0 to create, 0 to update, 0 to replace, 0 to delete, \d+ unchanged\*\*\n/,
    );
    assert.match(text, /No resource changes\.\n$/);
  });

  it("names exactly what a config change touches", async () => {
    const { plan: base } = await planFor("dev");
    const { plan: head } = await planWith("dev", {
      network: { azCount: 2, natGateways: "single", flowLogs: { retentionDays: 30 } },
    });
    const d = diffPlans(base, head!);
    assert.deepEqual(d.added, []);
    assert.deepEqual(d.removed, []);
    assert.deepEqual(
      d.changed.map((c) => [c.type, c.paths]),
      [["aws:cloudwatch/logGroup:LogGroup", ["inputs.retentionInDays"]]],
    );
    assert.match(
      renderReview(review(base, head!)),
      /\| ~ \| `us-east-1-network-flow-logs` \| `aws:cloudwatch\/logGroup:LogGroup` \| us-east-1 \| `retentionInDays`: `14` → `30` \|/,
    );
  });

  it("lists added and removed resources when an AZ is added", async () => {
    const { plan: base } = await planFor("dev");
    const { plan: head } = await planWith("dev", {
      network: { azCount: 3, natGateways: "single", flowLogs: { retentionDays: 14 } },
    });
    const d = diffPlans(base, head!);
    const addedSubnets = d.added
      .filter((r) => r.type === "aws:ec2/subnet:Subnet")
      .map((r) => r.inputs.availabilityZone);
    assert.deepEqual(addedSubnets, ["us-east-1c", "us-east-1c", "us-east-1c"]);
    assert.deepEqual(d.removed, []);
    assert.ok(
      d.changed.every((c) => c.type !== "aws:ec2/subnet:Subnet"),
      "existing subnets unchanged",
    );
  });
});

describe("npm run diff (CLI)", () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["-r", TS_REGISTER, "tools/diff.ts", ...args], {
      cwd: ROOT,
      encoding: "utf8",
    });

  it("names a missing plan and the expected input, without a stack trace", () => {
    const r = run("nope/base.json", "nope/head.json");
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "diff: nope/base.json: not found (expected a plan.json written by npm run plan)\n");
  });

  it("rejects a cost report on one side only and an unknown flag", () => {
    assert.equal(run("a", "b", "--base-cost", "c.json").stderr, "diff: --base-cost and --head-cost go together\n");
    assert.match(run("a", "b", "--colour").stderr, /^diff: unknown argument --colour; usage: npm run diff -- /);
  });
});
