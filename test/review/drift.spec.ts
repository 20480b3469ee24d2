import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ReviewPlan, ReviewResource } from "../../tools/review/changes";
import { driftReport, readLiveState, type LiveState } from "../../tools/review/drift";
import { runCommand } from "../../tools/plan/command";
import { DIFF_COMMAND, runDiff } from "../../tools/diff";
import { ROOT } from "../helpers/plan";

/**
 * Drift against the live stack, offline: the fixtures are a `pulumi stack export` and a
 * `pulumi preview --refresh --json` of prod (engine-form URNs, secrets as the CLI writes them,
 * real ids), in which three things were changed outside Pulumi: the Aurora backup retention
 * (14 -> 7 days), the cache's Name tag and the user-service image; the engine version moved
 * too, which the cluster ignores.
 */
const FIXTURES = path.join(__dirname, "fixtures");
const live = (file: string): LiveState => {
  const l = readLiveState(JSON.parse(fs.readFileSync(path.join(FIXTURES, file), "utf8")));
  assert.ok(typeof l !== "string", String(l));
  return l;
};

const res = (type: string, parent: string, name: string, inputs: Record<string, unknown>, ignore: string[] = []) =>
  ({
    urn: `urn:pulumi:prod::platform::${parent}$${type}::${name}`,
    type,
    name,
    custom: true,
    parent: null,
    provider: null,
    region: type.startsWith("kubernetes:") ? null : "us-east-1",
    inputs,
    dependencies: [],
    options: { ignoreChanges: ignore },
  }) as ReviewResource;

const BASE: ReviewPlan = {
  stack: "prod",
  violations: [],
  resources: [
    res(
      "aws:rds/cluster:Cluster",
      "platform:data:GlobalDatabase",
      "database-us-east-1-cluster",
      {
        backupRetentionPeriod: 14,
        clusterIdentifier: "platform-prod-use1-aurora",
        deletionProtection: true,
        engineVersion: "16.13",
        kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/database-us-east-1-key",
        masterPassword: "[secret]",
        preferredMaintenanceWindow: "sun:05:00-sun:06:00",
        vpcSecurityGroupIds: ["database-us-east-1-sg-id"],
      },
      ["engineVersion"],
    ),
    res("aws:elasticache/replicationGroup:ReplicationGroup", "platform:data:GlobalCache", "cache-us-east-1-group", {
      maintenanceWindow: "sun:05:00-sun:06:00",
      nodeType: "cache.r7g.large",
      numCacheClusters: 3,
      snapshotRetentionLimit: 7,
      tags: { Name: "cache-primary" },
    }),
    res("kubernetes:apps/v1:Deployment", "platform:workloads:Workloads", "us-east-1-workloads-deploy-user-service", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "user-service", namespace: "apps" },
      spec: { template: { spec: { containers: [{ name: "app", image: "registry.example/user-service:1.4.0" }] } } },
    }),
    res("aws:sqs/queue:Queue", "platform:workloads:Workloads", "us-east-1-workloads-jobs", { name: "jobs" }),
  ],
};
const report = (l: LiveState) => driftReport(BASE, l, (r) => r.region);
const summary = (l: LiveState) =>
  report(l).drifted.map((d) => [
    d.name,
    d.changes.map((c) => [c.path, c.old, c.new]),
    d.ignored.map((c) => [c.path, c.old, c.new]),
  ]);

const EXPECTED = [
  ["database-us-east-1-cluster", [["backupRetentionPeriod", 7, 14]], [["engineVersion", "16.14", "16.13"]]],
  ["cache-us-east-1-group", [["tags.Name", "cache-primary-renamed", "cache-primary"]], []],
  [
    "us-east-1-workloads-deploy-user-service",
    [
      [
        "spec.template.spec.containers[name=app].image",
        "registry.example/user-service:1.4.1",
        "registry.example/user-service:1.4.0",
      ],
    ],
    [],
  ],
];

describe("review: drift against the live stack", () => {
  it("reads a stack export: the three changes made outside Pulumi, the ignored one apart, nothing made up", () => {
    const l = live("live-prod.export.json");
    assert.equal(l.stack, "prod");
    // Providers and the root stack are not resources to compare.
    assert.deepEqual(l.resources.map((r) => r.type).sort(), [
      "aws:elasticache/replicationGroup:ReplicationGroup",
      "aws:rds/cluster:Cluster",
      "kubernetes:apps/v1:Deployment",
    ]);
    assert.deepEqual(summary(l), EXPECTED);
    const r = report(l);
    assert.equal(r.compared, 3);
    assert.deepEqual(r.missing, [{ name: "us-east-1-workloads-jobs", type: "aws:sqs/queue:Queue" }]);
  });

  it("reads a preview the same way: the last step's old state, create steps as absent", () => {
    // The fixture's first step is the refresh of the Aurora cluster (old: the stale 14 days).
    const l = live("live-prod.preview.json");
    assert.deepEqual(summary(l), EXPECTED);
    assert.deepEqual(report(l).missing, [{ name: "us-east-1-workloads-jobs", type: "aws:sqs/queue:Queue" }]);
    // Without --show-sames an unchanged resource has no step: not compared, and not called missing.
    const partial = { ...l, resources: l.resources.filter((r) => !r.type.startsWith("kubernetes:")), absent: [] };
    assert.deepEqual(report(partial).missing, []);
    assert.equal(report(partial).compared, 2);
  });

  it("reports no drift when the live values equal BASE's (numbers written as strings included)", () => {
    const same = live("live-prod.export.json");
    const db = same.resources.find((r) => r.type === "aws:rds/cluster:Cluster")!;
    db.values = { ...db.values, backupRetentionPeriod: "14", engineVersion: "16.13" };
    const cache = same.resources.find((r) => r.type.startsWith("aws:elasticache"))!;
    cache.values = { ...cache.values, tags: { Name: "cache-primary", CreatedBy: "console" } };
    const dep = same.resources.find((r) => r.type.startsWith("kubernetes:"))!;
    dep.values = JSON.parse(JSON.stringify(dep.values).replace("1.4.1", "1.4.0"));
    assert.deepEqual(report(same).drifted, []);
  });

  it("refuses a file that is neither", () => {
    assert.match(
      String(readLiveState({ name: "x" })),
      /^no deployment\.resources and no steps; expected the output of `pulumi stack export`/,
    );
  });

  describe("npm run diff -- BASE HEAD --live FILE", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drift-"));
    const write = (name: string, plan: ReviewPlan) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, JSON.stringify({ project: "platform", outputs: {}, ...plan }));
      return f;
    };
    const base = write("base.json", BASE);
    async function call(argv: string[]) {
      let [stdout, stderr] = ["", ""];
      const io = {
        rootDir: ROOT,
        cwd: ROOT,
        env: {},
        stdout: (t: string) => (stdout += t),
        stderr: (t: string) => (stderr += t),
      };
      const status = await runCommand(DIFF_COMMAND, argv, io, runDiff);
      return { status, stdout, stderr };
    }

    it("adds the drift section after Needs attention", async () => {
      const fixture = path.join(FIXTURES, "live-prod.export.json");
      const r = await call([base, base, "--live", fixture]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /#### Drift: the live stack differs from BASE on 3 of 3 resources\n/);
      assert.ok(
        r.stdout.includes(
          "- `database-us-east-1-cluster` (`aws:rds/cluster:Cluster`, us-east-1): `backupRetentionPeriod` live `7`, code `14`: " +
            'the next `pulumi up` sets it back; `engineVersion` live `"16.14"`, code `"16.13"`: ignored (ignoreChanges), stays as it is',
        ),
        r.stdout,
      );
      assert.match(r.stdout, /- 1 resource of BASE is not in the live stack .*`us-east-1-workloads-jobs`/);
      assert.ok(r.stdout.indexOf("Needs attention") < r.stdout.indexOf("#### Drift"));
    });

    it("refuses another stack's state and a file that is no state, in one line with exit 2", async () => {
      const devBase = write("dev.json", { ...BASE, stack: "dev" });
      const other = await call([devBase, devBase, "--live", path.join(FIXTURES, "live-prod.export.json")]);
      assert.equal(other.status, 2);
      assert.match(
        other.stderr,
        /^diff: .*live-prod\.export\.json: is the state of stack "prod"; BASE is stack "dev"\n$/,
      );
      const wrong = await call([base, base, "--live", "package.json"]);
      assert.equal(wrong.status, 2);
      assert.match(wrong.stderr, /^diff: package\.json: no deployment\.resources and no steps; expected/);
    });
  });
});
