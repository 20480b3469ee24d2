import { strict as assert } from "assert";
import { ConfigError, formatIssue } from "../../components/config";
import { seedConfig, seedServices } from "./fixtures";

/** Every formatted problem for the seed catalogue with some services patched ([] if it loads). */
function problems(patch: Record<string, Record<string, unknown>>, extra: Record<string, unknown> = {}): string[] {
  try {
    seedConfig({ services: seedServices(patch), ...extra });
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return err.issues.map(formatIssue);
  }
}

const RATE =
  "{ keda: { mesh: true } } (request rate, p95 and 5xx from the mesh) or keda.prometheus with a request-rate query";

describe("workloads config: bad input gets a clear error", () => {
  it("the seed catalogue loads", () => {
    assert.deepEqual(problems({}), []);
  });

  it("a service with both hpa and keda", () => {
    assert.deepEqual(problems({ frontend: { autoscaling: { hpa: {}, keda: { businessHours: true } } } }), [
      'platform:services[0].autoscaling: got {"hpa":{},"keda":{"businessHours":true}}; expected either hpa or keda, not both (KEDA refuses a target an HPA already scales)',
    ]);
  });

  it("min > max for a service's HPA or ScaledObject, and in the platform defaults", () => {
    assert.deepEqual(
      problems({
        frontend: { autoscaling: { hpa: { minReplicas: 5, maxReplicas: 4 } } },
        "notification-worker": { autoscaling: { keda: { sqsQueueLength: 10, minReplicas: 9, maxReplicas: 2 } } },
      }),
      [
        "platform:services[0].autoscaling.hpa.minReplicas: got 5; expected at most maxReplicas (4)",
        "platform:services[4].autoscaling.keda.minReplicas: got 9; expected at most maxReplicas (2)",
        `platform:services[0].autoscaling.hpa: got {"minReplicas":5,"maxReplicas":4}; expected no plain CPU/memory HPA for a web service (frontend): use ${RATE}`,
      ],
    );
    assert.ok(
      problems({}, { gateway: { minReplicas: 4, maxReplicas: 3 } }).includes(
        "platform:gateway.minReplicas: got 4; expected at most gateway.maxReplicas (3)",
      ),
    );
  });

  it("judges a mesh-scaled service's minimum against the range it renders (mesh defaults, not keda's)", () => {
    // Platform defaults: keda 1..10, mesh 3..50. A rate-scaled service asking for 20 pods minimum renders
    // 20..50 (the ScaledObject's max is the mesh default), so it is valid; 60 is above that max.
    const mesh = (minReplicas: number) => ({ autoscaling: { keda: { mesh: true, minReplicas } } });
    const autoscaling = { keda: { minReplicas: 1, maxReplicas: 10 }, mesh: { minReplicas: 3, maxReplicas: 50 } };
    assert.deepEqual(problems({ "activity-service": mesh(20) }, { autoscaling }), []);
    assert.deepEqual(problems({ "activity-service": mesh(60) }, { autoscaling }), [
      "platform:services[2].autoscaling.keda.minReplicas: got 60; expected at most maxReplicas (50)",
    ]);
    // A service's own max below the platform's default min is reported at the key the service set.
    const worker = { autoscaling: { keda: { sqsQueueLength: 10, maxReplicas: 1 } } };
    const floor2 = { ...autoscaling, keda: { minReplicas: 2, maxReplicas: 10 } };
    assert.deepEqual(problems({ "notification-worker": worker }, { autoscaling: floor2 }), [
      "platform:services[4].autoscaling.keda.maxReplicas: got 1; expected at least minReplicas (2)",
    ]);
  });

  it("requests above limits", () => {
    assert.deepEqual(
      problems({
        "user-service": {
          resources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "200m", memory: "256Mi" } },
        },
      }),
      [
        'platform:services[1].resources.requests.cpu: got "500m"; expected at most resources.limits.cpu (200m)',
        'platform:services[1].resources.requests.memory: got "512Mi"; expected at most resources.limits.memory (256Mi)',
      ],
    );
  });

  it('bad quantities such as "128MB"', () => {
    assert.deepEqual(problems({ "user-service": { resources: { requests: { cpu: "100 m", memory: "128MB" } } } }), [
      'platform:services[1].resources.requests.cpu: got "100 m"; expected a CPU quantity like "100m" or "2"',
      'platform:services[1].resources.requests.memory: got "128MB"; expected a memory quantity like "128Mi" or "1Gi"',
    ]);
  });

  it('a route not starting with "/", not ending with "/", or carrying nginx syntax', () => {
    assert.deepEqual(problems({ "user-service": { routes: ["api/v1/users/", "/media/avatars", "/media/a;b/"] } }), [
      'platform:services[1].routes[0]: got "api/v1/users/"; expected a path prefix starting with "/"',
      'platform:services[1].routes[1]: got "/media/avatars"; expected a path prefix ending with "/" (so /api/v1/users does not also match /api/v1/users-admin)',
      'platform:services[1].routes[2]: got "/media/a;b/"; expected a path prefix of URL characters (no spaces, quotes, ";", "$", "#" or braces)',
    ]);
  });

  it("two services claiming the same route", () => {
    assert.deepEqual(problems({ "notification-service": { routes: ["/api/v1/users/"] } }), [
      'platform:services[3].routes[0]: got "/api/v1/users/"; expected a route no other service claims (already routed to user-service)',
    ]);
  });

  it("routes on a worker, and no owner for the catch-all route", () => {
    assert.deepEqual(problems({ "notification-worker": { routes: ["/jobs/"] }, frontend: { routes: ["/app/"] } }), [
      'platform:services[4].routes: got ["/jobs/"]; expected no routes for a worker (workers have no Service)',
      'platform:services: got ["/app/","/api/v1/users/","/media/avatars/","/api/v1/activities/","/media/act...; expected one service owning the "/" route (the default, e.g. frontend)',
    ]);
  });

  it("a KEDA block without triggers, and an SQS trigger on a web service that does not use the queue", () => {
    assert.deepEqual(
      problems({
        frontend: { autoscaling: { keda: { minReplicas: 2 } } },
        "user-service": { autoscaling: { keda: { sqsQueueLength: 5 } } },
      }),
      [
        'platform:services[0].autoscaling.keda: got {"minReplicas":2}; expected at least one trigger: sqsQueueLength, prometheus, businessHours or mesh',
        "platform:services[1].uses.queue: got false; expected true when scaling on an SQS queue",
        `platform:services[1].autoscaling.keda: got {"sqsQueueLength":5}; expected a request-rate trigger for a web service (user-service): ${RATE}`,
      ],
    );
  });

  it("a web service scaling without a request-rate trigger: a plain CPU HPA, or KEDA on a schedule alone (seeds 001/002)", () => {
    assert.deepEqual(problems({ "activity-service": { autoscaling: { hpa: { cpuPercent: 70 } } } }), [
      `platform:services[2].autoscaling.hpa: got {"cpuPercent":70}; expected no plain CPU/memory HPA for a web service (activity-service): use ${RATE}`,
    ]);
    assert.deepEqual(
      problems({ "activity-service": { autoscaling: { keda: { businessHours: true, maxReplicas: 20 } } } }),
      [
        `platform:services[2].autoscaling.keda: got {"maxReplicas":20,"businessHours":true}; expected a request-rate trigger for a web service (activity-service): ${RATE}`,
      ],
    );
    // A worker may scale on an HPA or its queue: it serves no requests.
    assert.deepEqual(problems({ "notification-worker": { autoscaling: { hpa: {} } } }), []);
  });

  it("a latest or untagged image", () => {
    assert.deepEqual(problems({ frontend: { image: "ghcr.io/example/frontend:latest" } }), [
      'platform:services[0].image: got "ghcr.io/example/frontend:latest"; expected an image pinned to a version tag or sha256 digest (not "latest", not untagged)',
    ]);
  });
});
