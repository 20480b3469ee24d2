import { strict as assert } from "assert";
import { planMesh } from "../../components/mesh/plan";
import { meshInput } from "../mesh/fixtures";

/**
 * Every circuit-breaker and route setting reaches its own field of the Istio objects. The seed's
 * defaults share values (30 s interval and ejection, 3 errors and 3 retries), so a setting wired to
 * a sibling's field passes with them; here each key gets a value no other key has. Field names
 * from Istio's DestinationRule and VirtualService references (istio.io/latest/docs/reference/
 * config/networking/, read 2026-12-07).
 */
const mesh = {
  outlierDetection: {
    consecutiveGatewayErrors: 7,
    intervalSeconds: 20,
    baseEjectionSeconds: 45,
    maxEjectionPercent: 33,
  },
  connectionPool: { maxConnections: 250, http1MaxPendingRequests: 25, maxRequestsPerConnection: 40, maxRetries: 4 },
  routes: { timeoutSeconds: 24, attempts: 2, perTryTimeoutSeconds: 8 },
};
const manifests = planMesh(meshInput({ mesh })).manifests.map((m) => m.manifest);
const named = (kind: string, name: string) =>
  manifests.find((m) => m.kind === kind && m.metadata.name === name) ?? assert.fail(`no ${kind} ${name}`);

describe("mesh: each configured value lands in its own field", () => {
  it("DestinationRule: outlier detection and connection pool from platform:mesh, none swapped", () => {
    for (const service of ["frontend", "user-service", "activity-service", "notification-service"])
      assert.deepEqual(named("DestinationRule", service).spec.trafficPolicy, {
        connectionPool: {
          tcp: { maxConnections: 250 },
          http: { http1MaxPendingRequests: 25, maxRequestsPerConnection: 40, maxRetries: 4 },
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

  it("VirtualService: the route timeout, attempts and per-try timeout from platform:mesh.routes", () => {
    const http = named("VirtualService", "user-service").spec.http as {
      timeout: string;
      retries: { attempts: number; perTryTimeout: string };
    }[];
    assert.ok(http.length >= 2);
    for (const h of http) {
      assert.equal(h.timeout, "24s");
      assert.equal(h.retries.attempts, 2);
      assert.equal(h.retries.perTryTimeout, "8s");
    }
  });
});
