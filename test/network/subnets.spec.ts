import { strict as assert } from "assert";
import fc from "fast-check";
import { Address4 } from "ip-address";
import {
  capacityProblem,
  cidrsOverlap,
  planSubnets,
  requiredVpcPrefix,
  SubnetPrefixes,
} from "../../components/network/subnets";

const SLOTS = 6;
const seedPrefixes: SubnetPrefixes = { public: 24, private: 19, database: 24 };
const azs = (n: number) => [..."abcdef"].slice(0, n).map((l) => `us-east-1${l}`);

/** A random VPC CIDR, subnet sizes that fit it, and an AZ count. */
const planInput = fc
  .record({
    octets: fc.tuple(fc.integer({ min: 1, max: 223 }), fc.integer({ min: 0, max: 255 })),
    vpcPrefix: fc.integer({ min: 12, max: 20 }),
    privateExtra: fc.integer({ min: 3, max: 8 }),
    publicExtra: fc.integer({ min: 4, max: 10 }),
    databaseExtra: fc.integer({ min: 4, max: 10 }),
    azCount: fc.integer({ min: 1, max: SLOTS }),
  })
  .map((r) => {
    const base = new Address4(`${r.octets[0]}.${r.octets[1]}.0.0/${r.vpcPrefix}`).startAddress().correctForm();
    const prefixes = {
      private: r.vpcPrefix + r.privateExtra,
      public: Math.min(28, r.vpcPrefix + r.publicExtra),
      database: Math.min(28, r.vpcPrefix + r.databaseExtra),
    };
    return { vpcCidr: `${base}/${r.vpcPrefix}`, prefixes, azCount: r.azCount };
  })
  .filter((i) => capacityProblem(i.vpcCidr, i.prefixes, SLOTS) === undefined);

describe("subnet planner", () => {
  it("plans the seed layout for a /16 with 3 AZs", () => {
    const plan = planSubnets({
      vpcCidr: "10.0.0.0/16",
      availabilityZones: azs(3),
      prefixes: seedPrefixes,
      reservedSlots: SLOTS,
    });
    assert.deepEqual(
      plan.map((s) => `${s.tier}:${s.availabilityZone}:${s.cidr}`),
      [
        "private:us-east-1a:10.0.0.0/19",
        "private:us-east-1b:10.0.32.0/19",
        "private:us-east-1c:10.0.64.0/19",
        "public:us-east-1a:10.0.192.0/24",
        "public:us-east-1b:10.0.193.0/24",
        "public:us-east-1c:10.0.194.0/24",
        "database:us-east-1a:10.0.198.0/24",
        "database:us-east-1b:10.0.199.0/24",
        "database:us-east-1c:10.0.200.0/24",
      ],
    );
  });

  it("refuses a VPC that cannot hold every reserved slot", () => {
    assert.equal(requiredVpcPrefix(seedPrefixes, SLOTS), 16);
    assert.throws(
      () =>
        planSubnets({
          vpcCidr: "10.0.0.0/17",
          availabilityZones: azs(2),
          prefixes: seedPrefixes,
          reservedSlots: SLOTS,
        }),
      /10\.0\.0\.0\/17: expected a VPC of \/16 or larger/,
    );
  });

  it("property: every subnet lies inside the VPC", () => {
    fc.assert(
      fc.property(planInput, (i) => {
        const vpc = new Address4(i.vpcCidr);
        for (const s of planSubnets({
          vpcCidr: i.vpcCidr,
          availabilityZones: azs(i.azCount),
          prefixes: i.prefixes,
          reservedSlots: SLOTS,
        })) {
          assert.ok(new Address4(s.cidr).isInSubnet(vpc), `${s.cidr} outside ${i.vpcCidr}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("property: subnets are pairwise disjoint and aligned network addresses", () => {
    fc.assert(
      fc.property(planInput, (i) => {
        const plan = planSubnets({
          vpcCidr: i.vpcCidr,
          availabilityZones: azs(i.azCount),
          prefixes: i.prefixes,
          reservedSlots: SLOTS,
        });
        plan.forEach((a, x) => {
          const addr = new Address4(a.cidr);
          assert.equal(addr.startAddress().correctForm(), addr.correctForm(), `${a.cidr} is not a network address`);
          plan.slice(x + 1).forEach((b) => assert.ok(!cidrsOverlap(a.cidr, b.cidr), `${a.cidr} overlaps ${b.cidr}`));
        });
        assert.equal(plan.length, 3 * i.azCount);
      }),
      { numRuns: 300 },
    );
  });

  it("property: deterministic for the same input", () => {
    fc.assert(
      fc.property(planInput, (i) => {
        const input = {
          vpcCidr: i.vpcCidr,
          availabilityZones: azs(i.azCount),
          prefixes: i.prefixes,
          reservedSlots: SLOTS,
        };
        assert.deepEqual(planSubnets(input), planSubnets({ ...input }));
      }),
      { numRuns: 100 },
    );
  });

  it("property: adding an AZ never moves an existing subnet", () => {
    fc.assert(
      fc.property(
        planInput.filter((i) => i.azCount < SLOTS),
        (i) => {
          const before = planSubnets({
            vpcCidr: i.vpcCidr,
            availabilityZones: azs(i.azCount),
            prefixes: i.prefixes,
            reservedSlots: SLOTS,
          });
          const after = planSubnets({
            vpcCidr: i.vpcCidr,
            availabilityZones: azs(i.azCount + 1),
            prefixes: i.prefixes,
            reservedSlots: SLOTS,
          });
          for (const s of before)
            assert.deepEqual(
              after.find((t) => t.tier === s.tier && t.slot === s.slot),
              s,
            );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("cidrsOverlap detects containment both ways and disjointness", () => {
    assert.equal(cidrsOverlap("10.0.0.0/16", "10.0.128.0/17"), true);
    assert.equal(cidrsOverlap("10.0.128.0/17", "10.0.0.0/16"), true);
    assert.equal(cidrsOverlap("10.0.0.0/16", "10.1.0.0/16"), false);
  });
});
