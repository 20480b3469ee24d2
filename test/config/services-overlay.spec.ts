import { strict as assert } from "assert";
import { planWorkloads, type Manifest } from "../../components/workloads/manifests";
import { configIssues, testConfig } from "../helpers/stand-in";
import { planWith } from "../helpers/plan";

const regions = [{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }];
const load = (services: unknown) => testConfig({ environment: "dev", regions, services });
const issues = (services: unknown) =>
  configIssues({ environment: "dev", regions, services }).map((i) => `${i.path}: ${i.expected}`);
/** Seed 000's catalogue (frontend, user-, activity-, notification-service) plus the notification worker. */
const CATALOGUE = ["frontend", "user-service", "activity-service", "notification-service", "notification-worker"];

function manifests(services: unknown): Manifest[] {
  const c = load(services);
  const plan = planWorkloads({
    services: c.services,
    gateway: c.gateway,
    autoscaling: c.autoscaling,
    region: "us-east-1",
    vpcCidr: "10.0.0.0/16",
    queueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/q",
  });
  return plan.manifests.map((m) => m.manifest);
}
const names = (ms: Manifest[], kind: string) => ms.filter((m) => m.kind === kind).map((m) => m.metadata.name);
const so = (ms: Manifest[], name: string) =>
  ms.find((m) => m.kind === "ScaledObject" && m.metadata.name === name)!.spec;

describe("platform:services overlays the default catalogue by name", () => {
  it("an entry naming a default service changes only the keys it gives", () => {
    const c = load([{ name: "user-service", replicas: 4 }]);
    assert.deepEqual(
      c.services.map((s) => s.name),
      CATALOGUE,
    );
    // Seed 000: services run 3 replicas; only user-service takes the stack's 4.
    assert.deepEqual(
      c.services.map((s) => s.replicas),
      [3, 4, 3, 3, 3],
    );
    const user = c.services[1];
    assert.deepEqual(user.routes, ["/api/v1/users/", "/media/avatars/"]);
    assert.deepEqual([user.uses.database, user.uses.cache], [true, true]);
    const ms = manifests([{ name: "user-service", replicas: 4 }]);
    assert.deepEqual(names(ms, "Deployment").sort(), [...CATALOGUE, "nginx-gateway"].sort());
    assert.deepEqual(names(ms, "ScaledObject").sort(), [...CATALOGUE].sort());
  });

  it("merges nested keys and keeps the default's other settings (seeds 001/002: 3..50 on mesh telemetry)", () => {
    const ms = manifests([{ name: "user-service", autoscaling: { keda: { mesh: true, maxReplicas: 20 } } }]);
    assert.deepEqual([so(ms, "user-service").minReplicaCount, so(ms, "user-service").maxReplicaCount], [3, 20]);
    assert.equal(so(ms, "user-service").triggers[0].name, "request-rate");
    assert.deepEqual([so(ms, "frontend").minReplicaCount, so(ms, "frontend").maxReplicaCount], [3, 50]);
    const c = load([{ name: "frontend", resources: { limits: { cpu: "400m" } } }]);
    assert.deepEqual(c.services[0].resources, {
      requests: { cpu: "100m", memory: "128Mi" },
      limits: { cpu: "400m", memory: "256Mi" },
    });
  });

  it("a scaler given replaces the default's whole (one scaler per service, its triggers restated)", () => {
    const c = load([{ name: "notification-worker", autoscaling: { hpa: { maxReplicas: 8 } } }]);
    assert.deepEqual(c.services[4].autoscaling, {
      hpa: { minReplicas: 3, maxReplicas: 8, cpuPercent: 70, memoryPercent: 80 },
    });
    assert.deepEqual(issues([{ name: "user-service", autoscaling: { keda: { maxReplicas: 20 } } }]), [
      "platform:services[0].autoscaling.keda: at least one trigger: sqsQueueLength, prometheus, businessHours or mesh",
    ]);
  });

  it("a new name adds a service after the catalogue; remove: true drops a default", () => {
    const c = load([
      { name: "search", image: "ghcr.io/example/search:2.1.0", routes: ["/api/v1/search/"] },
      { name: "notification-worker", remove: true },
    ]);
    assert.deepEqual(
      c.services.map((s) => s.name),
      ["frontend", "user-service", "activity-service", "notification-service", "search"],
    );
    assert.deepEqual([c.services[4].replicas, c.services[4].port], [3, 8000]);
  });

  it("refuses bad overlays with the entry's key path and what was expected", () => {
    assert.deepEqual(issues([{ name: "search", routes: ["/api/v1/search/"] }]), [
      "platform:services[0].image: a container image reference pinned to a tag or digest",
    ]);
    assert.deepEqual(issues([{ name: "user-servce", replicas: 4 }]), [
      'platform:services[0].name: a default service\'s name (did you mean "user-service"?) or a new service with an image',
    ]);
    assert.deepEqual(issues([{ name: "payments", remove: true }]), [
      "platform:services[0].remove: a default service to remove (one of frontend, user-service, activity-service, notification-service, notification-worker)",
    ]);
    assert.deepEqual(issues([{ name: "frontend", remove: true, replicas: 2 }]), [
      "platform:services[0].remove: remove: true on its own (drop replicas or the removal)",
    ]);
    assert.deepEqual(issues([{ name: "user-service", replica: 4 }]), [
      'platform:services[0].replica: no such key (did you mean "replicas"?); allowed here: name, image, kind, port, routes, healthPath, replicas, resources, probes, uses, autoscaling, remove',
    ]);
    assert.deepEqual(issues(CATALOGUE.map((name) => ({ name, remove: true }))), [
      "platform:services: at least one service (every default service is removed)",
    ]);
  });

  it("points a cross-field problem at the entry the stack wrote, or names the untouched default", () => {
    assert.deepEqual(
      issues([
        { name: "frontend", remove: true },
        { name: "search", image: "ghcr.io/example/search:2.1.0", routes: ["/api/v1/users/"] },
      ]),
      [
        "platform:services[1].routes[0]: a route no other service claims (already routed to user-service)",
        'platform:services: one service owning the "/" route (the default, e.g. frontend)',
      ],
    );
    assert.deepEqual(issues([{ name: "frontend", routes: ["/", "/api/v1/activities/"] }]), [
      "platform:services[default activity-service].routes[0]: a route no other service claims (already routed to frontend)",
    ]);
  });

  it("a stack file naming one default service plans all five, only that one changed", async function () {
    this.timeout(240_000);
    const { plan, error } = await planWith("dev", {
      services: [{ name: "user-service", replicas: 4, autoscaling: {} }],
    });
    assert.equal(error, undefined, error?.message);
    const k8s = (kind: string) => plan!.resources.filter((r) => r.type === kind).map((r) => r.inputs as Manifest);
    const deployments = new Map(
      k8s("kubernetes:apps/v1:Deployment")
        .filter((d) => d.metadata.namespace === "apps")
        .map((d) => [d.metadata.name, d]),
    );
    assert.deepEqual([...deployments.keys()].sort(), [...CATALOGUE, "nginx-gateway"].sort());
    assert.equal(deployments.get("user-service")!.spec.replicas, 4);
    // The apps' scalers; Jenkins' agent pool scales in its own namespace, outside the catalogue.
    const scaled = new Map(
      k8s("kubernetes:keda.sh/v1alpha1:ScaledObject")
        .filter((m) => m.metadata.namespace === "apps")
        .map((m) => [m.metadata.name, m.spec]),
    );
    assert.deepEqual([...scaled.keys()].sort(), CATALOGUE.filter((n) => n !== "user-service").sort());
    // Seeds 001/002: mesh-scaled services 3..50; activity-service's floor is seed 004's weekend 2.
    assert.deepEqual(
      ["frontend", "activity-service", "notification-service"].map((n) => [
        scaled.get(n)!.minReplicaCount,
        scaled.get(n)!.maxReplicaCount,
      ]),
      [
        [3, 50],
        [2, 50],
        [3, 50],
      ],
    );
  });
});
