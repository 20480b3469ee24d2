import { strict as assert } from "assert";
import type { PlanResource } from "../../policies/lib/offline";
import { planWith } from "../helpers/plan";

/**
 * From the stack file to the planned resource: non-default values for keys whose defaults
 * coincide (70/80 %, 60/300 s, 30 s / 30 s), each different from every other, so a value wired to
 * a sibling's input or left at its default fails. The whole dev program runs on the mock engine.
 */
const OVERRIDES = {
  autoscaling: {
    hpa: {
      cpuPercent: 65,
      memoryPercent: 85,
      scaleUp: { stabilizationSeconds: 45, percent: 150, periodSeconds: 30 },
      scaleDown: { stabilizationSeconds: 240, percent: 20, periodSeconds: 90 },
    },
  },
  gateway: { minReplicas: 3, maxReplicas: 7 },
  mesh: {
    outlierDetection: {
      consecutiveGatewayErrors: 7,
      intervalSeconds: 20,
      baseEjectionSeconds: 45,
      maxEjectionPercent: 33,
    },
    // Dev's demand (20 rps, one region) needs 2 per waypoint replica; these sit above it and differ from each other.
    connectionPool: { maxConnections: 250, http1MaxPendingRequests: 25, http2MaxRequests: 60, maxRetries: 4 },
  },
};

describe("wiring: dev with non-default scaling and mesh settings", function () {
  this.timeout(300_000);
  let resources: PlanResource[];
  before(async () => {
    const { plan, error } = await planWith("dev", OVERRIDES);
    assert.ok(plan, error?.message);
    resources = plan.resources;
  });
  const spec = (type: string, name: string) => {
    const r = resources.find((x) => x.type === type && x.name.endsWith(name));
    assert.ok(r, `${type} ${name}`);
    return (r.inputs as { spec: Record<string, unknown> }).spec;
  };

  it("the gateway HPA: gateway.min/maxReplicas, autoscaling.hpa utilisation targets and behaviour", () =>
    assert.deepEqual(spec("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "nginx-gateway"), {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "nginx-gateway" },
      minReplicas: 3,
      maxReplicas: 7,
      metrics: [
        { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 65 } } },
        { type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 85 } } },
      ],
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: 45,
          selectPolicy: "Max",
          policies: [{ type: "Percent", value: 150, periodSeconds: 30 }],
        },
        scaleDown: {
          stabilizationWindowSeconds: 240,
          selectPolicy: "Max",
          policies: [{ type: "Percent", value: 20, periodSeconds: 90 }],
        },
      },
    }));

  it("every DestinationRule: platform:mesh outlier detection and connection pool", () => {
    const rules = resources.filter((r) => r.type === "kubernetes:networking.istio.io/v1:DestinationRule");
    assert.equal(rules.length, 4);
    for (const r of rules)
      assert.deepEqual((r.inputs as { spec: { trafficPolicy: unknown } }).spec.trafficPolicy, {
        connectionPool: {
          tcp: { maxConnections: 250 },
          http: { http1MaxPendingRequests: 25, http2MaxRequests: 60, maxRetries: 4 },
        },
        outlierDetection: {
          consecutiveGatewayErrors: 7,
          consecutive5xxErrors: 0,
          interval: "20s",
          baseEjectionTime: "45s",
          maxEjectionPercent: 33,
        },
      });
  });
});
