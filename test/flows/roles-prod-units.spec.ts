import { strict as assert } from "assert";
import { evaluateFlows, REQUIRED_FLOWS } from "../../tools/flows";
import type { PlanResource } from "../../policies/lib/offline";
import { plannedResources } from "./planned";

/**
 * The role resolvers across prod's three regions (Pulumi.prod.yaml: us-east-1 the writer region,
 * us-west-2 and eu-west-1 secondaries). Expected from the sources the roles cite: Aurora secondaries
 * take writes on their reader endpoint through global write forwarding (AWS,
 * aurora-global-database-write-forwarding.html) and the primary region's apps use the global writer
 * endpoint; Global Datastore secondaries are read-only, so every region writes to the primary
 * cache; the in-VPC CodeBuild deployer and previewer reach each private API endpoint.
 */
let prod: readonly PlanResource[];
const only = (rs: readonly PlanResource[], ...ids: string[]) =>
  evaluateFlows(
    rs,
    REQUIRED_FLOWS.filter((r) => ids.includes(r.id)),
  );
const key = (via: string[] | undefined) => via?.find((v) => v.includes("#data."))?.split("#data.")[1];
const activity = (region: string) => `${region} activity-service pods`;

describe("flows units: the role resolvers across prod's regions", function () {
  this.timeout(300_000);
  // Mutation runs select single tests: the hook, not a test, loads prod's resources.
  before(async () => {
    prod = await plannedResources("prod");
  });

  it("the in-VPC deployer and previewer reach every region's private API endpoint", () => {
    const flows = only(prod, "deployer-cluster-api");
    assert.deepEqual(
      flows.map((f) => `${f.from} -> ${f.to}: ${f.ok}`),
      ["us-east-1", "us-west-2", "eu-west-1"].flatMap((region, i) =>
        ["deployer", "previewer"].map(
          (p) =>
            `deployer (CodeBuild us-east-1-cluster-${p}, us-east-1) -> ${region} cluster API (platform-prod-${["use1", "usw2", "euw1"][i]}): true`,
        ),
      ),
    );
    assert.ok(flows[2].via!.some((v) => v.endsWith("::peering-us-east-1-us-west-2-accept")));
    assert.ok(flows[0].via!.some((v) => v.endsWith("#endpointPrivateAccess")));
  });

  it("writes: the global writer in the writer region, write forwarding on the secondaries' reader endpoint", () => {
    const writes = only(prod, "apps-database-writer").filter((f) => f.from.includes("activity-service"));
    assert.deepEqual(
      writes.map((f) => [f.from, f.to, key(f.via)]),
      [
        [
          activity("us-east-1"),
          "us-east-1 Aurora writer (write forwarding on secondaries)",
          "DATABASE_GLOBAL_WRITER_HOST",
        ],
        [activity("us-west-2"), "us-west-2 Aurora writer (write forwarding on secondaries)", "DATABASE_READER_HOST"],
        [activity("eu-west-1"), "eu-west-1 Aurora writer (write forwarding on secondaries)", "DATABASE_READER_HOST"],
      ],
    );
  });

  it("a secondary without write forwarding has no host its apps write to", () => {
    const rs = structuredClone([...prod]) as PlanResource[];
    const secondary = rs.find((r) => r.type === "aws:rds/cluster:Cluster" && r.region === "us-west-2")!;
    secondary.inputs.enableGlobalWriteForwarding = false;
    const f = only(rs, "apps-database-writer").find((x) => x.from === activity("us-west-2"))!;
    assert.equal(f.ok, false);
    assert.ok(
      f.reason!.startsWith("the network path holds, but no key of the data-endpoints ConfigMap names "),
      f.reason,
    );
    assert.ok(f.reason!.endsWith(".cluster-mock.us-west-2.rds.amazonaws.com, so apps do not use it"), f.reason);
  });

  it("cache writes go to the primary region's cache over the peering; reads stay local", () => {
    const primary = only(prod, "apps-cache-primary").filter((f) => f.from.includes("activity-service"));
    assert.deepEqual(
      primary.map((f) => [f.from, f.to, key(f.via), f.ok]),
      ["us-east-1", "us-west-2", "eu-west-1"].map((r) => [
        activity(r),
        "us-east-1 cache primary (Global Datastore writer)",
        "REDIS_WRITER_HOST",
        true,
      ]),
    );
    assert.ok(primary[1].via!.some((v) => v.endsWith("::peering-us-east-1-us-west-2")));
    const replicas = only(prod, "apps-cache-replicas").filter((f) => f.from.includes("activity-service"));
    assert.deepEqual(
      replicas.map((f) => [f.to, key(f.via)]),
      ["us-east-1", "us-west-2", "eu-west-1"].map((r) => [`${r} cache replicas`, "REDIS_READER_HOST"]),
    );
  });

  it("the cache writer's name that follows a promotion is one of the primary's hosts", () => {
    const rs = structuredClone([...prod]) as PlanResource[];
    const cnames = rs.filter((r) => r.type === "aws:route53/record:Record" && r.inputs.type === "CNAME");
    for (const r of cnames) r.inputs.type = "A";
    const f = only(rs, "apps-cache-primary").find((x) => x.from === activity("us-west-2"))!;
    assert.deepEqual([f.ok, f.reason?.startsWith("the network path holds, but no key")], [false, true]);
  });
});
