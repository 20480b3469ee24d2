import { strict as assert } from "assert";
import { renderReview, review } from "../../tools/review/render";
import { replacingPath } from "../../tools/review/replace";
import { showPair, valueChanges } from "../../tools/review/values";
import table from "../../tools/review/replace-on-changes.json";
import type { ReviewPlan, ReviewResource } from "../../tools/review/changes";
import type { CostReport } from "../../tools/review/cost";

const res = (name: string, type: string, inputs: Record<string, unknown>, extra: Partial<ReviewResource> = {}) =>
  ({
    urn: `urn:pulumi:prod::platform::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: null,
    provider: null,
    region: "us-east-1",
    inputs,
    dependencies: [],
    ...extra,
  }) as ReviewResource;
const plan = (...resources: ReviewResource[]): ReviewPlan => ({ stack: "prod", resources, violations: [] });

describe("review building blocks", () => {
  it("compares arrays of named items by key, positional arrays by index", () => {
    const a = {
      replicas: [
        { region: "us-west-2", n: 1 },
        { region: "eu-west-1", n: 1 },
      ],
      cidrs: ["a", "b"],
    };
    const b = { replicas: [{ region: "eu-west-1", n: 2 }], cidrs: ["a", "c"] };
    assert.deepEqual(valueChanges(a, b), [
      { path: "cidrs[1]", old: "b", new: "c" },
      { path: "replicas[region=us-west-2]", old: { region: "us-west-2", n: 1 }, new: undefined },
      { path: "replicas[region=eu-west-1].n", old: 1, new: 2 },
    ]);
  });

  it("replace-on-change: a path at or below a listed property replaces; Kubernetes names always do", () => {
    assert.equal(replacingPath("aws:ec2/subnet:Subnet", "cidrBlock"), "cidrBlock");
    assert.equal(replacingPath("aws:ec2/subnet:Subnet", "tags.Name"), undefined);
    assert.equal(replacingPath("kubernetes:apps/v1:Deployment", "spec.selector.matchLabels.app"), "spec.selector");
    assert.equal(
      replacingPath("kubernetes:apps/v1:Deployment", "spec.template.spec.containers[name=app].image"),
      undefined,
    );
    assert.equal(replacingPath("kubernetes:core/v1:Service", "metadata.name"), "metadata.name");
  });

  it("every row of the replace table names its source; a checked row names the file and commit read", () => {
    for (const [type, rule] of Object.entries(table.types) as [
      string,
      { paths: string[]; checked: boolean; source: string },
    ][]) {
      assert.ok(
        rule.paths.length > 0 || rule.checked,
        `${type}: an empty row must be checked (read, nothing replaces)`,
      );
      assert.match(rule.source, /github\.com|terraform-provider/, type);
      if (rule.checked && type.startsWith("aws:"))
        assert.match(
          rule.source,
          /^https:\/\/github\.com\/[\w.-]+\/terraform-provider-aws\/blob\/[0-9a-f]{40}\/internal\/service\/\S+\.go /,
          type,
        );
      if (type.startsWith("random:"))
        assert.match(
          rule.source,
          /^https:\/\/github\.com\/hashicorp\/terraform-provider-random\/blob\/[0-9a-f]{40}\/internal\/provider\/\S+\.go /,
          type,
        );
    }
    const unread = Object.entries(table.types as Record<string, { checked: boolean }>).filter(([, r]) => !r.checked);
    assert.deepEqual(
      unread.map(([t]) => t),
      [],
      "every row is read at source (a transcribed row must be read before it lands)",
    );
  });

  it("secrets stay [secret]; long strings are shown from their first difference", () => {
    const rv = review(
      plan(res("db", "aws:rds/cluster:Cluster", { masterPassword: "[secret]", port: 5432 })),
      plan(res("db", "aws:rds/cluster:Cluster", { masterPassword: "[secret]", port: 5433 })),
    );
    assert.deepEqual(rv.rows[0].changes, [{ path: "port", old: 5432, new: 5433, replaces: undefined }]);
    const long = "x".repeat(100);
    assert.deepEqual(showPair(`${long}A`, `${long}B`), ['"…xxxxxxxxxxxxxxxA"', '"…xxxxxxxxxxxxxxxB"']);
  });

  it("a protected resource that changes needs attention even when it is not stateful", () => {
    const rv = review(
      plan(res("zone-record", "aws:route53/record:Record", { ttl: 60 }, { options: { protect: true } })),
      plan(res("zone-record", "aws:route53/record:Record", { ttl: 300 }, { options: { protect: true } })),
    );
    assert.match(renderReview(rv), /- \*\*~ update protected\*\* `zone-record`/);
  });

  it("prints the monthly cost delta and its largest contributors when both reports are given", () => {
    const cost = (monthly: number, items: [string, number][]): CostReport => ({
      stack: "prod",
      currency: "USD",
      monthly,
      items: items.map(([name, m]) => ({
        urn: `urn:x::${name}`,
        type: "aws:rds/cluster:Cluster",
        region: "us-east-1",
        monthly: m,
      })),
      priceDate: "2026-11-01",
    });
    const rv = review(plan(), plan());
    const text = renderReview(rv, {
      baseCost: cost(1000, [
        ["a", 600],
        ["b", 400],
      ]),
      headCost: cost(1250.5, [
        ["a", 600],
        ["b", 150],
        ["c", 500.5],
      ]),
    });
    assert.match(
      text,
      /#### Monthly cost: \$1,000\.00 -> \$1,250\.50 \(\+\$250\.50\)\n\nLargest changes:\n\n- `c` .*: \$0\.00 -> \$500\.50 \(\+\$500\.50\)\n- `b` .*: \$400\.00 -> \$150\.00 \(-\$250\.00\)/,
    );
  });
});

describe("gen-replace-table", () => {
  it("reads willReplaceOnChanges from a provider schema, nested object types included", async () => {
    const { replacingInputs } = await import("../../tools/review/gen-replace-table");
    const schema = {
      resources: {
        "aws:x/y:Y": {
          inputProperties: {
            name: { willReplaceOnChanges: true },
            tags: {},
            blocks: { items: { $ref: "#/types/aws:x%2FBlock:Block" } },
          },
        },
      },
      types: { "aws:x/Block:Block": { properties: { size: { willReplaceOnChanges: true }, label: {} } } },
    };
    assert.deepEqual(replacingInputs(schema, "aws:x/y:Y"), ["blocks[*].size", "name"]);
  });
});

describe("resource options in the review", () => {
  it("ignoreChanges hides a change; the resource's own replaceOnChanges makes one a replacement", () => {
    const opts = { ignoreChanges: ["primaryReplicationGroupId"], replaceOnChanges: ["spec.template"] };
    const before = plan(
      res(
        "g",
        "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
        { primaryReplicationGroupId: "a" },
        { options: opts },
      ),
      res("j", "kubernetes:batch/v2:Thing", { spec: { template: { x: 1 } } }, { options: opts }),
    );
    const after = plan(
      res(
        "g",
        "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
        { primaryReplicationGroupId: "b" },
        { options: opts },
      ),
      res("j", "kubernetes:batch/v2:Thing", { spec: { template: { x: 2 } } }, { options: opts }),
    );
    const rv = review(before, after);
    assert.deepEqual(
      rv.rows.map((r) => [r.name, r.op]),
      [
        ["g", "same"],
        ["j", "replace"],
      ],
    );
    assert.equal(rv.rows[1].changes[0].replaces, "spec.template");
  });
});
