import { strict as assert } from "assert";
import { formatIssue } from "../../components/config";
import { configIssues, testConfig } from "../helpers/stand-in";

/**
 * The data systems as the loader wires them: replica regions are the stack's other regions, prod
 * protects and sizes them (MSK kafka.m7g.large brokers with 500 GiB; dev kafka.t3.small with
 * 10 GiB), and cache auto scaling is judged on the cache the stack really builds (cluster mode
 * disabled; a Global Datastore member once a second region holds a secondary).
 */
const regions = [
  { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
  { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
  { name: "eu-west-1", vpcCidr: "10.2.0.0/16" },
];
const SOURCE = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoScaling.html (read 2026-12-07)";
const DISABLED = "ElastiCache auto scales cluster-mode-enabled groups only, and the cache runs cluster mode disabled";
const GLOBAL = "ElastiCache does not auto scale clusters in a Global Datastore";

describe("data systems wired by the loader", () => {
  it("DynamoDB: the other regions hold replicas; prod protects and recovers", () => {
    const dev = testConfig({ environment: "dev", regions, primaryRegion: "us-west-2", dynamodb: { enabled: true } });
    assert.deepEqual(dev.dynamodb.replicaRegions, ["us-east-1", "eu-west-1"]);
    assert.deepEqual(
      [dev.dynamodb.protect, dev.dynamodb.deletionProtection, dev.dynamodb.pointInTimeRecovery],
      [false, false, false],
    );
    const prod = testConfig({ environment: "prod", regions, dynamodb: { enabled: true } });
    assert.deepEqual(prod.dynamodb.replicaRegions, ["us-west-2", "eu-west-1"]);
    assert.deepEqual(
      [prod.dynamodb.protect, prod.dynamodb.deletionProtection, prod.dynamodb.pointInTimeRecovery],
      [true, true, true],
    );
    assert.deepEqual(
      testConfig({ environment: "dev", regions, dynamodb: { enabled: false } }).dynamodb.replicaRegions,
      [],
    );
    assert.deepEqual(
      configIssues({
        environment: "dev",
        regions,
        primaryRegion: "us-west-2",
        dynamodb: { enabled: true, replicaRegions: ["us-west-2"] },
      }).map(formatIssue),
      [
        'platform:dynamodb.replicaRegions[0]: got "us-west-2"; expected a region other than the primary (us-west-2 holds the table itself)',
      ],
    );
  });

  it("Kafka: prod brokers and storage, dev's small ones, and the stack's AZ count", () => {
    const dev = testConfig({ environment: "dev", regions: regions.slice(0, 1), kafka: { enabled: true } });
    assert.deepEqual(
      [dev.kafka.brokerInstanceType, dev.kafka.volumeSizeGiB, dev.kafka.protect],
      ["kafka.t3.small", 10, false],
    );
    const prod = testConfig({ environment: "prod", regions: regions.slice(0, 1), kafka: { enabled: true } });
    assert.deepEqual(
      [prod.kafka.brokerInstanceType, prod.kafka.volumeSizeGiB, prod.kafka.protect],
      ["kafka.m7g.large", 500, true],
    );
    const six = configIssues({
      environment: "dev",
      regions: regions.slice(0, 1),
      kafka: { enabled: true },
      network: { azCount: 6 },
    });
    assert.ok(
      six
        .map(formatIssue)
        .includes(
          "platform:network.azCount: got 6; expected 2 or 3 while platform:kafka is enabled (MSK places brokers in exactly two or three AZs)",
        ),
      six.map(formatIssue).join("\n"),
    );
  });

  it("cache auto scaling: judged on the cache as built, single- or multi-region", () => {
    const scaling = (raw: Record<string, unknown>) =>
      configIssues({ environment: "dev", cacheScaling: { enabled: true }, ...raw })
        .filter((i) => i.path.startsWith("platform:cacheScaling"))
        .map(formatIssue);
    assert.deepEqual(scaling({ regions: regions.slice(0, 1) }), [
      `platform:cacheScaling.enabled: got true; expected false: ${DISABLED} (${SOURCE})`,
    ]);
    assert.deepEqual(scaling({ regions }), [
      `platform:cacheScaling.enabled: got true; expected false: ${GLOBAL}; ${DISABLED} (${SOURCE})`,
    ]);
    assert.deepEqual(scaling({ regions, cache: { global: false } }), [
      `platform:cacheScaling.enabled: got true; expected false: ${DISABLED} (${SOURCE})`,
    ]);
    assert.deepEqual(scaling({ regions, primaryRegion: "eu-west-1", cache: { secondaryRegions: ["us-west-2"] } }), [
      `platform:cacheScaling.enabled: got true; expected false: ${GLOBAL}; ${DISABLED} (${SOURCE})`,
    ]);
    assert.deepEqual(scaling({ regions: regions.slice(0, 1), cache: { enabled: false } }), [
      "platform:cacheScaling.enabled: got true; expected false while cache.enabled is false",
    ]);
    assert.deepEqual(
      scaling({
        regions: regions.slice(0, 1),
        cache: { engine: "redis", engineVersion: "5.0.6", nodeType: "cache.r4.large" },
      }),
      [
        `platform:cacheScaling.enabled: got true; expected false: ${DISABLED}; redis 5.0.6 is older than 6.0, the first it auto scales; cache.r4.large is not a supported node type (families r7g, r6g, r6gd, r5, m7g, m6g, m5, c7gn; sizes large, xlarge, 2xlarge) (${SOURCE})`,
      ],
    );
  });
});
