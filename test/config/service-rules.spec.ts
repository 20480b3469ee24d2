import { strict as assert } from "assert";
import { formatIssue } from "../../components/config";
import { DEFAULT_SERVICES } from "../../components/config/sections/workloads";
import { configIssues } from "../helpers/stand-in";

/**
 * Rules on the service catalogue (`platform:services` overlays seed 000's services by name):
 * routes as nginx locations, one owner per route, scaler triggers (KEDA needs at least one; seeds
 * 001/002: web services scale on their request rate), and the overlay's own checks.
 */
const dev = { environment: "dev", regions: [{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }] };
const img = "ghcr.io/example/extra:1.0.0";
const lines = (services: unknown[], extra: Record<string, unknown> = {}) =>
  // Chaos is on in dev and targets default services: off here, so only catalogue rules speak.
  configIssues({ ...dev, chaos: { enabled: false }, services, ...extra }).map(formatIssue);
/** Only the given services: every default removed. */
const only = (...services: Record<string, unknown>[]) => [
  ...services,
  ...DEFAULT_SERVICES.map((d) => ({ name: d.name, remove: true })),
];
const web = (name: string, routes: string[], extra: Record<string, unknown> = {}) => ({
  name,
  image: img,
  routes,
  autoscaling: { keda: { mesh: true } },
  ...extra,
});

describe("service catalogue rules", () => {
  it("routes: nginx-safe path prefixes ending in /", () => {
    assert.deepEqual(lines(only(web("a", ["/", "/x_y.z~1/%20:@!&'()*+,=-/"]))), []);
    assert.deepEqual(lines(only(web("a", ["/", "/a b/", "/a;b/", "/$x/", "/a{b}/", '/a"b/', "/a#/"]))), [
      'platform:services[0].routes[1]: got "/a b/"; expected a path prefix of URL characters (no spaces, quotes, ";", "$", "#" or braces)',
      'platform:services[0].routes[2]: got "/a;b/"; expected a path prefix of URL characters (no spaces, quotes, ";", "$", "#" or braces)',
      'platform:services[0].routes[3]: got "/$x/"; expected a path prefix of URL characters (no spaces, quotes, ";", "$", "#" or braces)',
      'platform:services[0].routes[4]: got "/a{b}/"; expected a path prefix of URL characters (no spaces, quotes, ";", "$", "#" or braces)',
      'platform:services[0].routes[5]: got "/a\\"b/"; expected a path prefix of URL characters (no spaces, quotes, ";", "$", "#" or braces)',
      'platform:services[0].routes[6]: got "/a#/"; expected a path prefix of URL characters (no spaces, quotes, ";", "$", "#" or braces)',
    ]);
    assert.deepEqual(lines(only(web("a", ["/", "/api"]))), [
      'platform:services[0].routes[1]: got "/api"; expected a path prefix ending with "/" (so /api/v1/users does not also match /api/v1/users-admin)',
    ]);
  });

  it("one owner per route; a service may list its own route twice", () => {
    assert.deepEqual(lines(only(web("a", ["/", "/x/", "/x/"]))), []);
    assert.deepEqual(lines(only(web("a", ["/"]), web("b", ["/x/", "/"]))), [
      'platform:services[1].routes[1]: got "/"; expected a route no other service claims (already routed to a)',
    ]);
  });

  it("someone owns / while there is a web service; a worker-only catalogue needs no /", () => {
    assert.deepEqual(lines(only(web("a", ["/a/"]))), [
      'platform:services: got ["/a/"]; expected one service owning the "/" route (the default, e.g. frontend)',
    ]);
    const worker = { name: "w", image: img, kind: "worker", autoscaling: { keda: { sqsQueueLength: 5 } } };
    assert.deepEqual(lines(only(worker)), []);
    assert.deepEqual(lines(only({ ...worker, routes: ["/w/"] })), [
      'platform:services[0].routes: got ["/w/"]; expected no routes for a worker (workers have no Service)',
    ]);
  });

  it("service names are unique", () => {
    assert.deepEqual(lines(only(web("a", ["/"]), web("a", ["/b/"]))), [
      'platform:services: got "a"; expected unique service names',
    ]);
  });

  it("KEDA needs a trigger; SQS scaling needs the queue; a web service needs a rate trigger", () => {
    const svc = (keda: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      lines(only({ name: "a", image: img, routes: ["/"], autoscaling: { keda }, ...extra }));
    assert.deepEqual(svc({ minReplicas: 1 }), [
      'platform:services[0].autoscaling.keda: got {"minReplicas":1}; expected at least one trigger: sqsQueueLength, prometheus, businessHours or mesh',
    ]);
    assert.deepEqual(svc({ prometheus: { query: "sum(rate(x[1m]))", threshold: 5 } }), []);
    assert.deepEqual(svc({ sqsQueueLength: 5, mesh: true }, { uses: { queue: true } }), []);
    assert.deepEqual(svc({ sqsQueueLength: 5, mesh: true }), [
      "platform:services[0].uses.queue: got false; expected true when scaling on an SQS queue",
    ]);
    assert.deepEqual(svc({ sqsQueueLength: 5 }, { uses: { queue: true } }), [
      'platform:services[0].autoscaling.keda: got {"sqsQueueLength":5}; expected a request-rate trigger for a web service (a): { keda: { mesh: true } } (request rate, p95 and 5xx from the mesh) or keda.prometheus with a request-rate query',
    ]);
    assert.deepEqual(lines(only({ name: "a", image: img, routes: ["/"], autoscaling: { hpa: { maxReplicas: 5 } } })), [
      'platform:services[0].autoscaling.hpa: got {"maxReplicas":5}; expected no plain CPU/memory HPA for a web service (a): use { keda: { mesh: true } } (request rate, p95 and 5xx from the mesh) or keda.prometheus with a request-rate query',
    ]);
  });

  it("mesh scaling: web services only, and only with the mesh on", () => {
    const worker = { name: "w", image: img, kind: "worker", autoscaling: { keda: { mesh: true, sqsQueueLength: 5 } } };
    assert.deepEqual(lines(only(web("a", ["/"]), worker)), [
      "platform:services[1].autoscaling.keda.mesh: got true; expected false for a worker (no Service, so the mesh sees no requests to scale on)",
    ]);
    assert.deepEqual(lines(only(web("a", ["/"])), { mesh: { enabled: false } }), [
      "platform:services[0].autoscaling.keda.mesh: got true; expected false while platform:mesh.enabled is false (nothing exports istio_requests_total)",
    ]);
  });

  it("a KEDA range: min over max at the min the service set, else at its max", () => {
    const worker = (keda: Record<string, unknown>) =>
      lines(only({ name: "w", image: img, kind: "worker", autoscaling: { keda: { sqsQueueLength: 5, ...keda } } }));
    assert.deepEqual(worker({ minReplicas: 6, maxReplicas: 6 }), []);
    assert.deepEqual(worker({ minReplicas: 7, maxReplicas: 6 }), [
      "platform:services[0].autoscaling.keda.minReplicas: got 7; expected at most maxReplicas (6)",
    ]);
    // autoscaling.keda.minReplicas (2 here) above the service's max of 1.
    assert.deepEqual(
      lines(
        only({ name: "w", image: img, kind: "worker", autoscaling: { keda: { sqsQueueLength: 5, maxReplicas: 1 } } }),
        {
          autoscaling: { keda: { minReplicas: 2 } },
        },
      ),
      ["platform:services[0].autoscaling.keda.maxReplicas: got 1; expected at least minReplicas (2)"],
    );
    // A mesh service's max below autoscaling.mesh.minReplicas is reported once, by the mesh rule.
    assert.deepEqual(lines(only(web("a", ["/"], { autoscaling: { keda: { mesh: true, maxReplicas: 2 } } }))), [
      "platform:services[0].autoscaling.keda.maxReplicas: got 2; expected at least autoscaling.mesh.minReplicas (3)",
    ]);
    assert.deepEqual(lines(only(web("a", ["/"], { autoscaling: { keda: { mesh: true, maxReplicas: 3 } } }))), []);
  });

  it("overlay: a removal names a default service and stands alone; a near-miss name without an image", () => {
    assert.deepEqual(lines([{ name: "ghost", remove: true }]), [
      "platform:services[0].remove: got true; expected a default service to remove (one of frontend, user-service, activity-service, notification-service, notification-worker)",
    ]);
    assert.deepEqual(lines([{ name: "notification-worker", remove: true, replicas: 2 }]), [
      "platform:services[0].remove: got true; expected remove: true on its own (drop replicas or the removal)",
    ]);
    assert.deepEqual(lines([{ name: "user-servce", replicas: 2 }]).slice(0, 1), [
      'platform:services[0].name: got "user-servce"; expected a default service\'s name (did you mean "user-service"?) or a new service with an image',
    ]);
    assert.deepEqual(lines([{ name: "notification-worker", remove: true }]), []);
    assert.deepEqual(lines(DEFAULT_SERVICES.map((d) => ({ name: d.name, remove: true }))), [
      'platform:services: got [{"name":"frontend","remove":true},{"name":"user-service","remove":true},{"na...; expected at least one service (every default service is removed)',
    ]);
  });
});
