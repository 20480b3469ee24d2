import { strict as assert } from "assert";
import { formatIssue } from "../../components/config";
import { configIssues } from "../helpers/stand-in";

/**
 * Cross-field rules of the mesh, the edge and scheduled scaling, each at its boundary with
 * non-default values. Limits from their sources: Istio's HTTPRetry (every try, attempts + 1 of
 * them, fits in the route timeout), nginx's proxy timeout in front of the mesh, Route53 (names in
 * the hosted zone), seed 004 (business-hours floors below the maximum).
 */
const dev = { environment: "dev", regions: [{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }] };
const under = (raw: Record<string, unknown>, prefix: string) =>
  configIssues(raw)
    .filter((i) => i.path.startsWith(prefix))
    .map(formatIssue);

describe("mesh, edge and schedule rules at their boundaries", () => {
  it("mesh retries: (attempts + 1) x perTryTimeout must fit in the route timeout", () => {
    const routes = (timeoutSeconds: number, attempts: number, perTryTimeoutSeconds: number) => ({
      ...dev,
      gateway: { proxyTimeoutSeconds: 120 },
      mesh: { routes: { timeoutSeconds, attempts, perTryTimeoutSeconds } },
    });
    assert.deepEqual(under(routes(60, 3, 15), "platform:mesh"), []);
    assert.deepEqual(under(routes(60, 3, 16), "platform:mesh"), [
      "platform:mesh.routes.perTryTimeoutSeconds: got 16; expected at most timeoutSeconds / (attempts + 1) = 15 (every try must fit in the route timeout)",
    ]);
    assert.deepEqual(under(routes(50, 0, 50), "platform:mesh"), []);
    assert.deepEqual(under(routes(50, 2, 17), "platform:mesh"), [
      "platform:mesh.routes.perTryTimeoutSeconds: got 17; expected at most timeoutSeconds / (attempts + 1) = 16 (every try must fit in the route timeout)",
    ]);
    // A disabled mesh is not checked.
    assert.deepEqual(
      under({ ...routes(60, 3, 16), mesh: { enabled: false, routes: { perTryTimeoutSeconds: 99 } } }, "platform:mesh"),
      [],
    );
  });

  it("mesh route timeout at most the gateway's proxy timeout", () => {
    const t = (timeoutSeconds: number, proxyTimeoutSeconds: number) => ({
      ...dev,
      gateway: { proxyTimeoutSeconds },
      mesh: { routes: { timeoutSeconds, attempts: 0, perTryTimeoutSeconds: 1 } },
    });
    assert.deepEqual(under(t(45, 45), "platform:mesh"), []);
    assert.deepEqual(under(t(46, 45), "platform:mesh"), [
      "platform:mesh.routes.timeoutSeconds: got 46; expected at most platform:gateway.proxyTimeoutSeconds (45): nginx would give up before the mesh answers",
    ]);
  });

  it("waypoint replicas: min == max loads, min over max is refused", () => {
    const w = (minReplicas: number, maxReplicas: number) => ({
      ...dev,
      mesh: { waypoint: { minReplicas, maxReplicas } },
    });
    assert.deepEqual(under(w(4, 4), "platform:mesh"), []);
    assert.deepEqual(under(w(5, 4), "platform:mesh"), [
      "platform:mesh.waypoint.minReplicas: got 5; expected at most waypoint.maxReplicas (4)",
    ]);
  });

  it("mTLS: PERMISSIVE only in dev", () => {
    assert.deepEqual(under({ ...dev, mesh: { mtls: "PERMISSIVE" } }, "platform:mesh"), []);
    const staging = { ...dev, environment: "staging" };
    assert.deepEqual(under({ ...staging, mesh: { mtls: "PERMISSIVE" } }, "platform:mesh"), [
      'platform:mesh.mtls: got "PERMISSIVE"; expected "STRICT" in staging (plaintext between pods is refused outside dev)',
    ]);
    assert.deepEqual(under({ ...staging, mesh: { mtls: "STRICT" } }, "platform:mesh"), []);
  });

  it("mesh calls: callers are services, callees web services", () => {
    const calls = (c: Record<string, string[]>) => under({ ...dev, mesh: { calls: c } }, "platform:mesh");
    assert.deepEqual(calls({ frontend: ["user-service", "activity-service"] }), []);
    assert.deepEqual(calls({ frontend: ["notification-worker"] }), [
      'platform:mesh.calls.frontend[0]: got "notification-worker"; expected a web service in platform:services (workers have no Service to call)',
    ]);
    assert.deepEqual(calls({ frontend: ["user-service", "ghost"] }), [
      'platform:mesh.calls.frontend[1]: got "ghost"; expected a web service in platform:services (workers have no Service to call)',
    ]);
    const ghost = calls({ ghost: ["frontend"] });
    assert.deepEqual(ghost, [
      'platform:mesh.calls.ghost: got "ghost"; expected a service in platform:services (frontend, user-service, activity-service, notification-service, notification-worker)',
    ]);
  });

  it("edge: the hosted zone is the domain or a parent of it", () => {
    const edge = (e: Record<string, unknown>) => under({ ...dev, edge: e }, "platform:edge");
    assert.deepEqual(edge({ domain: "shop.example.org", hostedZone: "example.org" }), []);
    assert.deepEqual(edge({ domain: "example.org", hostedZone: "example.org" }), []);
    assert.deepEqual(edge({ domain: "example.org" }), []);
    assert.deepEqual(edge({ domain: "shopexample.org", hostedZone: "example.org" }), [
      'platform:edge.hostedZone: got "example.org"; expected the domain (shopexample.org) or a parent of it',
    ]);
    assert.deepEqual(edge({ domain: "example.org", hostedZone: "shop.example.org" }), [
      'platform:edge.hostedZone: got "shop.example.org"; expected the domain (example.org) or a parent of it',
    ]);
  });

  it("edge aliases: each once, and never an origin name", () => {
    const edge = (aliases: string[], originLabel = "origin") =>
      under({ ...dev, edge: { aliases, originLabel } }, "platform:edge");
    assert.deepEqual(edge(["www", "api", "origins"]), []);
    assert.deepEqual(edge(["www", "api", "www"]), [
      'platform:edge.aliases[2]: got "www"; expected each alias listed once',
    ]);
    assert.deepEqual(edge(["www", "lb-us-east-1"], "lb"), [
      'platform:edge.aliases[1]: got "lb-us-east-1"; expected a label other than the origin names (lb, lb-<region>): those must only reach the ALBs',
    ]);
    assert.deepEqual(edge(["lb"], "lb"), [
      'platform:edge.aliases[0]: got "lb"; expected a label other than the origin names (lb, lb-<region>): those must only reach the ALBs',
    ]);
  });

  it("edge WAF logs: at least 90 days in prod only", () => {
    const waf = (environment: string, logRetentionDays: number) =>
      under({ ...dev, environment, edge: { waf: { logRetentionDays } } }, "platform:edge.waf");
    assert.deepEqual(waf("dev", 30), []);
    assert.deepEqual(waf("prod", 90), []);
    assert.deepEqual(waf("prod", 60), [
      "platform:edge.waf.logRetentionDays: got 60; expected at least 90 in prod (WAF logs are the record of what reached the edge during an incident)",
    ]);
  });

  it("business hours: floors ordered, below each scheduled service's max, and a Go-loadable zone", () => {
    const bh = (b: Record<string, unknown>) =>
      under({ ...dev, autoscaling: { keda: { businessHours: b } } }, "platform:autoscaling");
    // activity-service follows the schedule with autoscaling.mesh's max (seed 001/002: 50).
    assert.deepEqual(bh({ desiredReplicas: 49, offHoursReplicas: 49, weekendReplicas: 49 }), []);
    assert.deepEqual(bh({ desiredReplicas: 50, offHoursReplicas: 3, weekendReplicas: 2 }), [
      "platform:autoscaling.keda.businessHours.desiredReplicas: got 50; expected below the maxReplicas (50, autoscaling.mesh.maxReplicas) of services[2] (activity-service), so its rate trigger can still add capacity",
    ]);
    assert.deepEqual(bh({ desiredReplicas: 10, offHoursReplicas: 11, weekendReplicas: 2 }), [
      "platform:autoscaling.keda.businessHours.offHoursReplicas: got 11; expected at most desiredReplicas (10)",
    ]);
    assert.deepEqual(bh({ desiredReplicas: 10, offHoursReplicas: 3, weekendReplicas: 4 }), [
      "platform:autoscaling.keda.businessHours.weekendReplicas: got 4; expected at most offHoursReplicas (3)",
    ]);
    assert.deepEqual(bh({ timezone: "Europe/Dublin" }), []);
    assert.deepEqual(bh({ timezone: "Europe/Dublinn" }), [
      'platform:autoscaling.keda.businessHours.timezone: got "Europe/Dublinn"; expected an IANA time zone like "America/New_York" (or unset: each region\'s own zone)',
    ]);
    // KEDA's cron scaler (NewParser(Minute | Hour | Dom | Month | Dow)) refuses hour 25 and descriptors.
    assert.deepEqual(bh({ start: "0 8 * * mon-fri", end: "30 18 * * 1-5" }), []);
    assert.deepEqual(bh({ start: "0 25 * * 1-5", end: "@daily" }), [
      'platform:autoscaling.keda.businessHours.start: got "0 25 * * 1-5"; expected a 5-field cron expression KEDA parses, like "0 9 * * 1-5" (minute 0-59, hour 0-23, day 1-31, month 1-12 or jan-dec, weekday 0-6 or sun-sat; no @ descriptors)',
      'platform:autoscaling.keda.businessHours.end: got "@daily"; expected a 5-field cron expression KEDA parses, like "0 9 * * 1-5" (minute 0-59, hour 0-23, day 1-31, month 1-12 or jan-dec, weekday 0-6 or sun-sat; no @ descriptors)',
    ]);
  });
});
