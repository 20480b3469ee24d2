import { strict as assert } from "assert";
import { costDelta, costSection, money, type CostCoverage, type CostReport } from "../../tools/review/cost";

/**
 * The review's cost section (tools/review/cost.ts): the delta of two cost reports, its largest
 * contributors, both sides' coverage, regions without prices (new ones flagged) and types newly
 * not estimated, on hand-written reports.
 */
const U = (name: string) => `urn:pulumi:prod::platform::aws:x/y:Y::${name}`;
const item = (name: string, monthly: number, region: string | null = "us-east-1") => ({
  urn: U(name),
  type: "aws:x/y:Y",
  region,
  monthly,
});
const coverage = (over: Partial<CostCoverage> = {}): CostCoverage => ({
  resources: 1000,
  estimated: 600,
  free: 390,
  unpriced: 10,
  regionsWithoutPrices: [],
  ...over,
});
const report = (monthly: number, items: CostReport["items"], over: Partial<CostReport> = {}): CostReport => ({
  stack: "prod",
  currency: "USD",
  monthly,
  items,
  ...over,
});
const unpriced = (type: string, count: number, reason?: string, region = "us-east-1") => ({
  type,
  region,
  count,
  reason,
});

describe("review: the cost section", () => {
  it("lists the five largest changes by amount, both signs, and ignores sub-cent ones", () => {
    const base = report(100, [
      item("a", 10),
      item("b", 50),
      item("c", 1),
      item("d", 5),
      item("e", 2),
      item("f", 3.001),
    ]);
    const head = report(90, [
      item("a", 30),
      item("b", 20),
      item("g", 4, null),
      item("d", 5),
      item("e", 2.5),
      item("f", 3.005),
    ]);
    const d = costDelta(base, head);
    assert.deepEqual(
      d.contributors.map((c) => [c.urn.split("::").pop(), c.base, c.head, +c.delta.toFixed(3)]),
      [
        ["b", 50, 20, -30],
        ["a", 10, 30, 20],
        ["g", 0, 4, 4],
        ["c", 1, 0, -1],
        ["e", 2, 2.5, 0.5],
      ],
    );
    assert.deepEqual([d.base, d.head, d.delta, d.currency], [100, 90, -10, "USD"]);
    assert.equal(costDelta(base, head, 2).contributors.length, 2);
    assert.equal(
      costSection(base, head),
      [
        "#### Monthly cost: $100.00 -> $90.00 (-$10.00)",
        "",
        "Largest changes:",
        "",
        "- `b` (`aws:x/y:Y`, us-east-1): $50.00 -> $20.00 (-$30.00)",
        "- `a` (`aws:x/y:Y`, us-east-1): $10.00 -> $30.00 (+$20.00)",
        "- `g` (`aws:x/y:Y`, global): $0.00 -> $4.00 (+$4.00)",
        "- `c` (`aws:x/y:Y`, us-east-1): $1.00 -> $0.00 (-$1.00)",
        "- `e` (`aws:x/y:Y`, us-east-1): $2.00 -> $2.50 (+$0.50)",
        "",
      ].join("\n"),
    );
  });

  it("refuses reports in different currencies and writes other currencies by code", () => {
    assert.throws(
      () => costDelta(report(1, []), report(1, [], { currency: "EUR" })),
      /^Error: cost reports use different currencies: USD \(base\) and EUR \(head\)$/,
    );
    assert.deepEqual(
      [money(1234.5, "EUR"), money(-3, "USD"), money(3, "USD", true), money(0, "USD", true), money(-0.5, "GBP", true)],
      ["EUR 1,234.50", "-$3.00", "+$3.00", "+$0.00", "-GBP 0.50"],
    );
  });

  it("states both sides' coverage, flags a region newly without prices and lists types newly not estimated", () => {
    const old = { region: "sa-east-1", resources: 2, types: ["aws:kms/key:Key"], trafficShare: 0 };
    const base = report(100, [], {
      coverage: coverage({
        regionsWithoutPrices: [old, { region: "ap-south-1", resources: 1, trafficShare: 0.1 }],
        byType: { unpriced: [unpriced("aws:sqs/queue:Queue", 2, "SQS requests"), unpriced("aws:a:A", 1, "why a")] },
      }),
      priceDate: "2026-11-01",
    });
    const grown = ["aws:b:B", "aws:c:C", "aws:d:D", "aws:e:E", "aws:f:F", "aws:g:G", "aws:h:H", "aws:i:I"].map((t, i) =>
      unpriced(t, 1 + (i % 2), `why ${t}`),
    );
    const head = report(100, [], {
      coverage: coverage({
        resources: 1020,
        unpriced: 30,
        regionsWithoutPrices: [
          old,
          {
            region: "ap-south-1",
            resources: 3,
            types: ["aws:lb/loadBalancer:LoadBalancer", "aws:ec2/natGateway:NatGateway"],
            trafficShare: 0.25,
            trafficUnpriced: true,
          },
        ],
        byType: {
          unpriced: [
            unpriced("aws:sqs/queue:Queue", 3, "SQS requests"),
            unpriced("aws:sqs/queue:Queue", 1, "SQS requests", "eu-west-1"),
            unpriced("aws:cloudwatch/logGroup:LogGroup", 2, "log group a"),
            unpriced("aws:cloudwatch/logGroup:LogGroup", 2, "log group b"),
            unpriced("aws:a:A", 1, "why a"),
            ...grown,
          ],
        },
      }),
      priceDate: "2026-12-02",
    });
    assert.equal(
      costSection(base, head),
      [
        "#### Monthly cost: $100.00 -> $100.00 (+$0.00)",
        "",
        "Coverage: 1,020 resources: 600 estimated, 390 free, 30 unpriced (base: 1,000 resources: 600 estimated, 390 free, 10 unpriced).",
        "",
        "- **Not priced in sa-east-1**: 2 resources have no pinned price there and are not in the total (`kms/key:Key`).",
        "- ⚠️ **Not priced in ap-south-1**: 3 resources have no pinned price there and are not in the total " +
          "(`lb/loadBalancer:LoadBalancer`, `ec2/natGateway:NatGateway`); it takes 25.0 % of the traffic, so lines " +
          "that follow traffic in the other regions fall by that share without that money being saved.",
        "",
        "Newly not estimated:",
        "",
        "- +4 `aws:cloudwatch/logGroup:LogGroup` in us-east-1: 2 reasons (cost.json coverage)",
        "- +2 `aws:c:C` in us-east-1: why aws:c:C",
        "- +2 `aws:e:E` in us-east-1: why aws:e:E",
        "- +2 `aws:g:G` in us-east-1: why aws:g:G",
        "- +2 `aws:i:I` in us-east-1: why aws:i:I",
        "- +1 `aws:b:B` in us-east-1: why aws:b:B",
        "- +1 `aws:d:D` in us-east-1: why aws:d:D",
        "- +1 `aws:f:F` in us-east-1: why aws:f:F",
        "- … 3 more types (cost.json coverage)",
        "",
        "",
        "<sub>Estimate from list prices of 2026-12-02; see the cost report's assumptions.</sub>",
        "",
      ].join("\n"),
    );
  });

  it("claims nothing about coverage a report does not carry, and flags every region when the base has none", () => {
    const head = report(5, [], {
      coverage: coverage({
        regionsWithoutPrices: [{ region: "ap-south-1", resources: 1, trafficShare: 0.5, trafficUnpriced: false }],
      }),
    });
    assert.equal(
      costSection(report(5, []), head),
      [
        "#### Monthly cost: $5.00 -> $5.00 (+$0.00)",
        "",
        "Coverage: 1,000 resources: 600 estimated, 390 free, 10 unpriced.",
        "",
        "- ⚠️ **Not priced in ap-south-1**: 1 resource have no pinned price there and are not in the total.",
        "",
        "",
      ].join("\n"),
    );
    assert.equal(costSection(head, report(5, [])), "#### Monthly cost: $5.00 -> $5.00 (+$0.00)\n\n");
  });
});
