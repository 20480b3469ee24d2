import { strict as assert } from "assert";
import type { ReviewPlan, ReviewResource } from "../../tools/review/changes";
import { review } from "../../tools/review/render";

/**
 * Edges of the disruption rules (tools/review/disruption-rules.json and their sources): pending-reboot
 * parameters found by position as well as by name, EKS's one-minor-version-at-a-time upgrades, which
 * Karpenter pools an EC2NodeClass drifts and their budgets, what makes a cache a Global Datastore member.
 */
const U = (type: string, name: string) => `urn:pulumi:prod::platform::${type}::${name}`;
const r = (type: string, name: string, inputs: object, extra: Partial<ReviewResource> = {}): ReviewResource => ({
  urn: U(type, name),
  type,
  name,
  custom: true,
  parent: null,
  provider: null,
  region: "us-east-1",
  inputs: inputs as Record<string, unknown>,
  dependencies: [],
  ...extra,
});
const plan = (...resources: ReviewResource[]): ReviewPlan => ({ stack: "prod", resources });
const found = (base: ReviewPlan, head: ReviewPlan) =>
  review(base, head).attention.flatMap((a) =>
    a.kind === "disruption"
      ? [
          [
            a.disruption.row.name,
            a.disruption.changes.map((c) => c.path),
            a.disruption.when,
            a.disruption.refused ?? null,
          ],
        ]
      : [],
  );
const PG = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
const REBOOT = "not by `pulumi up`: at each instance's next reboot (reboot the readers first, then fail over)";

describe("review: disruption rule edges", () => {
  it("finds pending-reboot parameters by position when names repeat, in BASE or HEAD", () => {
    const p = (a: string, b: string) => ({
      parameters: [
        { name: "x", value: a, applyMethod: "pending-reboot" },
        { name: "x", value: b, applyMethod: "immediate" },
      ],
    });
    assert.deepEqual(found(plan(r(PG, "pg", p("1", "1"))), plan(r(PG, "pg", p("2", "1")))), [
      ["pg", ["parameters[0].value"], REBOOT, null],
    ]);
    assert.deepEqual(found(plan(r(PG, "pg", p("1", "1"))), plan(r(PG, "pg", p("1", "2")))), []);
    // Removing a pending-reboot parameter resets it: a reboot too. A whole list of unnamed items that
    // changes length is no item of either side.
    const one = { parameters: [{ name: "x", value: "1", applyMethod: "pending-reboot" }] };
    assert.deepEqual(found(plan(r(PG, "pg", one)), plan(r(PG, "pg", { parameters: [] }))), [
      ["pg", ["parameters[name=x]"], REBOOT, null],
    ]);
    const unnamed = (n: number) => ({
      parameters: Array.from({ length: n }, () => ({ value: "1", applyMethod: "pending-reboot" })),
    });
    assert.deepEqual(found(plan(r(PG, "pg", unnamed(2))), plan(r(PG, "pg", unnamed(1)))), []);
    const named = (v: string, m: string) => ({ parameters: [{ name: "wal", value: v, applyMethod: m }] });
    assert.deepEqual(
      found(plan(r(PG, "pg", named("1", "pending-reboot"))), plan(r(PG, "pg", named("2", "immediate")))).map(
        (x) => x[1],
      ),
      [["parameters[name=wal].applyMethod", "parameters[name=wal].value"]],
    );
  });

  it("refuses an EKS downgrade, a jump of two minor versions or a major change; one minor step is fine", () => {
    const eks = (version: unknown) => r("eks:index:Cluster", "eks", { version });
    const refused = (a: unknown, b: unknown) => found(plan(eks(a)), plan(eks(b)))[0]?.[3] ?? null;
    const tail = (a: string, b: string) => ` (${a} -> ${b}): \`pulumi up\` fails here`;
    assert.equal(refused("1.30", "1.31"), null);
    assert.ok(String(refused("1.30", "1.32")).endsWith(tail("1.30", "1.32")));
    assert.ok(String(refused("1.31", "1.30")).endsWith(tail("1.31", "1.30")));
    assert.ok(String(refused("1.30", "2.30")).endsWith(tail("1.30", "2.30")));
    assert.equal(refused("1.30.1", "1.32.0"), null);
    assert.equal(refused("v1.30", "v1.32"), null);
    assert.equal(refused(130, 132), null);
    assert.equal(found(plan(eks("1.30")), plan(eks("1.31")))[0][2], "during `pulumi up`");
  });

  it("drifts the pools of the region that use a changed EC2NodeClass, within their budgets", () => {
    const NC = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";
    const nodeClass = (ami: string, region = "us-east-1") =>
      r(
        NC,
        `nc-${region}`,
        { metadata: { name: "default" }, spec: { amiSelectorTerms: [{ alias: ami }] } },
        { region },
      );
    const pool = (name: string, ref: string, budgets: unknown[], region = "us-east-1") =>
      r(
        "kubernetes:karpenter.sh/v1:NodePool",
        name,
        { spec: { disruption: { budgets }, template: { spec: { nodeClassRef: { name: ref } } } } },
        { region },
      );
    const pools = [
      pool("a", "default", [{ nodes: "10%" }, { nodes: 3 }]),
      pool("b", "default", [{ nodes: "2" }, { nodes: "10%" }]),
      pool("c", "other", [{ nodes: "50%" }]),
      pool("d", "default", [{ nodes: "90%" }], "eu-west-1"),
    ];
    const gone = pool("e", "default", [{ nodes: "70%" }]);
    const [d] = found(plan(nodeClass("al2023@v1"), ...pools, gone), plan(nodeClass("al2023@v2"), ...pools));
    assert.equal(
      d[2],
      "after `pulumi up`, as Karpenter replaces drifted nodes (disruption budget: 10%, 2 of a pool's nodes at a time)",
    );
    const [none] = found(plan(nodeClass("al2023@v1")), plan(nodeClass("al2023@v2")));
    assert.match(String(none[2]), /\(disruption budget: Karpenter's default, 10% of a pool's nodes at a time\)$/);
  });

  it("takes a cache as a Global Datastore member by its id or by a global group that depends on it", () => {
    const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
    const GLOBAL = "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup";
    const cache = (nodeType: string, extra: object = {}) => r(GROUP, "cache", { nodeType, ...extra });
    const global = r(GLOBAL, "global", {}, { dependencies: [U(GROUP, "cache")] });
    const other = r("aws:sqs/queue:Queue", "q", {}, { dependencies: [U(GROUP, "cache")] });
    const when = (base: ReviewResource[], head: ReviewResource[]) => String(found(plan(...base), plan(...head))[0][2]);
    assert.match(
      when([cache("a"), global], [cache("b"), global]),
      /^immediately, on every member of the Global Datastore at once/,
    );
    assert.match(
      when([cache("a", { globalReplicationGroupId: "g" })], [cache("b", { globalReplicationGroupId: "g" })]),
      /^immediately, on every member/,
    );
    assert.match(when([cache("a"), global, other], [cache("b"), other]), /^in the next maintenance window/);
    assert.match(
      when([cache("a"), other], [cache("b"), other]),
      /^in the next maintenance window \(the resource's own weekly window/,
    );
  });
});
