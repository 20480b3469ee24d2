import { strict as assert } from "assert";
import { REQUIRED_TAG_KEYS } from "../../components/tags";
import { byUrn, inRegion, ofType, planFor, planWith } from "../helpers/plan";
import type { PlanResource } from "../../tools/engine/run";

/** The region named by the Region component a resource sits under. */
function regionAncestor(r: PlanResource, all: Map<string, PlanResource>): string | null {
  let cur: PlanResource | undefined = r;
  while (cur) {
    if (cur.type === "platform:region:Region") return cur.name;
    cur = cur.parent ? all.get(cur.parent) : undefined;
  }
  return null;
}

describe("stacks on the mock engine", () => {
  it("prod has three VPCs, one per region, with the configured CIDRs", async () => {
    const { plan } = await planFor("prod");
    const vpcs = ofType(plan, "aws:ec2/vpc:Vpc");
    assert.deepEqual(vpcs.map((v) => [v.region, v.inputs.cidrBlock]).sort(), [
      ["eu-west-1", "10.2.0.0/16"],
      ["us-east-1", "10.0.0.0/16"],
      ["us-west-2", "10.1.0.0/16"],
    ]);
  });

  it("dev has one VPC in us-east-1", async () => {
    const { plan } = await planFor("dev");
    assert.deepEqual(
      ofType(plan, "aws:ec2/vpc:Vpc").map((v) => v.region),
      ["us-east-1"],
    );
  });

  for (const stack of ["dev", "prod"]) {
    it(`${stack}: every AWS resource is bound to an explicit provider of its region`, async () => {
      const { plan, config } = await planFor(stack);
      const all = byUrn(plan);
      const aws = plan.resources.filter((r) => r.custom && r.type.startsWith("aws:"));
      assert.ok(aws.length > 20);
      for (const r of aws) {
        assert.ok(r.provider, `${r.urn} has no provider`);
        const provider = all.get(r.provider!)!;
        assert.equal(provider.type, "pulumi:providers:aws", `${r.urn} provider ${r.provider}`);
        assert.ok(!provider.name.startsWith("default"), `${r.urn} uses a default provider`);
        const expected = regionAncestor(r, all) ?? r.region; // global resources choose their region explicitly
        assert.equal(r.region, expected, `${r.urn} is in ${r.region}, expected ${expected}`);
        assert.ok(
          config.regions.some((x) => x.name === r.region) || r.region === "us-east-1",
          `${r.urn} in unexpected region ${r.region}`,
        );
      }
    });

    it(`${stack}: every AWS provider carries the required default tags`, async () => {
      const { plan } = await planFor(stack);
      const providers = ofType(plan, "pulumi:providers:aws");
      assert.ok(providers.length >= 1);
      for (const p of providers) {
        const tags = (p.inputs.defaultTags as { tags: Record<string, string> }).tags;
        for (const key of REQUIRED_TAG_KEYS) assert.ok(tags[key], `${p.name} lacks tag ${key}`);
        assert.equal(tags.region, p.inputs.region);
        assert.equal(tags.stack, stack);
      }
    });
  }

  it("prod: three AZs per region with NAT per AZ, private subnets tagged for Karpenter and internal ELBs", async () => {
    const { plan } = await planFor("prod");
    for (const region of ["us-east-1", "us-west-2", "eu-west-1"]) {
      const subnets = inRegion(ofType(plan, "aws:ec2/subnet:Subnet"), region);
      assert.equal(subnets.length, 9);
      assert.deepEqual([...new Set(subnets.map((s) => s.inputs.availabilityZone))].sort(), [
        `${region}a`,
        `${region}b`,
        `${region}c`,
      ]);
      assert.equal(inRegion(ofType(plan, "aws:ec2/natGateway:NatGateway"), region).length, 3);
      const priv = subnets.filter((s) => (s.inputs.tags as Record<string, string>)["platform.io/tier"] === "private");
      for (const s of priv) {
        const tags = s.inputs.tags as Record<string, string>;
        assert.match(tags["karpenter.sh/discovery"], /^platform-prod-/);
        assert.equal(tags["kubernetes.io/role/internal-elb"], "1");
        assert.equal(s.inputs.mapPublicIpOnLaunch, false);
      }
      assert.equal(inRegion(ofType(plan, "aws:ec2/flowLog:FlowLog"), region).length, 1);
      // S3's, and DynamoDB's in every region holding the table or a replica (all three in prod).
      assert.deepEqual(
        inRegion(ofType(plan, "aws:ec2/vpcEndpoint:VpcEndpoint"), region)
          .filter((e) => e.inputs.vpcEndpointType === "Gateway")
          .map((e) => e.inputs.serviceName)
          .sort(),
        [`com.amazonaws.${region}.dynamodb`, `com.amazonaws.${region}.s3`],
      );
    }
  });

  it("dev: two AZs behind a single NAT gateway", async () => {
    const { plan } = await planFor("dev");
    assert.equal(ofType(plan, "aws:ec2/subnet:Subnet").length, 6);
    assert.equal(ofType(plan, "aws:ec2/natGateway:NatGateway").length, 1);
    const routes = ofType(plan, "aws:ec2/route:Route").filter((r) => r.inputs.natGatewayId);
    assert.equal(new Set(routes.map((r) => r.inputs.natGatewayId)).size, 1);
    assert.equal(routes.length, 2);
  });

  it("database subnets have no route to the internet", async () => {
    const { plan } = await planFor("prod");
    const dbTables = ofType(plan, "aws:ec2/routeTable:RouteTable").filter((t) => t.name.endsWith("-database-rt"));
    assert.equal(dbTables.length, 3);
    const routes = ofType(plan, "aws:ec2/route:Route");
    for (const t of dbTables) {
      const mine = routes.filter((r) => r.dependencies.includes(t.urn));
      // Only the peer VPCs (inter-region peering, README: private connectivity), never a gateway or NAT.
      assert.deepEqual(
        mine.map((r) => [r.inputs.destinationCidrBlock, Boolean(r.inputs.vpcPeeringConnectionId)]).sort(),
        ["10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16"]
          .filter(
            (c) =>
              c !== { "us-east-1": "10.0.0.0/16", "us-west-2": "10.1.0.0/16", "eu-west-1": "10.2.0.0/16" }[t.region!],
          )
          .map((c) => [c, true]),
        `${t.name} routes`,
      );
      for (const r of mine) assert.ok(!r.inputs.gatewayId && !r.inputs.natGatewayId, `${r.name} leaves the network`);
    }
  });

  it("records output-derived dependencies (a subnet depends on its VPC)", async () => {
    const { plan } = await planFor("dev");
    const vpc = ofType(plan, "aws:ec2/vpc:Vpc")[0];
    for (const s of ofType(plan, "aws:ec2/subnet:Subnet")) assert.ok(s.dependencies.includes(vpc.urn));
  });

  it("adding a region moves no existing subnet", async () => {
    const { plan: before } = await planFor("prod");
    const regions = [
      { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
      { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
      { name: "eu-west-1", vpcCidr: "10.2.0.0/16" },
      { name: "ap-southeast-1", vpcCidr: "10.3.0.0/16" },
    ];
    // A region outside the default allowed list (the seed regions) must be allowed explicitly.
    const allowedRegions = regions.map((r) => r.name);
    // The fourth region has no Global Datastore member (at most two secondaries): an explicit choice.
    const cache = { regionsWithoutMember: "use-writer" };
    const { plan: after, error } = await planWith("prod", { regions, allowedRegions, cache });
    assert.equal(error, undefined);
    const cidrs = (p: typeof before) =>
      new Map(ofType(p, "aws:ec2/subnet:Subnet").map((s) => [s.urn, s.inputs.cidrBlock]));
    const a = cidrs(after!);
    for (const [urn, cidr] of cidrs(before)) assert.equal(a.get(urn), cidr, urn);
    assert.equal(ofType(after!, "aws:ec2/vpc:Vpc").length, 4);
  });
});
