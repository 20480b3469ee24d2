import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { runProgram } from "../../tools/engine/run";
import { evaluatePolicies, type PlanResource } from "../../policies/lib/offline";
import { statefulProtected } from "../../policies/aws/storage/stateful-protected";

/** A small program registering each option once, and one protect inherited from a parent component. */
function program(): void {
  const plain = new random.RandomPassword("plain", { length: 8 });
  const opted = new random.RandomPassword(
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
  // A component renamed with an alias, a child that inherits it, a child moved in from the top level.
  const group = new pulumi.ComponentResource("test:index:Group", "group-new", {}, { aliases: [{ name: "group-old" }] });
  new random.RandomPassword("group-new-pw", { length: 8 }, { parent: group });
  new random.RandomPassword("moved", { length: 8 }, { parent: group, aliases: [{ parent: undefined }] });
  new random.RandomPassword("legacy", { length: 8 }, { aliases: ["urn:pulumi:s::p::x:y:Z::legacy"] });
  new random.RandomPassword("after", { length: plain.length }, { dependsOn: [opted] });
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
      aliases: [],
      dependsOn: [],
    });
  });

  it("records defaults for a resource registered without options", () => {
    assert.deepEqual(get("plain").options, {
      protect: false,
      retainOnDelete: false,
      ignoreChanges: [],
      deleteBeforeReplace: false,
      replaceOnChanges: [],
      aliases: [],
      dependsOn: [],
    });
  });

  it("records protect inherited from the parent, as the SDK registers it", () => {
    assert.equal(get("child").options?.protect, true);
  });

  it("resolves aliases to URNs as the engine does: renamed component, inherited by children, moved child", () => {
    const P = "urn:pulumi:s::p::";
    const PW = "random:index/randomPassword:RandomPassword";
    assert.deepEqual(get("group-new").options?.aliases, [`${P}test:index:Group::group-old`]);
    // The child's name starts with its parent's, so the engine renames it with the parent's alias.
    assert.deepEqual(get("group-new-pw").options?.aliases, [`${P}test:index:Group$${PW}::group-old-pw`]);
    // What its parent's alias implies for it is its own URN (the parent kept its type): not an alias.
    assert.deepEqual(get("moved").options?.aliases, [`${P}${PW}::moved`]);
    assert.deepEqual(get("legacy").options?.aliases, ["urn:pulumi:s::p::x:y:Z::legacy"]);
    assert.deepEqual(get("plain").options?.aliases, []);
  });

  it("records the explicit dependsOn apart from dependencies carried by inputs", () => {
    const after = get("after");
    assert.deepEqual(after.options?.dependsOn, [get("opted").urn]);
    assert.deepEqual([...after.dependencies].sort(), [get("opted").urn, get("plain").urn].sort());
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
