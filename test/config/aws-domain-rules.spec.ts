import { strict as assert } from "assert";
import { formatIssue } from "../../components/config";
import {
  auroraClassMemoryGiB,
  auroraDefaultMaxConnections,
  familyArch,
  instanceTypeArch,
  otherPartitionOf,
} from "../../components/config/aws-domains";
import { regionProblem, versionAtLeast } from "../../components/config/domain-checks";
import { configIssues } from "../helpers/stand-in";

/**
 * Config values against AWS's value domains, with the limits written as the AWS pages state them
 * (read 2026-12-02): VPC sizes /16../28 (vpc-cidr-blocks.html); CloudWatch Logs retention
 * (PutRetentionPolicy); Aurora PostgreSQL global databases from 13.3, 14.3, 15.2, 16.1, 17.4 and
 * write forwarding from 14.9, 15.4 and every 16.x; ElastiCache Global Datastore from Redis OSS 5.0.6
 * or any Valkey; Graviton families carry a "g" after the generation (instance-type-names.html).
 */
const one = { environment: "dev", regions: [{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }] };
const two = {
  environment: "dev",
  regions: [
    { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
    { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
  ],
};
const at = (raw: Record<string, unknown>, path: string) =>
  configIssues(raw)
    .filter((i) => i.path === path)
    .map(formatIssue);
const FORWARDING =
  "a version with global write forwarding (the secondary regions write through it): 14.9 or a later 14.x, 15.4 or a later 15.x, or any 16.x or 17.x";

describe("config against AWS value domains", () => {
  it("VPC CIDRs larger than /16 are refused", () => {
    const vpc = (vpcCidr: string) => ({ environment: "dev", regions: [{ name: "us-east-1", vpcCidr }] });
    assert.deepEqual(at(vpc("10.0.0.0/15"), "platform:regions[0].vpcCidr"), [
      'platform:regions[0].vpcCidr: got "10.0.0.0/15"; expected a VPC CIDR between /16 and /28 (AWS\'s VPC size limits)',
    ]);
    assert.deepEqual(at(vpc("10.0.0.0/16"), "platform:regions[0].vpcCidr"), []);
  });

  it("log retention: a value CloudWatch Logs accepts, naming the nearest", () => {
    const all =
      "1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653";
    assert.deepEqual(at({ ...one, cluster: { logRetentionDays: 100 } }, "platform:cluster.logRetentionDays"), [
      `platform:cluster.logRetentionDays: got 100; expected a CloudWatch Logs retention AWS accepts (nearest: 90): one of ${all}`,
    ]);
    assert.deepEqual(
      at({ ...one, network: { flowLogs: { retentionDays: 700 } } }, "platform:network.flowLogs.retentionDays"),
      [
        `platform:network.flowLogs.retentionDays: got 700; expected a CloudWatch Logs retention AWS accepts (nearest: 731): one of ${all}`,
      ],
    );
    assert.deepEqual(at({ ...one, edge: { waf: { logRetentionDays: 2 } } }, "platform:edge.waf.logRetentionDays"), [
      `platform:edge.waf.logRetentionDays: got 2; expected a CloudWatch Logs retention AWS accepts (nearest: 1): one of ${all}`,
    ]);
    assert.deepEqual(at({ ...one, cluster: { logRetentionDays: 3653 } }, "platform:cluster.logRetentionDays"), []);
    assert.deepEqual(at({ ...one, cluster: { logRetentionDays: 545 } }, "platform:cluster.logRetentionDays"), []);
  });

  it("Aurora: global database and write forwarding minors per major, only with secondary regions", () => {
    const db = (raw: Record<string, unknown>, engineVersion: string) =>
      at({ ...raw, database: { engineVersion } }, "platform:database.engineVersion");
    for (const ok of ["14.9", "15.4", "16.1", "17.4"]) assert.deepEqual(db(two, ok), [], ok);
    assert.deepEqual(db(two, "14.8"), [`platform:database.engineVersion: got "14.8"; expected ${FORWARDING}`]);
    assert.deepEqual(db(two, "15.3"), [`platform:database.engineVersion: got "15.3"; expected ${FORWARDING}`]);
    assert.deepEqual(db(two, "13.9"), [`platform:database.engineVersion: got "13.9"; expected ${FORWARDING}`]);
    assert.deepEqual(db(two, "14.2"), [
      'platform:database.engineVersion: got "14.2"; expected 14.3 or a later 14.x: earlier minors do not support Aurora global databases',
    ]);
    assert.deepEqual(db(two, "16.0"), [
      'platform:database.engineVersion: got "16.0"; expected 16.1 or a later 16.x: earlier minors do not support Aurora global databases',
    ]);
    assert.deepEqual(db(two, "17.3"), [
      'platform:database.engineVersion: got "17.3"; expected 17.4 or a later 17.x: earlier minors do not support Aurora global databases',
    ]);
    assert.deepEqual(db(two, "12.9"), [
      'platform:database.engineVersion: got "12.9"; expected an Aurora PostgreSQL major that supports global databases (13, 14, 15, 16, 17); secondary regions make this a global database',
    ]);
    // One region, no secondaries: not a global database, any version of the right shape.
    assert.deepEqual(db(one, "14.2"), []);
    assert.deepEqual(
      at({ ...two, database: { engineVersion: "14.2", secondaryRegions: [] } }, "platform:database.engineVersion"),
      [],
    );
    assert.deepEqual(
      at({ ...two, database: { engineVersion: "14.2", enabled: false } }, "platform:database.engineVersion"),
      [],
    );
  });

  it("Aurora instance classes: the family's sizes, or the families", () => {
    assert.deepEqual(
      at({ ...one, database: { instanceClass: "db.r7g.24xlarge" } }, "platform:database.instanceClass"),
      [
        'platform:database.instanceClass: got "db.r7g.24xlarge"; expected a size this family comes in on Aurora PostgreSQL (large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge)',
      ],
    );
    const refused = at({ ...one, database: { instanceClass: "db.m5.large" } }, "platform:database.instanceClass");
    assert.equal(refused.length, 1);
    assert.match(
      refused[0],
      /expected an instance class Aurora PostgreSQL offers, like db\.r7g\.large \(families: r5, r6g, /,
    );
    assert.equal(auroraClassMemoryGiB("db.r7g.large"), 16);
    assert.equal(auroraClassMemoryGiB("db.r7g.xlarge"), 32);
    assert.equal(auroraClassMemoryGiB("db.r7g.4xlarge"), 128);
    assert.equal(auroraClassMemoryGiB("db.t4g.medium"), 4);
    assert.equal(auroraClassMemoryGiB("db.x2g.large"), 32);
    assert.equal(auroraClassMemoryGiB("db.r7g.medium"), undefined);
    assert.equal(auroraClassMemoryGiB("r7g.large"), undefined);
    // LEAST(DBInstanceClassMemory/9531392, 5000): 16 GiB gives 1802; 128 GiB hits the 5000 cap.
    assert.equal(auroraDefaultMaxConnections(16), 1802);
    assert.equal(auroraDefaultMaxConnections(128), 5000);
  });

  it("ElastiCache: the engine's versions, with the Redis/Valkey hint, and the Global Datastore minimum", () => {
    const cache = (raw: Record<string, unknown>, c: Record<string, unknown>) =>
      at({ ...raw, cache: c }, "platform:cache.engineVersion");
    assert.deepEqual(cache(two, { engine: "redis", engineVersion: "7.2" }), [
      'platform:cache.engineVersion: got "7.2"; expected a Redis OSS version ElastiCache offers (4.0.10, 5.0.6, 6.0, 6.2, 7.0, 7.1); Redis OSS on ElastiCache stops at 7.1; for 7.2 and later set cache.engine to "valkey"',
    ]);
    assert.deepEqual(cache(two, { engine: "valkey", engineVersion: "7.1" }), [
      'platform:cache.engineVersion: got "7.1"; expected a Valkey version ElastiCache offers (7.2, 8.0, 8.1, 8.2, 9.0, 9.1); Valkey on ElastiCache starts at 7.2; for older versions set cache.engine to "redis"',
    ]);
    assert.deepEqual(cache(two, { engine: "valkey", engineVersion: "9.2" }), [
      'platform:cache.engineVersion: got "9.2"; expected a Valkey version ElastiCache offers (7.2, 8.0, 8.1, 8.2, 9.0, 9.1)',
    ]);
    assert.deepEqual(cache(two, { engine: "redis", engineVersion: "4.0.10" }), [
      'platform:cache.engineVersion: got "4.0.10"; expected 5.0.6 or later: Global Datastore needs Redis OSS 5.0.6+',
    ]);
    assert.deepEqual(cache(two, { engine: "redis", engineVersion: "5.0.6" }), []);
    assert.deepEqual(cache(one, { engine: "redis", engineVersion: "4.0.10" }), []);
    assert.deepEqual(cache(two, { engine: "redis", engineVersion: "4.0.10", global: false }), []);
    assert.deepEqual(cache(two, { engine: "redis", engineVersion: "4.0.10", enabled: false }), []);
  });

  it("versionAtLeast compares numerically, part by part", () => {
    assert.equal(versionAtLeast("7.2", "7.2"), true);
    assert.equal(versionAtLeast("7.10", "7.2"), true);
    assert.equal(versionAtLeast("7.1", "7.2"), false);
    assert.equal(versionAtLeast("5.0.6", "5.0.6"), true);
    assert.equal(versionAtLeast("5.0", "5.0.6"), false);
    assert.equal(versionAtLeast("6", "5.0.6"), true);
    assert.equal(versionAtLeast("10.0", "9.9"), true);
  });

  it("instance architectures: Graviton families carry a g after the generation", () => {
    for (const f of ["m7g", "c6gn", "r8gd", "im4gn", "is4gen", "x2gd", "hpc7g", "a1", "mac2"])
      assert.equal(familyArch(f), "arm64", f);
    for (const f of ["m7i", "c5", "r6id", "t3a", "mac1"]) assert.equal(familyArch(f), "amd64", f);
    assert.equal(familyArch("m"), undefined);
    assert.equal(familyArch("7g"), undefined);
    assert.equal(instanceTypeArch("m7g.large"), "arm64");
    assert.equal(instanceTypeArch("large"), undefined);
  });

  it("system node instance types must match the AMI type's architecture", () => {
    const ng = (amiType: string, instanceTypes: string[]) => ({
      ...one,
      cluster: { systemNodeGroup: { amiType, instanceTypes } },
    });
    const path = "platform:cluster.systemNodeGroup.instanceTypes[0]";
    assert.deepEqual(at(ng("AL2023_x86_64_STANDARD", ["m7g.large"]), path), [
      'platform:cluster.systemNodeGroup.instanceTypes[0]: got "m7g.large"; expected an amd64 instance type for amiType AL2023_x86_64_STANDARD (m7g.large is arm64); pick the AL2023_ARM_64_STANDARD AMI type or amd64 instances',
    ]);
    assert.deepEqual(at(ng("AL2023_ARM_64_STANDARD", ["m7i.large"]), path), [
      'platform:cluster.systemNodeGroup.instanceTypes[0]: got "m7i.large"; expected an arm64 instance type for amiType AL2023_ARM_64_STANDARD (m7i.large is amd64); pick the AL2023_x86_64_STANDARD AMI type or arm64 instances',
    ]);
    assert.deepEqual(at(ng("AL2023_ARM_64_STANDARD", ["m7g.large"]), path), []);
    assert.deepEqual(at(ng("AL2023_ARM_64_STANDARD", ["mx.large"]), path), [
      'platform:cluster.systemNodeGroup.instanceTypes[0]: got "mx.large"; expected an EC2 instance type of a known family, like m7i.large or m7g.large',
    ]);
  });

  it("Karpenter pools: known families, and an architecture one of them has", () => {
    const pool = (p: Record<string, unknown>) => ({ ...one, karpenter: { nodePools: [{ name: "general", ...p }] } });
    assert.deepEqual(
      at(pool({ instanceFamilies: ["m7i", "zz"] }), "platform:karpenter.nodePools[0].instanceFamilies[1]"),
      [
        'platform:karpenter.nodePools[0].instanceFamilies[1]: got "zz"; expected an EC2 instance family like m7i or m7g',
      ],
    );
    assert.deepEqual(
      at(
        pool({ instanceFamilies: ["m7g", "c7g"], architectures: ["amd64"] }),
        "platform:karpenter.nodePools[0].architectures",
      ),
      [
        'platform:karpenter.nodePools[0].architectures: got ["amd64"]; expected an architecture of at least one of its instanceFamilies (m7g: arm64, c7g: arm64); as written, NodePool "general" can never launch a node',
      ],
    );
    assert.deepEqual(
      at(
        pool({ instanceFamilies: ["m7g", "m7i"], architectures: ["amd64"] }),
        "platform:karpenter.nodePools[0].architectures",
      ),
      [],
    );
  });

  it("allowed regions: known aws-partition names, us-east-1 among them while the edge is on", () => {
    const allowed = (allowedRegions: string[], extra: Record<string, unknown> = {}) =>
      configIssues({ ...one, allowedRegions, ...extra })
        .filter((i) => i.path.startsWith("platform:allowedRegions"))
        .map(formatIssue);
    assert.deepEqual(allowed(["us-east-1", "eu-west-1"]), []);
    assert.deepEqual(allowed(["us-east-1", "eu-west-9", "cn-north-1"]), [
      'platform:allowedRegions[1]: got "eu-west-9"; expected a known AWS region name like us-east-1',
      'platform:allowedRegions[2]: got "cn-north-1"; expected a region in the aws partition: cn-north-1 is in the aws-cn partition, and this program supports only the aws partition (its ARNs and service principals)',
    ]);
    assert.deepEqual(allowed(["eu-west-1"]), [
      'platform:allowedRegions: got ["eu-west-1"]; expected a list including us-east-1 while edge is enabled (CloudFront\'s certificate and WAF live there)',
    ]);
    assert.deepEqual(allowed(["eu-west-1"], { edge: { enabled: false } }), []);
    const outside = configIssues({ ...one, allowedRegions: ["eu-west-1"], edge: { enabled: false } }).map(formatIssue);
    assert.deepEqual(outside, [
      'platform:regions[0].name: got "us-east-1"; expected a region in platform:allowedRegions (eu-west-1); to deploy there, add it to platform:allowedRegions (the aws-allowed-regions policy checks the same list)',
    ]);
  });

  it("regions of other partitions are refused by name", () => {
    assert.equal(otherPartitionOf("cn-north-1"), "aws-cn");
    assert.equal(otherPartitionOf("us-gov-west-1"), "aws-us-gov");
    assert.equal(otherPartitionOf("us-isob-east-1"), "aws-iso-b");
    assert.equal(otherPartitionOf("us-east-1"), undefined);
    assert.equal(
      regionProblem("cn-north-1"),
      "a region in the aws partition: cn-north-1 is in the aws-cn partition, and this program supports only the aws partition (its ARNs and service principals)",
    );
    assert.equal(regionProblem("eu-west-1"), undefined);
  });
});
