import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import fc from "fast-check";
import { PeeringMesh } from "../../components/network/peering";
import { planPeeringMesh, peersOf, type MeshRegion } from "../../components/network/peering-plan";
import { runProgram, type ProgramRun } from "../../tools/engine/run";
import { ALONE, named } from "../helpers/stand-in";

const REGION_NAMES = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "eu-west-1",
  "eu-central-1",
  "ap-southeast-2",
  "ap-northeast-1",
];
/** 1..8 distinct regions, each with its own /16 (10.<i>.0.0/16), in random order. */
const regionsArb = fc
  .shuffledSubarray(
    REGION_NAMES.map((name, i) => ({ name, vpcCidr: `10.${i}.0.0/16` })),
    { minLength: 1 },
  )
  .chain((rs) => fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }));

const unordered = (a: string, b: string) => [a, b].sort().join("|");

describe("peering planner", () => {
  it("plans the prod mesh: 3 pairs, the lower region name requests, 6 routes", () => {
    const plan = planPeeringMesh([
      { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
      { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
      { name: "eu-west-1", vpcCidr: "10.2.0.0/16" },
    ]);
    assert.deepEqual(plan.pairs, [
      { key: "eu-west-1-us-east-1", requester: "eu-west-1", accepter: "us-east-1" },
      { key: "eu-west-1-us-west-2", requester: "eu-west-1", accepter: "us-west-2" },
      { key: "us-east-1-us-west-2", requester: "us-east-1", accepter: "us-west-2" },
    ]);
    assert.deepEqual(peersOf(plan, "us-west-2"), [
      { peer: "eu-west-1", cidr: "10.2.0.0/16" },
      { peer: "us-east-1", cidr: "10.0.0.0/16" },
    ]);
    assert.equal(plan.routes.length, 6);
  });

  it("plans nothing for one region", () =>
    assert.deepEqual(planPeeringMesh([{ name: "us-east-1", vpcCidr: "10.10.0.0/16" }]), { pairs: [], routes: [] }));

  it("has every unordered pair exactly once and no self-peering", () =>
    fc.assert(
      fc.property(regionsArb, (regions) => {
        const { pairs } = planPeeringMesh(regions);
        const n = regions.length;
        assert.equal(pairs.length, (n * (n - 1)) / 2);
        const seen = new Set(pairs.map((p) => unordered(p.requester, p.accepter)));
        assert.equal(seen.size, pairs.length, "no pair twice, in either direction");
        for (const p of pairs) assert.notEqual(p.requester, p.accepter);
        for (const a of regions)
          for (const b of regions) if (a.name !== b.name) assert.ok(seen.has(unordered(a.name, b.name)));
      }),
    ));

  it("routes every region to every other region's VPC range through their pair", () =>
    fc.assert(
      fc.property(regionsArb, (regions) => {
        const plan = planPeeringMesh(regions);
        const pairByKey = new Map(plan.pairs.map((p) => [p.key, p]));
        assert.equal(plan.routes.length, regions.length * (regions.length - 1));
        for (const r of regions) {
          const mine = plan.routes.filter((x) => x.region === r.name);
          const expected = regions.filter((o) => o.name !== r.name);
          assert.deepEqual(mine.map((x) => x.destinationCidr).sort(), expected.map((o) => o.vpcCidr).sort());
          for (const route of mine) {
            const pair = pairByKey.get(route.pairKey)!;
            assert.deepEqual([pair.requester, pair.accepter].sort(), [route.region, route.peer].sort());
            assert.notEqual(route.destinationCidr, r.vpcCidr);
          }
        }
      }),
    ));

  it("does not depend on the order regions are listed in", () =>
    fc.assert(
      fc.property(regionsArb, (regions) =>
        assert.deepEqual(planPeeringMesh(regions), planPeeringMesh([...regions].reverse())),
      ),
    ));

  it("keeps existing pairs (names and requesters) when a region is added", () =>
    fc.assert(
      fc.property(regionsArb, fc.nat(), (regions, pick) => {
        fc.pre(regions.length >= 2);
        const added = regions[pick % regions.length];
        const before = planPeeringMesh(regions.filter((r) => r !== added));
        const after = planPeeringMesh(regions);
        for (const p of before.pairs)
          assert.ok(after.pairs.some((q) => q.key === p.key && q.requester === p.requester));
        assert.equal(after.pairs.length - before.pairs.length, regions.length - 1, "only the new region's pairs");
        const old = new Set(before.pairs.map((p) => p.key));
        const fresh = after.pairs.filter((p) => !old.has(p.key));
        assert.ok(fresh.every((p) => p.requester === added.name || p.accepter === added.name));
      }),
    ));

  it("refuses overlapping VPC ranges and a region listed twice", () => {
    const overlap: MeshRegion[] = [
      { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
      { name: "us-west-2", vpcCidr: "10.0.128.0/17" },
    ];
    assert.throws(
      () => planPeeringMesh(overlap),
      /^Error: peering: us-east-1 10\.0\.0\.0\/16 overlaps us-west-2 10\.0\.128\.0\/17; peered VPC ranges must be disjoint$/,
    );
    assert.throws(
      () => planPeeringMesh([overlap[0], { name: "us-east-1", vpcCidr: "10.9.0.0/16" }]),
      /region us-east-1 is listed twice/,
    );
  });
});

describe("PeeringMesh on the mock engine", () => {
  let run: ProgramRun;
  const regions = [
    { name: "us-west-2", cidr: "10.1.0.0/16" },
    { name: "us-east-1", cidr: "10.0.0.0/16" },
    { name: "eu-west-1", cidr: "10.2.0.0/16" },
  ];
  before(async () => {
    run = await runProgram({
      ...ALONE,
      program: () => {
        new PeeringMesh("peering", {
          namePrefix: "platform-test",
          regions: regions.map((r) => ({
            name: r.name,
            provider: new aws.Provider(r.name, { region: r.name as aws.Region }),
            vpcId: `vpc-${r.name}`,
            vpcCidr: r.cidr,
            routeTables: [
              { role: "private-0", id: `rtb-${r.name}-p0` },
              { role: "private-1", id: `rtb-${r.name}-p1` },
              { role: "database", id: `rtb-${r.name}-db` },
            ],
          })),
        });
        return {};
      },
    });
  });

  it("requests in the requester region with peerRegion and accepts in the accepter region", () => {
    const conn = named(run.resources, "peering-us-east-1-us-west-2");
    assert.equal(conn.type, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection");
    assert.equal(conn.region, "us-east-1");
    assert.equal(conn.inputs.vpcId, "vpc-us-east-1");
    assert.equal(conn.inputs.peerVpcId, "vpc-us-west-2");
    assert.equal(conn.inputs.peerRegion, "us-west-2");
    assert.equal(conn.inputs.autoAccept, undefined, "inter-region requesters cannot auto-accept");
    const accept = named(run.resources, "peering-us-east-1-us-west-2-accept");
    assert.equal(accept.type, "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter");
    assert.equal(accept.region, "us-west-2");
    assert.equal(accept.inputs.autoAccept, true);
    assert.ok(accept.dependencies.includes(conn.urn));
  });

  it("adds a route to each peer in every private and database table, after acceptance", () => {
    const routes = run.resources.filter((r) => r.type === "aws:ec2/route:Route");
    assert.equal(routes.length, 3 * 2 * 3); // regions x peers x tables
    const r = named(run.resources, "peering-us-west-2-to-eu-west-1-database");
    assert.equal(r.region, "us-west-2");
    assert.equal(r.inputs.routeTableId, "rtb-us-west-2-db");
    assert.equal(r.inputs.destinationCidrBlock, "10.2.0.0/16");
    const accept = named(run.resources, "peering-eu-west-1-us-west-2-accept");
    assert.ok(r.dependencies.includes(accept.urn), "the route waits for the accepted connection");
    assert.ok(r.inputs.vpcPeeringConnectionId);
  });
});
