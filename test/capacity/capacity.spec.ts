import { strict as assert } from "assert";
import fc from "fast-check";
import { auroraDefaultMaxConnections } from "../../components/config/aws-domains";
import { resolveDemand, demandSchema } from "../../components/config/sections/demand";
import {
  capacityChecks,
  demand,
  regionFacts,
  servedRps,
  type PlanLike,
  type RegionFacts,
} from "../../tools/capacity/model";
import { planFor, planWith } from "../helpers/plan";

const deployment = (region: string, name: string, cpuLimit = "200m", data = true) => ({
  type: "kubernetes:apps/v1:Deployment",
  name: `${region}-workloads-deploy-${name}`,
  region: null,
  inputs: {
    metadata: { name, namespace: "apps" },
    spec: {
      template: {
        spec: {
          containers: [
            {
              resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: cpuLimit, memory: "256Mi" } },
              envFrom: data ? [{ configMapRef: { name: "data-endpoints" } }] : [],
            },
          ],
        },
      },
    },
  },
});
const so = (region: string, name: string, max: number) => ({
  type: "kubernetes:keda.sh/v1alpha1:ScaledObject",
  name: `${region}-workloads-so-${name}`,
  region: null,
  inputs: { spec: { scaleTargetRef: { name }, maxReplicaCount: max } },
});
const PLAN: PlanLike = {
  stack: "t",
  resources: [
    { type: "aws:ec2/vpc:Vpc", name: "vpc", region: "us-east-1", inputs: {} },
    deployment("us-east-1", "activity-service"),
    so("us-east-1", "activity-service", 50),
    deployment("us-east-1", "nginx-gateway", "500m", false),
    {
      type: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
      name: "us-east-1-workloads-hpa-nginx-gateway",
      region: null,
      inputs: { spec: { scaleTargetRef: { name: "nginx-gateway" }, maxReplicas: 10 } },
    },
    {
      type: "kubernetes:karpenter.sh/v1:NodePool",
      name: "us-east-1-karpenter-nodepool-general-purpose",
      region: null,
      inputs: { spec: { limits: { cpu: "1000", memory: "1000Gi" } } },
    },
    {
      type: "aws:rds/clusterInstance:ClusterInstance",
      name: "db-1",
      region: "us-east-1",
      inputs: { instanceClass: "db.r7g.large" },
    },
    {
      type: "aws:appautoscaling/target:Target",
      name: "readers",
      region: "us-east-1",
      inputs: { serviceNamespace: "rds", maxCapacity: 5 },
    },
    {
      type: "aws:elasticache/replicationGroup:ReplicationGroup",
      name: "cache",
      region: "us-east-1",
      inputs: { nodeType: "cache.r7g.large", numCacheClusters: 3 },
    },
  ],
};

const model = (over: Record<string, unknown>) => resolveDemand(demandSchema.parse(over));

describe("capacity proof", () => {
  it("derives the peak: 100 M users x 10 % DAU x 100 requests / 86,400 s x 3 = 34,722 rps (> seed 003's 10K)", () => {
    const d = demand();
    assert.equal(d.dailyActiveUsers, 10_000_000);
    assert.equal(Math.round(d.averageRps), 11_574);
    assert.equal(Math.round(d.derivedPeakRps), 34_722);
    assert.deepEqual([d.peakRps, d.peakFrom], [34_722, "derived"]);
    const small = model({ users: 1_000_000 });
    assert.deepEqual([small.peakRps, small.peakFrom], [10_000, "floor"], "the seed 003 target is the floor");
    assert.deepEqual([model({ peakRps: 20 }).peakRps, model({ peakRps: 20 }).peakFrom], [20, "configured"]);
  });

  it("reads the stack's demand model from the plan's usage, and checks against its peak", () => {
    const d = model({ users: 300_000_000 });
    assert.equal(demand({ usage: { demand: d } }), d);
    const [f] = regionFacts(PLAN);
    const need = (dm = demand()) => capacityChecks([f], dm).find((c) => c.what.startsWith("activity-service"))!.need;
    // One region, activity-service's 40 % route share of the design peak.
    assert.equal(need(), 34_722 * 0.4);
    assert.equal(need(d), 104_167 * 0.4);
  });

  it("today's 10 pods x 200m CPU serve 1,000 rps per service per region", () => {
    assert.equal(servedRps(10, 0.2), 1_000);
  });

  it("Aurora PostgreSQL max_connections: LEAST(memory / 9531392, 5000): 1,802 on db.r7g.large", () => {
    assert.equal(auroraDefaultMaxConnections(16), 1_802);
    assert.equal(auroraDefaultMaxConnections(512), 5_000);
  });

  it("reads max replicas, NodePool limits, Aurora instances (writer + max readers) and the cache from the plan", () => {
    const [f] = regionFacts(PLAN);
    assert.equal(f.region, "us-east-1");
    assert.deepEqual(
      f.workloads.map((w) => [w.name, w.maxReplicas, w.cpuLimit, w.usesData]),
      [
        ["activity-service", 50, 0.2, true],
        ["nginx-gateway", 10, 0.5, false],
      ],
    );
    assert.deepEqual(f.nodePool, { cpu: 1000, memory: 1000 * 1024 ** 3 });
    assert.deepEqual(f.db, { instanceClass: "db.r7g.large", maxInstances: 6 });
    assert.deepEqual(f.cache, { nodeType: "cache.r7g.large", nodes: 3 });
  });

  it("with one of three regions lost, activity-service at seed 002's max of 50 is short: 6,944 rps needed, 5,000 served", () => {
    const [f] = regionFacts(PLAN);
    const three: RegionFacts[] = ["a", "b", "c"].map((region) => ({ ...f, region }));
    const short = capacityChecks(three).filter((c) => !c.ok);
    assert.deepEqual(
      short.map((c) => [c.region, c.scenario, c.what, Math.round(c.need), c.have]),
      ["a", "b", "c"].map((r) => [r, "one region lost", "activity-service rps (max 50 x 0.2 CPU)", 6_944, 5_000]),
    );
  });

  it("property: more replicas never turn a holding check short; losing a region multiplies the need by n/(n-1)", () => {
    const [f] = regionFacts(PLAN);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 2, max: 5 }),
        (max, extra, n) => {
          const at = (m: number) =>
            capacityChecks(
              Array.from({ length: n }, (_, i) => ({
                ...f,
                region: `r${i}`,
                workloads: f.workloads.map((w) => ({
                  ...w,
                  maxReplicas: w.name === "activity-service" ? m : w.maxReplicas,
                })),
              })),
            ).filter((c) => c.what.startsWith("activity-service"));
          const before = at(max);
          const after = at(max + extra);
          before.forEach((c, i) => assert.ok(!c.ok || after[i].ok));
          const all = before.find((c) => c.scenario === "all regions")!;
          const lost = before.find((c) => c.scenario === "one region lost")!;
          assert.ok(Math.abs(lost.need - (all.need * n) / (n - 1)) < 1e-6);
        },
      ),
    );
  });

  it("the prod plan holds every check per region and with one region lost (max 75 in Pulumi.prod.yaml)", async function () {
    this.timeout(180_000);
    const { plan } = await planFor("prod");
    const checks = capacityChecks(regionFacts(plan as unknown as PlanLike));
    assert.deepEqual(
      checks.filter((c) => !c.ok).map((c) => `${c.region} ${c.scenario} ${c.what}`),
      [],
    );
    assert.equal(new Set(checks.map((c) => c.region)).size, 3);
  });

  it("the same prod plan with seed 002's max of 50 is short after losing a region", async function () {
    this.timeout(180_000);
    const { plan } = await planWith("prod", { autoscaling: { mesh: { maxReplicas: 50 } } });
    const short = capacityChecks(regionFacts(plan as unknown as PlanLike)).filter((c) => !c.ok);
    assert.deepEqual(
      [...new Set(short.map((c) => `${c.scenario}: ${c.what}`))],
      [
        "one region lost: user-service rps (max 50 x 0.2 CPU)",
        "one region lost: activity-service rps (max 50 x 0.2 CPU)",
      ],
    );
  });
});
