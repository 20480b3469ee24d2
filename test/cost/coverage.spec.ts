import { strict as assert } from "node:assert";
import fc from "fast-check";
import { estimateCost } from "../../tools/cost/estimate";
import { costSummaryLine, renderCostTable } from "../../tools/cost/report";
import type { CostResource } from "../../tools/cost/types";
import { NAT, plan, res } from "./fixtures";

const ALB = "aws:lb/loadBalancer:LoadBalancer";
/** A billed AWS type nobody classified: no rule, not free, not in the not-estimated table. */
const PLANTED = "aws:opensearch/domain:Domain";

const component = (type: string, name: string): CostResource => ({ ...res(type, null, {}, name), custom: false });

describe("cost: coverage", () => {
  it("counts a planted billed type with no rule as unpriced and lists it by type and region", () => {
    const r = estimateCost(
      plan([
        res(NAT, "us-east-1", {}),
        res(PLANTED, "eu-west-1", {}, "search"),
        res("aws:iam/role:Role", "us-east-1", {}),
        component("platform:network:Vpc", "vpc"),
        res("pulumi:providers:aws", null, {}),
      ]),
    );
    const { byType, ...counts } = r.coverage;
    // Components and providers are not resources (the plan summary does not count them either).
    assert.deepEqual(counts, { resources: 3, estimated: 1, free: 1, unpriced: 1, regionsWithoutPrices: [] });
    assert.deepEqual(byType.unpriced, [
      { type: PLANTED, region: "eu-west-1", count: 1, reason: `no pricing rule for ${PLANTED}` },
    ]);
    assert.deepEqual(byType.estimated, [{ type: NAT, region: "us-east-1", count: 1 }]);
    assert.deepEqual(byType.free, [
      {
        type: "aws:iam/role:Role",
        region: "us-east-1",
        count: 1,
        reason: "IAM roles, policies and attachments carry no charge",
      },
    ]);
    assert.equal(r.unpriced[0].kind, "rule");
    assert.match(
      renderCostTable(r),
      /\nCoverage: 3 resources: 1 estimated, 1 free, 1 unpriced \(cost\.json lists them/,
    );
    assert.match(costSummaryLine(r), /; 3 resources: 1 estimated, 1 free, 1 unpriced$/);
  });

  it("gives every free resource a reason: the FREE table or the rule that found nothing billed", () => {
    const r = estimateCost(
      plan([
        res("aws:ec2/vpcEndpoint:VpcEndpoint", "us-east-1", { vpcEndpointType: "Gateway" }),
        res("aws:route53/record:Record", null, { aliases: [{ name: "d.cloudfront.net" }] }),
        res("kubernetes:core/v1:ConfigMap", null, {}),
      ]),
    );
    assert.deepEqual(
      r.coverage.byType.free.map((e) => [e.type, e.reason]),
      [
        ["aws:ec2/vpcEndpoint:VpcEndpoint", "gateway endpoint (S3, DynamoDB): no hourly or per-GB charge"],
        [
          "aws:route53/record:Record",
          "alias record to CloudFront or an ELB: Route53 answers its queries free of charge",
        ],
        [
          "kubernetes:core/v1:ConfigMap",
          "an object inside the cluster: billed as the nodes, volumes and load balancers it runs on (priced on those)",
        ],
      ],
    );
  });

  it("counts an ALB where no price is pinned as unpriced, with the reason, never as a $0 line", () => {
    const r = estimateCost(plan([res(ALB, "ap-south-1", { subnets: ["a", "b"] }, "lb")]));
    assert.deepEqual([r.coverage.estimated, r.coverage.free, r.coverage.unpriced], [0, 0, 1]);
    assert.deepEqual(r.lines, []);
    assert.match(r.coverage.byType.unpriced[0].reason!, /^no pinned price for ALB hours in ap-south-1 \(see https:/);
  });

  // Each kind with the class the AWS pricing pages put it in (not what the code says): NAT gateways and
  // ALBs in us-east-1 are billed and pinned; IAM roles and Kubernetes objects are not billed; an
  // OpenSearch domain is billed without a rule here; a NAT gateway in ap-south-1 has no pinned price.
  const KINDS: { make: () => CostResource; cls: "estimated" | "free" | "unpriced" | "none" }[] = [
    { make: () => res(NAT, "us-east-1", {}), cls: "estimated" },
    { make: () => res(ALB, "us-east-1", { subnets: ["a"] }), cls: "estimated" },
    { make: () => res("aws:kms/key:Key", "eu-west-1", {}), cls: "estimated" },
    { make: () => res("aws:iam/role:Role", null, {}), cls: "free" },
    { make: () => res("kubernetes:core/v1:Service", null, {}), cls: "free" },
    { make: () => res("aws:ec2/securityGroup:SecurityGroup", "us-west-2", {}), cls: "free" },
    { make: () => res(PLANTED, "us-east-1", {}), cls: "unpriced" },
    { make: () => res(NAT, "ap-south-1", {}), cls: "unpriced" },
    { make: () => res("aws:sqs/queue:Queue", "us-east-1", {}), cls: "unpriced" },
    { make: () => component("platform:region:Region", "r"), cls: "none" },
    { make: () => res("pulumi:providers:aws", null, {}), cls: "none" },
  ];

  it("estimated + free + unpriced = the plan's resources, for any mix (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: KINDS.length - 1 }), { maxLength: 30 }), (picks) => {
        const c = estimateCost(plan(picks.map((i) => KINDS[i].make()))).coverage;
        const expected = (cls: string) => picks.filter((i) => KINDS[i].cls === cls).length;
        assert.equal(c.estimated + c.free + c.unpriced, c.resources);
        assert.equal(c.resources, picks.filter((i) => KINDS[i].cls !== "none").length);
        assert.deepEqual(
          [c.estimated, c.free, c.unpriced],
          [expected("estimated"), expected("free"), expected("unpriced")],
        );
        const listed = (xs: { count: number }[]) => xs.reduce((n, e) => n + e.count, 0);
        assert.deepEqual(
          [listed(c.byType.estimated), listed(c.byType.free), listed(c.byType.unpriced)],
          [c.estimated, c.free, c.unpriced],
        );
      }),
    );
  });
});

describe("cost: regions without prices", () => {
  it("flags the region, its resources and the traffic share its unpriced ALB takes from the others", () => {
    const r = estimateCost(
      plan([
        res(ALB, "us-east-1", { subnets: ["a", "b"] }, "use1"),
        res(ALB, "ap-south-1", { subnets: ["a", "b"] }, "aps1"),
        res(NAT, "ap-south-1", {}, "nat"),
      ]),
    );
    assert.deepEqual(r.coverage.regionsWithoutPrices, [
      {
        region: "ap-south-1",
        resources: 2,
        types: [NAT, ALB],
        trafficShare: 0.5,
        trafficUnpriced: true,
      },
    ]);
    const text = renderCostTable(r);
    assert.match(
      text,
      /\n {2}NOT PRICED: ap-south-1: 2 resources without a pinned price there, not in the total \(ec2\/natGateway:NatGateway, lb\/loadBalancer:LoadBalancer\); it takes 50\.0 % of the traffic: lines that follow traffic in the other regions fall by that share/,
    );
    assert.match(costSummaryLine(r), /\n {2}NOT PRICED: ap-south-1: 2 resources/);
  });

  it("says nothing when every region is priced", () => {
    const r = estimateCost(plan([res(NAT, "eu-central-1", {})]));
    assert.deepEqual(r.coverage.regionsWithoutPrices, []);
    assert.doesNotMatch(renderCostTable(r), /NOT PRICED/);
  });
});
