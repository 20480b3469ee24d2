import { strict as assert } from "assert";
import fc from "fast-check";
import { SEED_002_SCENARIOS } from "../../components/loadtest/plan";
import { durationProblems, planMesh } from "../../components/mesh/plan";
import { derivePool, fits } from "../../components/mesh/pool";
import { meshInput } from "./fixtures";

/**
 * The waypoint's connection pool from the demand model: Little's law at seed 003's 100 ms, the
 * region's share with one region lost, 50 % headroom, divided by the waypoint's minimum replicas
 * (Istio applies connectionPool per client proxy). Expected numbers are worked out by hand here.
 */
const poolOf = (plan: ReturnType<typeof planMesh>) =>
  plan.manifests.find((m) => m.manifest.kind === "DestinationRule")!.manifest.spec.trafficPolicy.connectionPool;

describe("mesh: connection pool derived from the capacity model", () => {
  it("non-default demand and replicas change the rendered limits", () => {
    // 50,000 rps over 3 regions, one lost: 25,000 rps x 0.1 s = 2,500 in flight; x 1.5 / 4 replicas = 937.5 -> 938.
    const plan = planMesh(
      meshInput({
        mesh: { waypoint: { minReplicas: 4, maxReplicas: 8 } },
        pool: { peakRps: 50_000, regions: 3, loadTestVus: 0 },
      }),
    );
    assert.deepEqual(poolOf(plan), {
      tcp: { maxConnections: 938 },
      http: { http1MaxPendingRequests: 938, http2MaxRequests: 938, maxRetries: 3 },
    });
  });

  it("the peak and stress load scenarios fit the pools at the waypoint's minimum replicas", () => {
    const vus = Math.max(SEED_002_SCENARIOS.peak.vus, SEED_002_SCENARIOS.stress.vus); // 5,000 (seed 002)
    const limits = derivePool({ peakRps: 10_000, regions: 3, loadTestVus: vus, waypointMinReplicas: 2 });
    // 5,000 VUs in flight x 1.5 / 2 = 3,750 per replica.
    assert.equal(limits.maxConnections, 3750);
    for (const s of ["peak", "stress"] as const) assert.ok(fits(limits, 2, SEED_002_SCENARIOS[s].vus), s);
    // The seed's fixed 100 connections overflow both: 2 x 100 < 1,000 VUs.
    for (const s of ["peak", "stress"] as const)
      assert.equal(fits({ maxConnections: 100, http1MaxPendingRequests: 10 }, 2, SEED_002_SCENARIOS[s].vus), false);
  });

  it("property: more demand or fewer replicas never lowers the per-replica limit, and the pools hold the demand", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200_000 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 10 }),
        (peakRps, regions, loadTestVus, replicas) => {
          const a = derivePool({ peakRps, regions, loadTestVus, waypointMinReplicas: replicas });
          const more = derivePool({ peakRps: peakRps * 2, regions, loadTestVus, waypointMinReplicas: replicas });
          const fewer = derivePool({ peakRps, regions, loadTestVus, waypointMinReplicas: Math.max(1, replicas - 1) });
          assert.ok(more.perReplica >= a.perReplica && fewer.perReplica >= a.perReplica);
          assert.ok(fits(a, replicas, a.concurrency));
        },
      ),
    );
  });

  it("an explicit limit below the demand is a config error naming the key, the value and the minimum", () => {
    assert.throws(
      () =>
        planMesh(
          meshInput({
            mesh: { connectionPool: { maxConnections: 100 } },
            pool: { peakRps: 50_000, regions: 3, loadTestVus: 0 },
          }),
        ),
      /platform:mesh\.connectionPool\.maxConnections: got 100; expected at least 1875 \(2500 requests in flight per region x 1\.5 \/ waypoint minReplicas\), or omit it to derive/,
    );
    const ok = planMesh(meshInput({ mesh: { connectionPool: { maxConnections: 5000 } } }));
    assert.equal(poolOf(ok).tcp.maxConnections, 5000);
  });
});

describe("mesh: rendered durations in Istio's grammar", () => {
  it("every outlier-detection and route duration is a protobuf Duration of at least 1ms", () => {
    const plan = planMesh(meshInput());
    assert.deepEqual(durationProblems(plan.manifests), []);
    const planted = plan.manifests.map((m) =>
      m.manifest.kind === "DestinationRule"
        ? {
            ...m,
            manifest: {
              ...m.manifest,
              spec: {
                ...m.manifest.spec,
                trafficPolicy: {
                  ...m.manifest.spec.trafficPolicy,
                  outlierDetection: { ...m.manifest.spec.trafficPolicy.outlierDetection, interval: "30" },
                },
              },
            },
          }
        : m,
    );
    const found = durationProblems(planted);
    assert.equal(found.length, 4); // one per web service
    assert.equal(
      found[0],
      'DestinationRule frontend outlierDetection.interval: got "30"; expected a protobuf Duration of at least 1ms like "30s"',
    );
  });
});
