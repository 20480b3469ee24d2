import { strict as assert } from "node:assert";
import fc from "fast-check";
import { DEFAULT_ALLOWED_REGIONS } from "../../components/config/regions";
import { estimateCost } from "../../tools/cost/estimate";
import { EBS_PRICES, EC2_FAMILIES, EKS_PRICES, IPV4_PRICES } from "../../tools/cost/prices/compute";
import {
  AURORA_INSTANCE_FAMILIES,
  AURORA_PRICES,
  CACHE_NODE_FAMILIES,
  KMS_PRICES,
  SECRETS_PRICES,
} from "../../tools/cost/prices/data";
import { ALB_PRICES, INTER_REGION_PRICES, NAT_PRICES } from "../../tools/cost/prices/network";
import { AMP_PRICES, CLOUDWATCH_PRICES } from "../../tools/cost/prices/ops";
import { PRICED_REGIONS, type Price } from "../../tools/cost/prices/types";
import { renderReview, review } from "../../tools/review/render";
import { EKS, INSTANCE, NAT, plan, res } from "./fixtures";

const cents = (n: number) => Math.round(n * 100);

describe("cost: estimateCost", () => {
  it("prices the EKS control plane at $0.10/h x 730 h in standard support, $0.60/h in extended", () => {
    const r = estimateCost(plan([res(EKS, "us-east-1", { version: "1.35" }, "c")]), "2026-12-02");
    assert.deepEqual(
      r.lines.map((l) => [l.line, l.monthly]),
      [["EKS control plane", 73]],
    );
    assert.match(r.lines[0].basis, /^\$0\.10\/h x 730 h; Kubernetes 1\.35 in standard support until 2027-03-27$/);
    const old = estimateCost(plan([res(EKS, "eu-west-1", { version: "1.33" }, "c")]), "2026-12-02");
    assert.equal(old.monthly, 438);
    assert.match(old.lines[0].basis, /EXTENDED support from 2026-07-29/);
  });

  it("bills extended support when most of the month from asOf falls after the end of standard support", () => {
    // EKS version calendar: 1.34 standard support ends 2026-12-02; EKS pricing: $0.10/h standard, $0.60/h extended.
    const monthly = (asOf: string) =>
      estimateCost(plan([res(EKS, "us-east-1", { version: "1.34" }, "c")]), asOf).monthly;
    assert.equal(monthly("2026-11-10"), 73, "22 days left: most of the month is standard");
    assert.equal(monthly("2026-11-20"), 438, "12 days left: most of the month is extended");
    assert.equal(monthly("2026-12-10"), 438, "past the end");
  });

  // Hourly list prices on https://aws.amazon.com/vpc/pricing/ as pinned on the price date (2026-12-02):
  // $0.045 in the three US regions, $0.048 in Ireland, $0.052 in Frankfurt; x 730 h, written out here.
  const NAT_HOURS_MONTHLY: Record<string, number> = {
    "us-east-1": 32.85,
    "us-east-2": 32.85,
    "us-west-2": 32.85,
    "eu-west-1": 35.04,
    "eu-central-1": 37.96,
    // Singapore: $0.059/h (read 2026-12-07 on two third-party pages) x 730 h.
    "ap-southeast-1": 43.07,
  };
  for (const [region, expected] of Object.entries(NAT_HOURS_MONTHLY))
    it(`prices NAT gateway hours in ${region} at $${expected} a month`, () => {
      const r = estimateCost(plan([res(NAT, region, {})], { network: { natGBPerRegion: 0 } }));
      const hours = r.lines.find((l) => l.line === "NAT gateway hours")!;
      assert.equal(hours.monthly, expected);
      assert.equal(hours.region, region);
    });
  it("charges NAT data processing per GB, split across the region's gateways", () => {
    const r = estimateCost(
      plan([res(NAT, "eu-central-1", {}), res(NAT, "eu-central-1", {})], { network: { natGBPerRegion: 100 } }),
    );
    const data = r.lines.filter((l) => l.line === "NAT data processed");
    assert.deepEqual(
      data.map((l) => l.monthly),
      [2.6, 2.6],
    );
    assert.match(data[0].basis, /^50 GB x \$0\.052\/GB \(network\.natGBPerRegion 100 GB over 2 gateway\(s\)\)$/);
  });

  it("lists a resource in a region without pinned prices as unpriced, naming region and source", () => {
    const r = estimateCost(plan([res(NAT, "ap-south-1", {}, "n")]));
    assert.equal(r.monthly, 0);
    assert.deepEqual(r.unpriced[0], {
      urn: "urn:pulumi:test::platform::aws:ec2/natGateway:NatGateway::n",
      type: NAT,
      region: "ap-south-1",
      reason: "no pinned price for NAT gateway hours in ap-south-1 (see https://aws.amazon.com/vpc/pricing/)",
      kind: "price",
    });
  });

  it("makes items, regions and components add up to the total (any mix of resources)", () => {
    const kinds = [
      () => res(NAT, "us-east-1", {}),
      () => res(EKS, "eu-west-1", { version: "1.34" }),
      () => res(INSTANCE, "us-west-2", { instanceClass: "db.r7g.xlarge" }),
      () => res("aws:ec2/eip:Eip", "eu-central-1", {}),
      () => res("aws:kms/key:Key", "us-east-2", {}),
      () => res("aws:lb/loadBalancer:LoadBalancer", "us-east-1", { subnets: ["a", "b", "c"] }),
      () => res("aws:secretsmanager/secret:Secret", "us-east-1", { replicas: [{ region: "eu-west-1" }] }),
    ];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: kinds.length - 1 }), { maxLength: 25 }), (picks) => {
        const r = estimateCost(plan(picks.map((i) => kinds[i]())));
        const sum = (xs: number[]) => xs.reduce((a, b) => a + cents(b), 0);
        assert.equal(sum(r.items.map((i) => i.monthly)), cents(r.monthly));
        assert.equal(sum(r.lines.map((i) => i.monthly)), cents(r.monthly));
        assert.equal(sum(Object.values(r.byRegion)), cents(r.monthly));
        assert.equal(sum(Object.values(r.byComponent)), cents(r.monthly));
      }),
    );
  });

  it("packs the minimum replicas' requests on the cheapest allowed family, one node per AZ", () => {
    const dep = (name: string) =>
      res("kubernetes:apps/v1:Deployment", null, {
        metadata: { name, namespace: "apps" },
        spec: { template: { spec: { containers: [{ resources: { requests: { cpu: "100m", memory: "128Mi" } } }] } } },
      });
    const hpa = (name: string) =>
      res("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", null, {
        metadata: { namespace: "apps" },
        spec: { scaleTargetRef: { name }, minReplicas: 3, maxReplicas: 10 },
      });
    const pool = res("kubernetes:karpenter.sh/v1:NodePool", null, {
      spec: {
        template: {
          spec: {
            requirements: [
              { key: "karpenter.sh/capacity-type", operator: "In", values: ["on-demand"] },
              { key: "kubernetes.io/arch", operator: "In", values: ["amd64", "arm64"] },
              { key: "karpenter.k8s.aws/instance-family", operator: "In", values: ["m7i", "c7g"] },
            ],
          },
        },
      },
    });
    const region = { ...res("platform:region:Region", null, {}, "us-east-1"), custom: false };
    const kids = [
      pool,
      dep("a"),
      hpa("a"),
      dep("b"),
      hpa("b"),
      res(EKS, "us-east-1", { privateSubnetIds: ["x", "y", "z"] }),
    ];
    for (const k of kids) k.parent = region.urn;
    const r = estimateCost(plan([region, ...kids]));
    const nodes = r.lines.find((l) => l.line === "Karpenter nodes")!;
    assert.equal(nodes.monthly, Math.round(3 * 0.0725 * 730 * 100) / 100);
    assert.match(
      nodes.basis,
      /^3 x c7g\.large for 6 pods at min replicas \(requests 0\.60 vCPU, 0\.75 GiB; >= 1 node per AZ up to 3\)/,
    );
  });

  it("shows an Aurora instance class change as its monthly delta in the plan diff", () => {
    const before = plan([res(INSTANCE, "us-east-1", { instanceClass: "db.r7g.large" }, "db-1")]);
    const after = plan([res(INSTANCE, "us-east-1", { instanceClass: "db.r7g.xlarge" }, "db-1")]);
    const [b, h] = [estimateCost(before), estimateCost(after)];
    assert.equal(h.monthly - b.monthly, 201.48); // 0.276 $/h x 730 h more
    const asPlan = (p: typeof before) => ({
      ...p,
      resources: p.resources.map((r) => ({ ...r, provider: null, dependencies: [] })),
    });
    const text = renderReview(review(asPlan(before) as never, asPlan(after) as never), { baseCost: b, headCost: h });
    assert.match(text, /Monthly cost: \$201\.48 -> \$402\.96 \(\+\$201\.48\)/);
    assert.match(text, /db-1.*\$201\.48 -> \$402\.96 \(\+\$201\.48\)/);
  });
});

describe("cost: pinned prices", () => {
  const regional: [string, Price][] = Object.entries({
    ...EKS_PRICES,
    ...EBS_PRICES,
    ...IPV4_PRICES,
    ...NAT_PRICES,
    ...ALB_PRICES,
    ...INTER_REGION_PRICES,
    ...AURORA_PRICES,
    ...KMS_PRICES,
    ...SECRETS_PRICES,
    ...CLOUDWATCH_PRICES,
    ...AMP_PRICES,
    ...Object.fromEntries(Object.entries(EC2_FAMILIES).map(([k, v]) => [k, v.large])),
    ...AURORA_INSTANCE_FAMILIES,
    ...CACHE_NODE_FAMILIES,
  });
  it("cover every region the config and policy pack allow by default", () =>
    assert.deepEqual(
      DEFAULT_ALLOWED_REGIONS.filter((r) => !(PRICED_REGIONS as readonly string[]).includes(r)),
      [],
    ));
  it("give every regional price in every priced region, with an AWS pricing page as source", () => {
    for (const [name, p] of regional) {
      assert.deepEqual(
        PRICED_REGIONS.filter((r) => !(p.usd[r] > 0)),
        [],
        `${name} lacks a price in some priced region`,
      );
      assert.match(p.source, /^https:\/\/aws\.amazon\.com\//, name);
    }
  });
});
