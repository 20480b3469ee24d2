import { strict as assert } from "assert";
import { demand, type PlanLike } from "../../tools/capacity/model";
import { formatTriggerAsks, triggerAsks } from "../../tools/capacity/triggers";
import { planFor, planWith } from "../helpers/plan";

// Seed 004's demand written out: 100 M users x 10 % daily active x 100 requests / 86,400 s x 3 peak
// = 34,722 rps; over three regions 11,574 rps each.
const PEAK = 34_722;
const PER_REGION = PEAK / 3;

const prometheus = (name: string, threshold: number, metricType: string) => ({
  type: "prometheus",
  name,
  metricType,
  metadata: { query: "q", threshold: String(threshold) },
});
const scaledObject = (region: string, name: string, min: number, max: number, triggers: unknown[]) => ({
  type: "kubernetes:keda.sh/v1alpha1:ScaledObject",
  name: `${region}-workloads-so-${name}`,
  region: null,
  inputs: {
    metadata: { name, namespace: "apps" },
    spec: { scaleTargetRef: { name }, minReplicaCount: min, maxReplicaCount: max, triggers },
  },
});
const PLAN: PlanLike = {
  stack: "t",
  resources: [
    ...["a-1", "b-1", "c-1"].map((region) => ({ type: "aws:ec2/vpc:Vpc", name: "vpc", region, inputs: {} })),
    scaledObject("a-1", "frontend", 2, 100, [
      prometheus("request-rate", 30, "AverageValue"),
      { type: "cron", name: "business-hours", metadata: { desiredReplicas: "7" } },
    ]),
    scaledObject("a-1", "activity-service", 2, 75, [
      { type: "kafka", name: "kafka-lag-user-events", metadata: { topic: "user-events", lagThreshold: "10" } },
      { type: "cron", name: "business-hours", metadata: { desiredReplicas: "9" } },
    ]),
    {
      type: "platform:kafka:KafkaCluster",
      name: "a-1-kafka",
      region: null,
      inputs: { topics: { "user-events": { partitions: 12 } } },
    },
    scaledObject("a-1", "notification-service", 3, 75, [
      prometheus("request-rate", 100, "AverageValue"),
      { type: "cpu", name: "cpu", metricType: "Utilization", metadata: { value: "70" } },
    ]),
    {
      type: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
      name: "a-1-workloads-hpa-nginx-gateway",
      region: null,
      inputs: {
        metadata: { namespace: "apps" },
        spec: {
          scaleTargetRef: { name: "nginx-gateway" },
          minReplicas: 2,
          maxReplicas: 12,
          metrics: [
            { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } },
          ],
        },
      },
    },
  ],
};

const row = (rows: ReturnType<typeof triggerAsks>, region: string, workload: string) =>
  rows.find((r) => r.region === region && r.workload === workload)!;
const asks = (w: ReturnType<typeof row>) => w.triggers.map((t) => [t.trigger, t.replicas, t.decides]);

describe("capacity: the most each trigger can ask for", () => {
  const rows = triggerAsks(PLAN, demand());

  it("request rate at 30 rps per pod: frontend's 20 % of 11,574 rps = 2,314.8 rps asks ceil(77.16) = 78 and decides", () => {
    const w = row(rows, "a-1", "frontend");
    assert.deepEqual(asks(w), [
      ["request-rate", 78, true],
      ["business-hours", 7, false],
    ]);
    assert.equal(w.replicas, 78);
    const text = formatTriggerAsks([w]).join("\n");
    assert.match(text, /\* request-rate +78 /);
    assert.match(text, /\n {6}business-hours +7 /, "a trigger that does not decide carries no mark");
  });

  it("a cron trigger asks for its desiredReplicas; the kafka lag trigger for the topic's 12 partitions, and decides", () => {
    const w = row(rows, "a-1", "activity-service");
    assert.deepEqual(asks(w), [
      ["kafka-lag-user-events", 12, true],
      ["business-hours", 9, false],
    ]);
  });

  it("cpu utilization reaches the max and decides over the request rate (10 % of 11,574 rps / 100 = 12)", () => {
    const w = row(rows, "a-1", "notification-service");
    assert.deepEqual(asks(w), [
      ["request-rate", 12, false],
      ["cpu", 75, true],
    ]);
    assert.deepEqual(asks(row(rows, "a-1", "nginx-gateway")), [["cpu", 12, true]]);
  });

  it("the minimum holds when every trigger asks for less", () => {
    const low: PlanLike = {
      stack: "t",
      resources: [
        PLAN.resources[0],
        scaledObject("a-1", "frontend", 9, 40, [prometheus("request-rate", 100_000, "AverageValue")]),
      ],
    };
    const w = row(triggerAsks(low, demand()), "a-1", "frontend");
    assert.deepEqual([w.replicas, w.triggers[0].replicas, w.triggers[0].decides], [9, 1, false]);
  });

  it("prod with a request-rate target of 40 rps per pod: frontend asks 58, notification-service 29, user-service is capped at 75", async function () {
    this.timeout(180_000);
    const { plan } = await planWith("prod", {
      autoscaling: { mesh: { maxReplicas: 75, requestsPerSecondPerPod: 40 } },
    });
    const got = triggerAsks(plan as unknown as PlanLike, demand(plan as unknown as PlanLike));
    // By hand: 11,574 rps x share / 40, rounded up.
    const expected: Record<string, number> = {
      frontend: Math.ceil((PER_REGION * 0.2) / 40), // 2,314.8 / 40 -> 58
      "notification-service": Math.ceil((PER_REGION * 0.1) / 40), // 1,157.4 / 40 -> 29
      "user-service": 75, // 3,472.2 / 40 = 86.8 -> capped
      "activity-service": 75, // 4,629.6 / 40 = 115.7 -> capped
    };
    assert.deepEqual([expected.frontend, expected["notification-service"]], [58, 29]);
    const base = await planFor("prod");
    const before = triggerAsks(base.plan as unknown as PlanLike, demand(base.plan as unknown as PlanLike));
    // At prod's own 100 rps per pod: ceil(2,314.8 / 100) = 24.
    assert.equal(row(before, "us-east-1", "frontend").triggers.find((t) => t.trigger === "request-rate")!.replicas, 24);
    for (const region of ["eu-west-1", "us-east-1", "us-west-2"])
      for (const [svc, n] of Object.entries(expected))
        assert.equal(
          row(got, region, svc).triggers.find((t) => t.trigger === "request-rate")!.replicas,
          n,
          `${region} ${svc}`,
        );
    const activity = row(got, "us-east-1", "activity-service");
    assert.deepEqual(
      activity.triggers.filter((t) => t.type === "cron").map((t) => [t.trigger, t.replicas]),
      [
        ["weekday-off-hours", 3],
        ["business-hours", 10],
      ],
    );
    assert.equal(activity.triggers.find((t) => t.type === "kafka")!.replicas, 6);
  });
});
