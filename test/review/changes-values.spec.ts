import { strict as assert } from "assert";
import { diffPlans } from "../../tools/diff-lib";
import { reviewResources, type ReviewPlan, type ReviewResource } from "../../tools/review/changes";
import { arrayKey, isAtOrBelow, normalisePath, showPair, showValue, valueChanges } from "../../tools/review/values";

/**
 * The review's value and resource comparison on hand-written values: arrays of named items by key
 * (name, region, key, port, in that order), by position otherwise; paths in the replace-table form;
 * compact values; regions, groups, protection and id-driven updates of rows; the plain plan diff.
 */
const U = (type: string, name: string) => `urn:pulumi:prod::platform::${type}::${name}`;
const r = (type: string, name: string, inputs: object = {}, extra: Partial<ReviewResource> = {}): ReviewResource => ({
  urn: U(type, name),
  type,
  name,
  custom: true,
  parent: null,
  provider: null,
  region: null,
  inputs: inputs as Record<string, unknown>,
  dependencies: [],
  ...extra,
});
const plan = (...resources: ReviewResource[]): ReviewPlan => ({ stack: "prod", resources });

describe("review: comparing values", () => {
  it("keys arrays of objects by the first field unique on both sides, else compares by position", () => {
    assert.equal(arrayKey([], []), null);
    assert.equal(arrayKey([{ name: "a" }], ["b"]), null);
    assert.equal(arrayKey([{ name: "a", region: "x" }], [{ name: "b", region: "y" }]), "name");
    assert.equal(
      arrayKey(
        [{ name: "a", region: "x" }],
        [
          { name: "a", region: "y" },
          { name: "a", region: "z" },
        ],
      ),
      "region",
    );
    assert.equal(arrayKey([{ key: "k", port: 1 }], [{ key: { x: 1 }, port: 2 }]), "port");
    assert.equal(arrayKey([{ port: 1 }, { port: 1 }], [{ port: 2 }]), null);
    assert.equal(arrayKey([{ other: 1 }], [{ other: 2 }]), null);
  });

  it("lists each differing leaf, arrays by key or position, and whole values when lengths differ", () => {
    assert.deepEqual(valueChanges({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 3] } }), [
      { path: "b.c[1]", old: 2, new: 3 },
    ]);
    assert.deepEqual(valueChanges([1, 2], [1, 2, 3], "list"), [{ path: "list", old: [1, 2], new: [1, 2, 3] }]);
    assert.deepEqual(
      valueChanges(
        [
          { name: "x", v: 1 },
          { name: "y", v: 2 },
        ],
        [
          { name: "y", v: 3 },
          { name: "z", v: 4 },
        ],
        "c",
      ),
      [
        { path: "c[name=x]", old: { name: "x", v: 1 }, new: undefined },
        { path: "c[name=y].v", old: 2, new: 3 },
        { path: "c[name=z]", old: undefined, new: { name: "z", v: 4 } },
      ],
    );
    assert.deepEqual(valueChanges({ z: 1, a: 1 }, { a: 2, m: 3 }), [
      { path: "a", old: 1, new: 2 },
      { path: "m", old: undefined, new: 3 },
      { path: "z", old: 1, new: undefined },
    ]);
    assert.deepEqual(valueChanges("same", "same"), []);
    assert.deepEqual(valueChanges({ a: [] }, { a: {} }), [{ path: "a", old: [], new: {} }]);
    assert.deepEqual(valueChanges(null, {}), [{ path: "", old: null, new: {} }]);
  });

  it("writes paths in the replace table's form and tells what lies below a prefix", () => {
    assert.equal(normalisePath("spec.containers[name=app].ports[0].port"), "spec.containers[*].ports[*].port");
    assert.equal(normalisePath("a[]"), "a[*]");
    assert.ok(isAtOrBelow("spec.containers[name=app].image", "spec.containers[*]"));
    assert.ok(isAtOrBelow("spec.template", "spec.template"));
    assert.ok(isAtOrBelow("tags.Name", "tags"));
    assert.ok(!isAtOrBelow("tagsAll", "tags"));
    assert.ok(!isAtOrBelow("spec", "spec.template"));
  });

  it("shows values on one line: absent as ∅, secrets as they are, long ones cut, long pairs from their first difference", () => {
    assert.deepEqual(
      [showValue(undefined), showValue("[secret]"), showValue(3), showValue({ a: 1 })],
      ["∅", "[secret]", "3", '{"a":1}'],
    );
    assert.equal(showValue("abcdefgh", 10), '"abcdefgh"');
    assert.equal(showValue("abcdefghi", 10), '"abcdefgh…');
    const a = "x".repeat(70) + "AAAA";
    const b = "x".repeat(70) + "BBBB";
    assert.deepEqual(showPair(a, b), [`"…${"x".repeat(15)}AAAA"`, `"…${"x".repeat(15)}BBBB"`]);
    assert.deepEqual(showPair("short", "x".repeat(70), 60), ['"short"', `"${"x".repeat(58)}…`]);
    assert.deepEqual(showPair(1, 2), ["1", "2"]);
    assert.deepEqual(showPair("x".repeat(61), 5), [`"${"x".repeat(58)}…`, "5"]);
  });
});

describe("review: rows of a change set", () => {
  const REGION = r("platform:region:Region", "eu-west-1");
  const provider = r("pulumi:providers:kubernetes", "k8s", {}, { parent: REGION.urn });
  const awsProvider = r("pulumi:providers:aws", "aws-usw2", {}, { region: "us-west-2" });
  const platform = r("platform:index:Platform", "platform");
  const db = r("platform:data:GlobalDatabase", "db", {}, { parent: platform.urn });
  const inner = r("platform:data:Replica", "replica", {}, { parent: db.urn });
  const rows = (base: ReviewPlan, head: ReviewPlan) =>
    reviewResources(base, head).map((x) => [x.name, x.op, x.region, x.group, x.component, x.protect]);

  it("places rows: a provider's region, its Region component, the outermost global component, else the stack", () => {
    const all = [
      REGION,
      provider,
      awsProvider,
      platform,
      db,
      inner,
      r("kubernetes:core/v1:Namespace", "ns", {}, { provider: provider.urn }),
      r("aws:s3/bucket:Bucket", "b", {}, { provider: awsProvider.urn }),
      r("aws:kms/key:Key", "key", {}, { parent: inner.urn, region: "us-east-1" }),
      r("aws:sqs/queue:Queue", "loose"),
    ];
    assert.deepEqual(rows(plan(), plan(...all)).slice(6), [
      ["ns", "create", "eu-west-1", "stack", "stack", false],
      ["b", "create", "us-west-2", "stack", "stack", false],
      ["key", "create", "us-east-1", "data:GlobalDatabase db", "data:Replica", false],
      ["loose", "create", null, "stack", "stack", false],
    ]);
    assert.deepEqual(rows(plan(), plan(REGION))[0], [
      "eu-west-1",
      "create",
      "eu-west-1",
      "region eu-west-1",
      "region",
      false,
    ]);
  });

  it("keeps a deleted resource's protection, skips the stack, and applies replaceOnChanges '*'", () => {
    const stack = r("pulumi:pulumi:Stack", "prod-platform");
    const gone = r("aws:sqs/queue:Queue", "gone", {}, { options: { protect: true } });
    const any = (v: number) =>
      r("aws:sqs/queue:Queue", "any", { delaySeconds: v }, { options: { replaceOnChanges: ["*"] } });
    const kept = (p: boolean) => r("aws:sqs/queue:Queue", "kept", { delaySeconds: 1 }, { options: { protect: p } });
    assert.deepEqual(rows(plan(stack, gone, any(1), kept(true)), plan(stack, any(2), kept(false))), [
      ["any", "replace", null, "stack", "stack", false],
      ["kept", "same", null, "stack", "stack", true],
      ["gone", "delete", null, "stack", "stack", true],
    ]);
  });

  it("updates an unchanged resource whose input holds a replaced resource's id, and cascades only through replacing inputs", () => {
    const vpc = (cidr: string) => r("aws:ec2/vpc:Vpc", "main", { cidrBlock: cidr });
    const dep = { dependencies: [U("aws:ec2/vpc:Vpc", "main")] };
    const sg = r(
      "aws:ec2/securityGroup:SecurityGroup",
      "sg",
      { tags: { Name: "x" }, vpc: { ids: ["main-id", "other"] } },
      dep,
    );
    const subnet = r("aws:ec2/subnet:Subnet", "sub", { vpcId: "main-id" }, dep);
    const notDep = r("aws:ec2/subnet:Subnet", "free", { vpcId: "main-id" });
    const rv = reviewResources(
      plan(vpc("10.0.0.0/16"), sg, subnet, notDep),
      plan(vpc("10.1.0.0/16"), sg, subnet, notDep),
    );
    assert.deepEqual(
      rv.map((x) => [x.name, x.op, x.cascade ?? null, x.changes.map((c) => [c.path, c.old, c.new])]),
      [
        ["main", "replace", null, [["cidrBlock", "10.0.0.0/16", "10.1.0.0/16"]]],
        ["sg", "update", null, [["vpc.ids[0]", "main-id", "(new id of replaced main)"]]],
        ["sub", "replace", "`vpcId` refers to replaced `main`", []],
        ["free", "same", null, []],
      ],
    );
  });
});

describe("diff-lib: the plain plan diff", () => {
  it("keys resources by URN: added, removed, and the compared fields that changed", () => {
    const a = (inputs: object, extra: Partial<ReviewResource> = {}) => r("aws:sqs/queue:Queue", "q", inputs, extra);
    const base = {
      resources: [a({ delaySeconds: 1 }), r("aws:sns/topic:Topic", "old"), r("aws:sns/topic:Topic", "same")],
    };
    const head = {
      resources: [
        a({ delaySeconds: 2 }, { provider: "p", region: "eu-west-1", parent: "x", custom: false }),
        r("aws:sns/topic:Topic", "same", {}, { dependencies: ["ignored"] }),
        r("aws:sns/topic:Topic", "new"),
      ],
    };
    const d = diffPlans(base as never, head as never);
    assert.deepEqual(
      d.added.map((x) => x.name),
      ["new"],
    );
    assert.deepEqual(
      d.removed.map((x) => x.name),
      ["old"],
    );
    assert.deepEqual(d.changed, [
      {
        urn: U("aws:sqs/queue:Queue", "q"),
        type: "aws:sqs/queue:Queue",
        region: "eu-west-1",
        paths: ["inputs.delaySeconds", "provider", "region", "parent", "custom"],
      },
    ]);
  });
});
