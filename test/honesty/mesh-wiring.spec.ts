import { strict as assert } from "assert";
import { planMesh } from "../../components/mesh/plan";
import { meshInput } from "../mesh/fixtures";

/**
 * Every circuit-breaker and route setting reaches its own field of the Istio objects. The seed's
 * defaults share values (30 s interval and ejection, 3 errors and 3 retries), so a setting wired to
 * a sibling's field passes with them; here each key gets a value no other key has. Field names
 * from Istio's DestinationRule and VirtualService references (istio.io/latest/docs/reference/
 * config/networking/, read 2026-12-07). The pool limits must cover the demand: without a demand
 * model the fixture plans seed 003's 10,000 rps floor in one region, 10,000 x 0.1 s = 1,000 requests
 * in flight, x 1.5 headroom over 2 waypoint replicas = 750 per replica, so the values sit above it.
 */
const mesh = {
  outlierDetection: {
    consecutiveGatewayErrors: 7,
    intervalSeconds: 20,
    baseEjectionSeconds: 45,
    maxEjectionPercent: 33,
  },
  connectionPool: {
    maxConnections: 2500,
    http1MaxPendingRequests: 900,
    http2MaxRequests: 1200,
    maxRequestsPerConnection: 40,
    maxRetries: 4,
  },
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
          tcp: { maxConnections: 2500 },
          http: { http1MaxPendingRequests: 900, http2MaxRequests: 1200, maxRequestsPerConnection: 40, maxRetries: 4 },
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

  it("a pool limit below the demand's 750 per replica is refused, naming the key, the value and the minimum", () => {
    const low = { ...mesh, connectionPool: { ...mesh.connectionPool, http2MaxRequests: 749 } };
    assert.throws(
      () => planMesh(meshInput({ mesh: low })),
      (e: Error) =>
        e.message.includes("(1 problem(s))") &&
        e.message.includes("platform:mesh.connectionPool.http2MaxRequests: got 749; expected at least 750"),
    );
    assert.doesNotThrow(() =>
      planMesh(meshInput({ mesh: { ...mesh, connectionPool: { ...mesh.connectionPool, http2MaxRequests: 750 } } })),
    );
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
