import { strict as assert } from "assert";
import type { ReviewPlan, ReviewResource } from "../../tools/review/changes";
import { renderReview, review } from "../../tools/review/render";

/**
 * Disruptive in-place updates in "Needs attention": each with when it applies and what it
 * interrupts. Expected phrases come from the AWS and Karpenter documents the rules cite
 * (written out here, not read from the rules), so a rule that loses its source or its
 * wording fails.
 */
const AURORA_MODIFYING = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Modifying.html";
const KARPENTER_DRIFT = "https://karpenter.sh/docs/concepts/disruption/#drift";

function res(type: string, name: string, inputs: Record<string, unknown>, extra: Partial<ReviewResource> = {}) {
  return {
    urn: `urn:pulumi:prod::platform::pulumi:pulumi:Stack$${type}::${name}`,
    type,
    name,
    custom: true,
    parent: null,
    provider: null,
    region: "us-east-1",
    inputs,
    dependencies: [],
    ...extra,
  } as unknown as ReviewResource;
}
const plan = (...resources: ReviewResource[]): ReviewPlan => ({ stack: "prod", resources, violations: [] });
const lines = (base: ReviewPlan, head: ReviewPlan) =>
  renderReview(review(base, head))
    .split("\n")
    .filter((l) => l.startsWith("- **~"));

const INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const POOL = "kubernetes:karpenter.sh/v1:NodePool";
const NODECLASS = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";

const pool = (spec: Record<string, unknown>) =>
  res(POOL, "general-purpose", { kind: "NodePool", metadata: { name: "general-purpose" }, spec });
const poolSpec = (requirements: string[], budget = "10%", cpu = "1000") => ({
  disruption: { budgets: [{ nodes: budget }] },
  limits: { cpu },
  template: {
    spec: {
      nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default" },
      requirements: [{ key: "karpenter.sh/capacity-type", operator: "In", values: requirements }],
    },
  },
});

describe("review: disruptive updates in Needs attention", () => {
  it("an Aurora instance resize restarts it, queued for the maintenance window when applyImmediately is unset", () => {
    const [line] = lines(
      plan(res(INSTANCE, "db-1", { instanceClass: "db.r7g.large" })),
      plan(res(INSTANCE, "db-1", { instanceClass: "db.r7g.2xlarge" })),
    );
    assert.match(
      line,
      /^- \*\*~ restart\*\* Aurora instance `db-1` \(`aws:rds\/clusterInstance:ClusterInstance`, us-east-1\)/,
    );
    assert.match(line, /`instanceClass` `"db\.r7g\.large"` → `"db\.r7g\.2xlarge"`/);
    assert.match(
      line,
      /\*\*When:\*\* in the next maintenance window \(the resource's own weekly window: the program sets none/,
    );
    assert.match(line, /An outage occurs during this change/);
    assert.ok(line.includes(`](${AURORA_MODIFYING}#Aurora.Modifying.Settings)`), line);
  });

  it("with applyImmediately it happens during pulumi up; a set window is named", () => {
    const now = lines(
      plan(res(INSTANCE, "db-1", { instanceClass: "db.r7g.large", applyImmediately: true })),
      plan(res(INSTANCE, "db-1", { instanceClass: "db.r7g.xlarge", applyImmediately: true })),
    );
    assert.match(now[0], /\*\*When:\*\* immediately, while `pulumi up` runs/);
    const windowed = lines(
      plan(res(GROUP, "cache", { nodeType: "cache.r7g.large", maintenanceWindow: "tue:03:00-tue:04:00" })),
      plan(res(GROUP, "cache", { nodeType: "cache.r7g.xlarge", maintenanceWindow: "tue:03:00-tue:04:00" })),
    );
    assert.match(windowed[0], /^- \*\*~ failover\*\* ElastiCache replication group `cache`/);
    assert.match(windowed[0], /\*\*When:\*\* in the next maintenance window \(tue:03:00-tue:04:00\)/);
  });

  it("a Global Datastore member's node type changes at once on every member, whatever its window", () => {
    const group = (nodeType: string) =>
      res(GROUP, "cache-use1", { nodeType, maintenanceWindow: "sun:05:00-sun:06:00" });
    const global = (g: ReviewResource) =>
      res(
        "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
        "cache-global",
        {},
        { dependencies: [g.urn] },
      );
    const [b, h] = [group("cache.r7g.large"), group("cache.r7g.xlarge")];
    const [line] = lines(plan(b, global(b)), plan(h, global(h)));
    assert.match(line, /\*\*When:\*\* immediately, on every member of the Global Datastore at once/);
    assert.ok(line.includes("ModifyGlobalReplicationGroup"), line);
  });

  it("Karpenter: a NodePool template change drifts its nodes within the pool's budget; limits do not", () => {
    const [line] = lines(
      plan(pool(poolSpec(["spot", "on-demand"], "20%"))),
      plan(pool(poolSpec(["on-demand"], "20%"))),
    );
    assert.match(line, /^- \*\*~ node replacement\*\* Karpenter NodePool `general-purpose`/);
    assert.match(
      line,
      /after `pulumi up`, as Karpenter replaces drifted nodes \(disruption budget: 20% of a pool's nodes/,
    );
    assert.ok(line.includes(`](${KARPENTER_DRIFT})`), line);
    assert.deepEqual(lines(plan(pool(poolSpec(["spot"]))), plan(pool(poolSpec(["spot"], "10%", "2000")))), []);
  });

  it("an EC2NodeClass AMI change drifts the nodes of the pools that use it", () => {
    const nodeClass = (alias: string) =>
      res(NODECLASS, "default-class", { metadata: { name: "default" }, spec: { amiSelectorTerms: [{ alias }] } });
    const p = pool(poolSpec(["spot"], "5%"));
    const [line] = lines(plan(nodeClass("al2023@v20260714"), p), plan(nodeClass("al2023@v20261101"), p));
    assert.match(line, /Karpenter EC2NodeClass `default-class`.*disruption budget: 5% of a pool's nodes/);
  });

  it("a pending-reboot parameter needs a reboot; an immediate one is not listed", () => {
    const pg = (value: string, applyMethod: string) =>
      res("aws:rds/clusterParameterGroup:ClusterParameterGroup", "params", {
        parameters: [{ name: "shared_preload_libraries", value, applyMethod }],
      });
    const [line] = lines(plan(pg("pg_stat_statements", "pending-reboot")), plan(pg("pg_cron", "pending-reboot")));
    assert.match(line, /^- \*\*~ needs reboot\*\* Aurora cluster parameter group `params`/);
    assert.match(line, /\*\*When:\*\* not by `pulumi up`: at each instance's next reboot/);
    assert.deepEqual(lines(plan(pg("1", "immediate")), plan(pg("0", "immediate"))), []);
  });

  it("an ignored engine version change is said not to be applied by pulumi up", () => {
    const cluster = (engineVersion: string) =>
      res("aws:rds/cluster:Cluster", "db", { engineVersion }, { options: { ignoreChanges: ["engineVersion"] } });
    const rv = review(plan(cluster("16.13")), plan(cluster("17.5")));
    assert.equal(rv.counts.same, 1, "ignored: no update");
    const [line] = renderReview(rv)
      .split("\n")
      .filter((l) => l.startsWith("- **~"));
    assert.match(line, /^- \*\*~ not applied\*\* Aurora cluster `db`/);
    assert.match(line, /never by `pulumi up`: the resource ignores changes to `engineVersion` \(ignoreChanges\)/);
  });

  it("an EKS version bump upgrades the control plane during up, then replaces the nodes", () => {
    const eks = (version: string) => res("eks:index:Cluster", "use1-eks", { name: "platform-prod-use1", version });
    const [line] = lines(plan(eks("1.34")), plan(eks("1.35")));
    assert.match(
      line,
      /^- \*\*~ node replacement\*\* EKS cluster `use1-eks` \(`eks:index:Cluster`, us-east-1\): `version` `"1\.34"` → `"1\.35"`/,
    );
    assert.match(
      line,
      /\*\*When:\*\* during `pulumi up`\. \*\*Interruption:\*\* the control plane is upgraded in place/,
    );
    assert.ok(line.includes("](https://docs.aws.amazon.com/eks/latest/userguide/update-cluster.html)"), line);
  });

  it("an EKS downgrade or a two-version jump is refused by AWS: up fails there", () => {
    const eks = (version: string) => res("eks:index:Cluster", "use1-eks", { name: "platform-prod-use1", version });
    const [down] = lines(plan(eks("1.35")), plan(eks("1.34")));
    assert.match(
      down,
      /\*\*AWS refuses it:\*\* EKS upgrades a cluster one minor version at a time and never downgrades it \(1\.35 -> 1\.34\): `pulumi up` fails here\./,
    );
    assert.match(lines(plan(eks("1.33")), plan(eks("1.35")))[0], /AWS refuses it:.*\(1\.33 -> 1\.35\)/);
    assert.doesNotMatch(lines(plan(eks("1.34")), plan(eks("1.35")))[0], /refuses/);
  });

  it("new instance types replace the managed node group (ForceNew), draining every node", () => {
    const ng = (instanceTypes: string[]) =>
      res("aws:eks/nodeGroup:NodeGroup", "system-nodes", { instanceTypes, updateConfig: { maxUnavailable: 1 } });
    const rv = review(plan(ng(["m7i.large"])), plan(ng(["m7i.xlarge"])));
    assert.equal(rv.counts.replace, 1);
    const [line] = renderReview(rv)
      .split("\n")
      .filter((l) => l.startsWith("- **~"));
    assert.match(line, /^- \*\*~ node replacement\*\* EKS managed node group `system-nodes`/);
    assert.match(line, /cordoned and drained \(pods evicted, respecting PodDisruptionBudgets\)/);
    assert.ok(line.includes("](https://docs.aws.amazon.com/eks/latest/userguide/managed-node-update-behavior.html)"));
  });

  it("an EKS add-on version change replaces its pods during up", () => {
    const addon = (addonVersion: string) =>
      res("aws:eks/addon:Addon", "use1-vpc-cni", { addonName: "vpc-cni", addonVersion });
    const [line] = lines(plan(addon("v1.20.1-eksbuild.1")), plan(addon("v1.20.4-eksbuild.2")));
    assert.match(line, /^- \*\*~ restart\*\* EKS add-on `use1-vpc-cni`/);
    assert.match(line, /\*\*When:\*\* during `pulumi up`\. \*\*Interruption:\*\* the add-on's pods are replaced/);
  });

  it("a new DB parameter group on an instance waits for its reboot", () => {
    const inst = (dbParameterGroupName: string) =>
      res(INSTANCE, "db-1", { instanceClass: "db.r7g.large", dbParameterGroupName });
    const [line] = lines(plan(inst("pg16-a")), plan(inst("pg16-b")));
    assert.match(line, /^- \*\*~ needs reboot\*\* Aurora instance `db-1`/);
    assert.match(line, /\*\*When:\*\* not by `pulumi up`: at each instance's next reboot/);
  });

  it("says nothing for a change that disrupts nothing (tags of an Aurora instance)", () => {
    const r = (tags: Record<string, string>) => res(INSTANCE, "db-1", { instanceClass: "db.r7g.large", tags });
    assert.deepEqual(lines(plan(r({ a: "1" })), plan(r({ a: "2" }))), []);
  });
});
