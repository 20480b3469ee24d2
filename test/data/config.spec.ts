import { strict as assert } from "assert";
import { ConfigError, formatIssue } from "../../components/config";
import { loadStandIn } from "../helpers/stand-in";

const ctx = { project: "platform", stack: "prod" };
const regions = [
  { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
  { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
  { name: "eu-west-1", vpcCidr: "10.2.0.0/16" },
];

/** The data-tier problems for a config (other sections' problems filtered out). */
function problems(extra: Record<string, unknown>, regionList = regions): string[] {
  const raw = Object.fromEntries(
    Object.entries({ environment: "prod", regions: regionList, primaryRegion: "us-east-1", ...extra }).map(([k, v]) => [
      `platform:${k}`,
      JSON.stringify(v),
    ]),
  );
  try {
    loadStandIn(raw, ctx);
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.issues.map(formatIssue).filter((m) => /^platform:(database|cache)/.test(m));
  }
}

describe("data tier config: bad input", () => {
  it("accepts the defaults", () => assert.deepEqual(problems({}), []));

  it("rejects the primary or an unknown region among the secondaries", () => {
    assert.deepEqual(
      problems({
        database: { secondaryRegions: ["us-east-1", "ap-south-1"] },
        cache: { secondaryRegions: ["us-east-1"] },
      }),
      [
        'platform:database.secondaryRegions[0]: got "us-east-1"; expected a region other than the primary region (the primary holds the writer)',
        'platform:database.secondaryRegions[1]: got "ap-south-1"; expected one of the configured regions (us-east-1, us-west-2, eu-west-1)',
        'platform:cache.secondaryRegions[0]: got "us-east-1"; expected a region other than the primary region (the primary holds the writer)',
      ],
    );
  });

  it("rejects more than 5 Aurora secondaries and more than 2 cache secondaries", () => {
    const many = ["us-west-2", "eu-west-1", "us-east-2", "us-west-1", "eu-central-1", "eu-west-2"];
    const list = [regions[0], ...many.map((name, i) => ({ name, vpcCidr: `10.${i + 1}.0.0/16` }))];
    assert.deepEqual(
      problems({ database: { secondaryRegions: many }, cache: { secondaryRegions: many.slice(0, 3) } }, list),
      [
        `platform:database.secondaryRegions: got ${JSON.stringify(many)}; expected at most 5 secondary regions (AWS limit)`,
        'platform:cache.secondaryRegions: got ["us-west-2","eu-west-1","us-east-2"]; expected at most 2 secondary regions (AWS limit)',
      ],
    );
  });

  it("rejects burstable and pre-m5/r5 node types for a global datastore, and burstable Aurora classes for a global database", () => {
    assert.deepEqual(
      problems({ cache: { nodeType: "cache.t4g.small" }, database: { instanceClass: "db.t4g.medium" } }),
      [
        'platform:database.instanceClass: got "db.t4g.medium"; expected a non-burstable class (db.r*/db.x*): Aurora Global Database does not support db.t*',
        'platform:cache.nodeType: got "cache.t4g.small"; expected a non-burstable node type (cache.m*/cache.r*): Global Datastore does not support cache.t*',
      ],
    );
    assert.deepEqual(problems({ cache: { nodeType: "cache.r4.large" } }), [
      'platform:cache.nodeType: got "cache.r4.large"; expected a node type of the m5/r5 generation or newer (Global Datastore does not support older ones)',
    ]);
  });

  it("allows burstable types without a global datastore (dev)", () =>
    assert.deepEqual(
      problems({ cache: { nodeType: "cache.t4g.small" }, database: { instanceClass: "db.t4g.medium" } }, [regions[0]]),
      [],
    ));

  it("rejects readers.min above readers.max", () =>
    assert.deepEqual(problems({ database: { readers: { min: 4, max: 2 } } }), [
      "platform:database.readers.min: got 4; expected at most readers.max (2)",
    ]));

  it("rejects an instance class Aurora PostgreSQL does not offer, without pointing to a bypass", () => {
    assert.deepEqual(problems({ database: { instanceClass: "db.z1d.large" } }), [
      'platform:database.instanceClass: got "db.z1d.large"; expected an instance class Aurora PostgreSQL offers, like db.r7g.large (families: r5, r6g, r6i, r7g, r7i, r8g, x2g, t3, t4g)',
    ]);
    assert.deepEqual(problems({ database: { instanceClass: "db.z1d.large", instanceMemoryGiB: 16 } }).length, 1);
    assert.deepEqual(problems({ database: { instanceClass: "db.r7g.48xlarge" } }), [
      'platform:database.instanceClass: got "db.r7g.48xlarge"; expected a size this family comes in on Aurora PostgreSQL (large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge)',
    ]);
  });

  it("rejects a global cache without secondaries and engine versions the engine/Global Datastore cannot run", () => {
    assert.deepEqual(
      problems({ cache: { global: true, secondaryRegions: [], engine: "valkey", engineVersion: "7.0" } }),
      [
        "platform:cache.secondaryRegions: got []; expected at least one region when cache.global is true (a Global Datastore needs a secondary)",
        'platform:cache.engineVersion: got "7.0"; expected a Valkey version ElastiCache offers (7.2, 8.0, 8.1, 8.2, 9.0, 9.1); Valkey on ElastiCache starts at 7.2; for older versions set cache.engine to "redis"',
      ],
    );
    assert.deepEqual(problems({ cache: { engine: "redis", engineVersion: "5.0" } }), [
      'platform:cache.engineVersion: got "5.0"; expected a Redis OSS version ElastiCache offers (4.0.10, 5.0.6, 6.0, 6.2, 7.0, 7.1)',
    ]);
    assert.deepEqual(problems({ cache: { engine: "redis", engineVersion: "4.0.10" } }), [
      'platform:cache.engineVersion: got "4.0.10"; expected 5.0.6 or later: Global Datastore needs Redis OSS 5.0.6+',
    ]);
  });

  it("rejects a writerRegion that holds no member of the store", () =>
    assert.deepEqual(
      problems({
        database: { writerRegion: "ap-south-1" },
        // eu-west-1 is left without a member on purpose (its pods use the writer's cache).
        cache: { secondaryRegions: ["us-west-2"], writerRegion: "eu-west-1", regionsWithoutMember: "use-writer" },
      }),
      [
        'platform:database.writerRegion: got "ap-south-1"; expected a region holding a database member (us-east-1, us-west-2, eu-west-1)',
        'platform:cache.writerRegion: got "eu-west-1"; expected a region holding a cache member (us-east-1, us-west-2)',
      ],
    ));
});

describe("data tier config: resolved once", () => {
  const resolve = (environment: string, extra: Record<string, unknown> = {}) => {
    const raw = { environment, regions, primaryRegion: "us-east-1", ...extra };
    const flat = Object.fromEntries(Object.entries(raw).map(([k, v]) => [`platform:${k}`, JSON.stringify(v)]));
    try {
      return loadStandIn(flat, { ...ctx, stack: environment });
    } catch (err) {
      // Other sections may require keys this spec does not care about; the data sections still resolve.
      throw new Error(err instanceof ConfigError ? err.issues.map(formatIssue).join("\n") : String(err), {
        cause: err,
      });
    }
  };

  it("protects prod's data tier by default, and nothing elsewhere unless asked", () => {
    const prod = resolve("prod");
    assert.deepEqual([prod.database.protect, prod.cache.protect], [true, true]);
    const dev = resolve("dev", { cluster: { deployer: { egressCidrs: ["203.0.113.0/24"] } } });
    assert.deepEqual([dev.database.protect, dev.cache.protect], [false, false]);
    const lifted = resolve("prod", { database: { protect: false } });
    assert.deepEqual([lifted.database.protect, lifted.cache.protect], [false, true]);
  });

  it("puts the writer in the primary region until told otherwise, and defaults to Aurora PostgreSQL 16.13", () => {
    const c = resolve("prod", { database: { writerRegion: "us-west-2" } });
    assert.deepEqual([c.database.writerRegion, c.cache.writerRegion], ["us-west-2", "us-east-1"]);
    assert.equal(c.database.engineVersion, "16.13");
  });
});
