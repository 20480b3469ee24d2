import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DataTier, type DataRegionInput } from "../../components/data";
import { runProgram, type PlanResource, type ProgramRun } from "../../tools/engine/run";
import { ALONE, named, testConfig } from "../helpers/stand-in";

const REGIONS = [
  { name: "us-east-1", short: "use1", cidr: "10.0.0.0/16" },
  { name: "us-west-2", short: "usw2", cidr: "10.1.0.0/16" },
  { name: "eu-west-1", short: "euw1", cidr: "10.2.0.0/16" },
];

/** A region as the data tier reads it, without EKS: its cluster security group is a plain group. */
function region(r: (typeof REGIONS)[number]): DataRegionInput {
  const provider = new aws.Provider(r.short, { region: r.name as aws.Region });
  const clusterSg = new aws.ec2.SecurityGroup(`${r.short}-cluster-sg`, { vpcId: "vpc-1" }, { provider });
  return {
    name: r.name,
    provider,
    vpc: {
      vpcId: pulumi.output(`vpc-${r.short}`),
      cidrBlock: r.cidr,
      publicSubnetIds: [],
      peeredRouteTables: [],
      privateSubnetIds: [],
      databaseSubnetIds: [pulumi.output("subnet-a"), pulumi.output("subnet-b")],
      privateSubnetCidrs: [r.cidr.replace(".0.0/16", ".0.0/19")],
    },
    alarmTopic: { arn: pulumi.output(`arn:aws:sns:${r.name}:1:alarms`), keyArn: pulumi.output("k") },
    cluster: { clusterSecurityGroupId: clusterSg.id },
  };
}

function configWith(extra: Record<string, unknown> = {}) {
  return testConfig({
    environment: "dev",
    regions: REGIONS.map((r) => ({ name: r.name, vpcCidr: r.cidr })),
    primaryRegion: "us-east-1",
    // Not what this spec is about; the cluster section needs a deployer location.
    cluster: { deployer: { egressCidrs: ["203.0.113.0/24"] } },
    ...extra,
  });
}

/** The data tier alone, plus stand-ins for its consumers: per region an IAM-like consumer of the
 * secret ARNs and the ConnectionInfo the ConfigMap is built from. */
function runDataTier(config: ReturnType<typeof configWith>): Promise<ProgramRun> {
  return runProgram({
    ...ALONE,
    program: () => {
      const parent = new pulumi.ComponentResource("platform:test:Root", "root");
      const regions = Object.fromEntries(REGIONS.map((r) => [r.name, region(r)]));
      const data = new DataTier(config, regions, parent);
      for (const r of REGIONS) {
        const arns = data.secretArns(r.name);
        const provider = regions[r.name].provider;
        const body = (b: pulumi.Input<string>) => ({ dashboardName: "x", dashboardBody: b });
        new aws.cloudwatch.Dashboard(
          `${r.short}-consumer`,
          body(pulumi.interpolate`${arns.database},${arns.cacheAuth}`),
          {
            provider,
          },
        );
        new aws.cloudwatch.Dashboard(
          `${r.short}-env`,
          body(data.connectionInfo(r.name).apply((i) => JSON.stringify(i))),
          {
            provider,
          },
        );
      }
      return {};
    },
  });
}

const envOf = (run: ProgramRun, short: string) =>
  JSON.parse(String(named(run.resources, `${short}-env`).inputs.dashboardBody));

describe("DataTier: per-region secret ARNs and write paths (mock engine)", () => {
  let run: ProgramRun;
  const config = configWith();
  before(async () => (run = await runDataTier(config)));

  const byName = (n: string) => named(run.resources, n);
  const deps = (r: PlanResource) => r.dependencies.map((u) => run.resources.find((x) => x.urn === u)!.name).sort();

  it("lets a region's secret consumers depend on the two secrets only", () => {
    for (const r of REGIONS)
      assert.deepEqual(deps(byName(`${r.short}-consumer`)), ["cache-auth-secret", "database-master-secret"]);
  });

  it("hands out each region's own replica ARN", () => {
    const [db, cache] = String(byName("euw1-consumer").inputs.dashboardBody).split(",");
    assert.match(db, /^arn:aws:secretsmanager:eu-west-1:/);
    assert.match(cache, /^arn:aws:secretsmanager:eu-west-1:/);
  });

  it("writes to the global writer endpoint and the cache writer name everywhere; secondaries also forward", () => {
    const primary = envOf(run, "use1");
    assert.equal(primary.writeForwarding, false);
    assert.match(primary.writerEndpoint, /\.global-mock\.global\.rds\.amazonaws\.com$/);
    assert.equal(primary.redisWriterEndpoint, "cache-writer.platform-test.internal");
    for (const short of ["usw2", "euw1"]) {
      const e = envOf(run, short);
      assert.equal(e.writeForwarding, true, short);
      assert.equal(e.writerEndpoint, primary.writerEndpoint, `${short} writes to the endpoint that follows the writer`);
      assert.match(e.readerEndpoint, new RegExp(`^platform-test-${short}-aurora\\.cluster-ro-mock\\.`));
      assert.equal(e.globalWriterEndpoint, primary.writerEndpoint);
      assert.equal(e.redisWriterEndpoint, "cache-writer.platform-test.internal");
      assert.equal(e.redisReaderEndpoint, `replica.platform-test-${short}-cache.mock.${short}.cache.amazonaws.com`);
    }
  });

  it("does not protect outside prod unless asked", () => {
    assert.equal(byName("database-global").options?.protect ?? false, false);
    assert.equal(config.database.protect, false);
  });
});

describe("DataTier after a promotion: writerRegion moves the write paths and the promotion set, renames no data resource", () => {
  let before_: ProgramRun;
  let after: ProgramRun;
  before(async () => {
    before_ = await runDataTier(configWith());
    after = await runDataTier(
      configWith({ database: { writerRegion: "us-west-2", protect: true }, cache: { writerRegion: "us-west-2" } }),
    );
  });

  it("forwards from every cluster but the writer's; cache writes keep the name that follows the writer", () => {
    const forwarding = Object.fromEntries(
      after.resources
        .filter((r) => r.type === "aws:rds/cluster:Cluster")
        .map((c) => [c.region, c.inputs.enableGlobalWriteForwarding]),
    );
    assert.deepEqual(forwarding, { "us-east-1": true, "us-west-2": false, "eu-west-1": true });
    for (const short of ["use1", "usw2", "euw1"])
      assert.equal(envOf(after, short).redisWriterEndpoint, "cache-writer.platform-test.internal", short);
    assert.equal(envOf(after, "usw2").writeForwarding, false);
  });

  it("keeps every data resource's name; the promotion set follows the writer; protects on request outside prod", () => {
    const names = (r: ProgramRun) => r.resources.map((x) => x.urn).sort();
    // A region is promoted only while it is not the writer (docs/failover.md): recording us-west-2 as
    // the writer drops its document, role and policy and, as it was the standby, its writer-lost alarm;
    // us-east-1 gets them (the first target, so the new standby). eu-west-1's set stays.
    const promotion = (r: string) =>
      [
        `aws:cloudwatch/metricAlarm:MetricAlarm::writer-promotion-${r}-trigger`,
        `aws:iam/role:Role::writer-promotion-${r}-role`,
        `aws:iam/rolePolicy:RolePolicy::writer-promotion-${r}-policy`,
        `aws:ssm/document:Document::writer-promotion-${r}-document`,
      ].map((t) => `urn:pulumi:test::platform::platform:failover:WriterPromotion$${t}`);
    const [dropped, added] = [promotion("us-west-2"), promotion("us-east-1")];
    assert.deepEqual(
      names(before_).filter((u) => dropped.includes(u)),
      dropped,
    );
    assert.deepEqual(
      names(after).filter((u) => added.includes(u)),
      added,
    );
    assert.deepEqual(
      names(after).filter((u) => !added.includes(u)),
      names(before_).filter((u) => !dropped.includes(u)),
    );
    assert.equal(named(after.resources, "database-global").options?.protect, true);
    assert.equal(named(after.resources, "cache-us-east-1-group").options?.protect ?? false, false);
  });
});
