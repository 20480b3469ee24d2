import { strict as assert } from "node:assert";
import { estimateCost } from "../../tools/cost/estimate";
import { plan, res } from "../cost/fixtures";
import { planFor } from "../helpers/plan";

const FS = "aws:efs/fileSystem:FileSystem";
const BACKUP = "aws:efs/backupPolicy:BackupPolicy";
const withParent = (r: ReturnType<typeof res>, parent: string) => ({ ...r, parent });
const fs = (region: string, gib?: string, extra: Record<string, unknown> = {}) =>
  withParent(res(FS, region, { tags: gib ? { "platform.io/cost-storage-gib": gib } : {}, ...extra }), "jenkins");
const backup = (region: string, status = "ENABLED") =>
  withParent(res(BACKUP, region, { backupPolicy: { status } }), "jenkins");
const lines = (resources: ReturnType<typeof res>[]) => estimateCost(plan(resources));

describe("Jenkins cost (EFS and AWS Backup list prices, us-east-1)", () => {
  it("prices the assumed home size: 50 GiB x $0.30 storage and x $0.05 backups", () => {
    const r = lines([fs("us-east-1", "50"), backup("us-east-1")]);
    const by = Object.fromEntries(r.lines.map((l) => [l.line, l.monthly]));
    // EFS Standard $0.30/GB-month (aws.amazon.com/efs/pricing); AWS Backup EFS warm $0.05/GB-month.
    assert.equal(by["EFS storage"], 15);
    assert.equal(by["EFS backups"], 2.5);
  });

  it("backups off cost nothing; no size assumption or an EU region is listed unpriced, not guessed", () => {
    assert.deepEqual(
      lines([fs("us-east-1", "50"), backup("us-east-1", "DISABLED")]).lines.map((l) => l.line),
      ["EFS storage"],
    );
    const none = lines([fs("us-east-1")]);
    assert.deepEqual(none.lines, []);
    assert.match(none.unpriced[0].reason, /size assumption/);
    const eu = lines([fs("eu-west-1", "50")]);
    assert.deepEqual(eu.lines, []);
    assert.match(eu.unpriced[0].reason, /no pinned price for EFS Standard storage in eu-west-1/);
  });

  it("elastic throughput: storage priced, the per-GB transfer named as not estimated", () => {
    const r = lines([fs("us-east-1", "10", { throughputMode: "elastic" })]);
    assert.deepEqual(
      r.lines.map((l) => [l.line, l.monthly]),
      [["EFS storage", 3]],
    );
    assert.match(r.unpriced[0].reason, /elastic throughput/);
  });

  it("in the dev plan: the 20 GiB default, backups, CodeBuild minutes; the EFS claim is not priced as gp3", async () => {
    const { plan: p } = await planFor("dev");
    const report = estimateCost(p as never);
    const jenkins = report.lines.filter((l) => l.component === "platform:jenkins:Jenkins");
    const by = Object.fromEntries(jenkins.map((l) => [l.line, l.monthly]));
    assert.equal(by["EFS storage"], 6);
    assert.equal(by["EFS backups"], 1);
    assert.equal(by["CodeBuild minutes"], 6);
    assert.ok(!jenkins.some((l) => /gp3/.test(l.basis)), "the home claim binds the EFS volume");
  });
});
