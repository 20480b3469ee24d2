import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { runProgram } from "../../tools/engine/run";
import { evaluatePolicies, type PlanResource } from "../../policies/lib/offline";
import { statefulProtected } from "../../policies/aws/storage/stateful-protected";

/** A small program registering each option once, and one protect inherited from a parent component. */
function program(): void {
  new random.RandomPassword("plain", { length: 8 });
  new random.RandomPassword(
    "opted",
    { length: 8 },
    {
      protect: true,
      retainOnDelete: true,
      ignoreChanges: ["special"],
      deleteBeforeReplace: true,
      replaceOnChanges: ["length"],
    },
  );
  const parent = new pulumi.ComponentResource("test:index:Parent", "guarded", {}, { protect: true });
  new random.RandomPassword("child", { length: 8 }, { parent });
}

describe("engine: resource options in plan.json", () => {
  let resources: PlanResource[];
  before(async () => {
    resources = (await runProgram({ project: "p", stack: "s", config: {}, program })).resources;
  });
  const get = (name: string) => resources.find((r) => r.name === name)!;

  it("records every option as registered", () => {
    assert.deepEqual(get("opted").options, {
      protect: true,
      retainOnDelete: true,
      ignoreChanges: ["special"],
      deleteBeforeReplace: true,
      replaceOnChanges: ["length"],
    });
  });

  it("records defaults for a resource registered without options", () => {
    assert.deepEqual(get("plain").options, {
      protect: false,
      retainOnDelete: false,
      ignoreChanges: [],
      deleteBeforeReplace: false,
      replaceOnChanges: [],
    });
  });

  it("records protect inherited from the parent, as the SDK registers it", () => {
    assert.equal(get("child").options?.protect, true);
  });

  it("hands the options to policies as args.opts (protect, ignoreChanges, deleteBeforeReplace)", () => {
    const seen: unknown[] = [];
    const probe = {
      name: "probe",
      description: "records opts",
      enforcementLevel: "advisory" as const,
      validateResource: (args: { name: string; opts: unknown }) => {
        if (args.name === "opted") seen.push(args.opts);
      },
    };
    evaluatePolicies(resources, { environment: "dev", policies: [probe] });
    assert.equal(seen.length, 1);
    const opts = seen[0] as Record<string, unknown>;
    assert.equal(opts.protect, true);
    assert.deepEqual(opts.ignoreChanges, ["special"]);
    assert.equal(opts.deleteBeforeReplace, true);
  });
});

describe("policy: aws-stateful-protected (offline evaluator)", () => {
  const resource = (type: string, name: string, protect: boolean): PlanResource => ({
    urn: `urn:pulumi:prod::p::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: null,
    provider: null,
    region: "us-east-1",
    inputs: {},
    dependencies: [],
    options: { protect, retainOnDelete: false, ignoreChanges: [], deleteBeforeReplace: false, replaceOnChanges: [] },
  });
  const run = (environment: string, rs: PlanResource[]) =>
    evaluatePolicies(rs, {
      environment,
      policies: [statefulProtected()],
      stackTags: new Map([["environment", environment]]),
    });

  it("is advisory", () => assert.equal(statefulProtected().enforcementLevel, "advisory"));

  it("reports each unprotected stateful type in prod, with the way to lift protect", () => {
    const rs = [
      resource("aws:rds/globalCluster:GlobalCluster", "global", false),
      resource("aws:rds/cluster:Cluster", "db", false),
      resource("aws:elasticache/replicationGroup:ReplicationGroup", "cache", false),
      resource("aws:elasticache/globalReplicationGroup:GlobalReplicationGroup", "gcache", false),
      resource("aws:kms/key:Key", "key", false),
      resource("aws:s3/bucket:Bucket", "bucket", false),
    ];
    assert.deepEqual(
      run("prod", rs).map((v) => v.message),
      [
        'Aurora global cluster "global" must be registered with protect: true in prod (lift it with `pulumi state unprotect <urn>` before a deliberate destroy)',
        'Aurora cluster "db" must be registered with protect: true in prod (lift it with `pulumi state unprotect <urn>` before a deliberate destroy)',
        'ElastiCache replication group "cache" must be registered with protect: true in prod (lift it with `pulumi state unprotect <urn>` before a deliberate destroy)',
        'ElastiCache global datastore "gcache" must be registered with protect: true in prod (lift it with `pulumi state unprotect <urn>` before a deliberate destroy)',
        'KMS key "key" must be registered with protect: true in prod (lift it with `pulumi state unprotect <urn>` before a deliberate destroy)',
      ],
    );
  });

  it("passes protected resources in prod and anything in dev", () => {
    assert.deepEqual(run("prod", [resource("aws:kms/key:Key", "key", true)]), []);
    assert.deepEqual(run("dev", [resource("aws:kms/key:Key", "key", false)]), []);
  });
});
