import { strict as assert } from "assert";
import { configIssues, testConfig } from "../helpers/stand-in";

const THREE = [
  { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
  { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
  { name: "eu-west-1", vpcCidr: "10.2.0.0/16" },
];
const stack = (extra: Record<string, unknown>) => ({ environment: "dev", regions: THREE, ...extra });
const about = (raw: Record<string, unknown>, prefix: string) =>
  configIssues(raw).filter((i) => i.path.startsWith(prefix));

describe("data systems through the config loader", () => {
  it("leaves all three off by default", () => {
    const c = testConfig(stack({}));
    assert.equal(c.dynamodb.enabled, false);
    assert.equal(c.burstProcessor.enabled, false);
    assert.equal(c.cacheScaling.enabled, false);
    assert.deepEqual(c.dynamodb.replicaRegions, []);
  });

  it("resolves a table with replicas in every other region, and honours a shorter list", () => {
    assert.deepEqual(testConfig(stack({ dynamodb: { enabled: true } })).dynamodb.replicaRegions, [
      "us-west-2",
      "eu-west-1",
    ]);
    const c = testConfig(stack({ dynamodb: { enabled: true, replicaRegions: ["eu-west-1"] } }));
    assert.deepEqual(c.dynamodb.replicaRegions, ["eu-west-1"]);
    assert.equal(c.dynamodb.pointInTimeRecovery, false, "dev default");
  });

  it("reports a replica outside the stack with key, value and expectation", () =>
    assert.deepEqual(
      about(stack({ dynamodb: { enabled: true, replicaRegions: ["ap-south-1"] } }), "platform:dynamodb"),
      [
        {
          path: "platform:dynamodb.replicaRegions[0]",
          value: "ap-south-1",
          expected: "one of the stack's regions (us-east-1, us-west-2, eu-west-1)",
        },
      ],
    ));

  it("refuses the seed's 1000 reserved against the default quota, and accepts it with 1100", () => {
    const p = about(stack({ burstProcessor: { enabled: true } }), "platform:burstProcessor");
    assert.equal(p.length, 1);
    assert.equal(p[0].path, "platform:burstProcessor.reservedConcurrency");
    assert.equal(p[0].value, 1000);
    assert.match(p[0].expected, /^at most 900: accountConcurrencyQuota 1000 minus the 100 AWS keeps unreserved/);
    const ok = about(
      stack({ burstProcessor: { enabled: true, accountConcurrencyQuota: 1100 } }),
      "platform:burstProcessor",
    );
    assert.deepEqual(ok, []);
  });

  it("refuses cache scaling on the platform's Global Datastore, naming each AWS reason", () => {
    const p = about(stack({ cacheScaling: { enabled: true } }), "platform:cacheScaling");
    assert.equal(p.length, 1);
    assert.equal(p[0].path, "platform:cacheScaling.enabled");
    assert.match(p[0].expected, /does not auto scale clusters in a Global Datastore/);
    assert.match(p[0].expected, /cluster-mode-enabled groups only/);
  });

  it("refuses cache scaling on a single-region cache too: cluster mode disabled, and t4g is unsupported", () => {
    const one = { environment: "dev", regions: [THREE[0]], cache: { nodeType: "cache.t4g.small" } };
    const p = about({ ...one, cacheScaling: { enabled: true } }, "platform:cacheScaling");
    assert.equal(p.length, 1);
    assert.doesNotMatch(p[0].expected, /Global Datastore/);
    assert.match(p[0].expected, /cluster mode disabled/);
    assert.match(p[0].expected, /cache\.t4g\.small is not a supported node type/);
  });

  it("refuses seed 002's 10 replicas with the per-shard limit", () => {
    const p = about(stack({ cacheScaling: { maxReplicas: 10 } }), "platform:cacheScaling");
    assert.equal(p[0].path, "platform:cacheScaling.maxReplicas");
    assert.equal(p[0].value, 10);
    assert.match(p[0].expected, /^at most 5 \(ElastiCache allows 5 replicas per shard/);
  });

  it("rejects an unknown key of the section with its name", () =>
    assert.equal(about(stack({ dynamodb: { billing: "PROVISIONED" } }), "platform:dynamodb").length, 1));
});
