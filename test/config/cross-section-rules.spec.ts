import { strict as assert } from "assert";
import { formatIssue } from "../../components/config";
import { configIssues, testConfig } from "../helpers/stand-in";

/**
 * Cross-section rules of semantic.ts not covered elsewhere: burstable classes refused by Aurora
 * Global Database and ElastiCache Global Datastore, a Global Datastore needs a second region, one
 * route per alert severity, alarm subscribers in staging, the control-plane log types that are
 * always on, unique NodePool names; and the inert-key warnings for mesh and KEDA ranges.
 */
const one = { environment: "dev", regions: [{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }] };
const two = { ...one, regions: [...one.regions, { name: "us-west-2", vpcCidr: "10.1.0.0/16" }] };
const lines = (raw: Record<string, unknown>, prefix: string) =>
  configIssues(raw)
    .filter((i) => i.path.startsWith(prefix))
    .map(formatIssue);

describe("cross-section rules", () => {
  it("burstable classes: refused once the data store is global", () => {
    assert.deepEqual(
      lines({ ...two, database: { instanceClass: "db.t4g.large" } }, "platform:database.instanceClass"),
      [
        'platform:database.instanceClass: got "db.t4g.large"; expected a non-burstable class (db.r*/db.x*): Aurora Global Database does not support db.t*',
      ],
    );
    assert.deepEqual(
      lines({ ...one, database: { instanceClass: "db.t4g.large" } }, "platform:database.instanceClass"),
      [],
    );
    assert.deepEqual(
      lines(
        { ...two, database: { instanceClass: "db.t4g.large", secondaryRegions: [] } },
        "platform:database.instanceClass",
      ),
      [],
    );
    assert.deepEqual(lines({ ...two, cache: { nodeType: "cache.t4g.medium" } }, "platform:cache.nodeType"), [
      'platform:cache.nodeType: got "cache.t4g.medium"; expected a non-burstable node type (cache.m*/cache.r*): Global Datastore does not support cache.t*',
    ]);
    assert.deepEqual(
      lines({ ...two, cache: { nodeType: "cache.t4g.medium", global: false } }, "platform:cache.nodeType"),
      [],
    );
    assert.deepEqual(lines({ ...one, cache: { nodeType: "cache.t4g.medium" } }, "platform:cache.nodeType"), []);
  });

  it("a Global Datastore needs a second region", () => {
    assert.deepEqual(lines({ ...one, cache: { global: true } }, "platform:cache.global"), [
      "platform:cache.global: got true; expected false with a single region (a Global Datastore needs a second region)",
    ]);
    assert.deepEqual(lines({ ...two, cache: { global: true } }, "platform:cache.global"), []);
  });

  it("alert routes: each severity once; staging and prod need alarm subscribers", () => {
    const routes = [
      { severity: "critical", receiver: "sns" },
      { severity: "warning", receiver: "null" },
      { severity: "critical", receiver: "null" },
    ];
    assert.deepEqual(lines({ ...one, observability: { alertRoutes: routes } }, "platform:observability"), [
      'platform:observability.alertRoutes[2].severity: got "critical"; expected each severity routed once',
    ]);
    assert.deepEqual(
      lines({ ...one, observability: { alertRoutes: routes.slice(0, 2) } }, "platform:observability"),
      [],
    );
    assert.deepEqual(lines({ ...one, environment: "staging" }, "platform:observability"), [
      "platform:observability.alarmEmails: got []; expected at least one address in staging (alarms and critical alerts publish to the region's SNS topic; with no subscriber nobody hears them)",
    ]);
    assert.deepEqual(
      lines(
        { ...one, environment: "staging", observability: { alarmEmails: ["oncall@example.com"] } },
        "platform:observability",
      ),
      [],
    );
    assert.deepEqual(lines(one, "platform:observability"), []);
  });

  it("control-plane logs: api, audit and authenticator are always on", () => {
    assert.deepEqual(
      lines(
        { ...one, cluster: { logTypes: ["api", "audit", "authenticator", "scheduler"] } },
        "platform:cluster.logTypes",
      ),
      [],
    );
    assert.deepEqual(lines({ ...one, cluster: { logTypes: ["api", "scheduler"] } }, "platform:cluster.logTypes"), [
      'platform:cluster.logTypes: got ["api","scheduler"]; expected a list including "audit" (always on)',
      'platform:cluster.logTypes: got ["api","scheduler"]; expected a list including "authenticator" (always on)',
    ]);
    assert.deepEqual(
      lines({ ...one, cluster: { logTypes: ["audit", "authenticator"] } }, "platform:cluster.logTypes"),
      ['platform:cluster.logTypes: got ["audit","authenticator"]; expected a list including "api" (always on)'],
    );
  });

  it("NodePool names are unique, reported at the first", () => {
    const pools = [{ name: "general" }, { name: "batch" }, { name: "batch" }];
    assert.deepEqual(lines({ ...one, karpenter: { nodePools: pools } }, "platform:karpenter"), [
      'platform:karpenter.nodePools[1].name: got "batch"; expected a unique NodePool name',
    ]);
  });

  it("a service's range is still judged when platform:autoscaling itself is invalid", () => {
    const raw = {
      ...one,
      autoscaling: 5,
      services: [
        {
          name: "jobs",
          image: "ghcr.io/example/jobs:1.0.0",
          kind: "worker",
          autoscaling: { hpa: { minReplicas: 5, maxReplicas: 4 } },
        },
      ],
    };
    assert.deepEqual(lines(raw, "platform:services"), [
      "platform:services[0].autoscaling.hpa.minReplicas: got 5; expected at most maxReplicas (4)",
    ]);
    const maxOnly = {
      ...raw,
      services: [{ ...raw.services[0], autoscaling: { keda: { sqsQueueLength: 5, minReplicas: 3 } } }],
    };
    assert.deepEqual(lines(maxOnly, "platform:services"), []);
  });

  it("inert keys: mesh and KEDA ranges nobody reads", () => {
    const warnings = (raw: Record<string, unknown>) =>
      testConfig({ ...one, ...raw }).notices.filter((n) => n.includes("affects nothing"));
    const noMesh = [
      { name: "frontend", autoscaling: { keda: { prometheus: { query: "sum(rate(x[1m]))", threshold: 5 } } } },
      { name: "user-service", autoscaling: { keda: { prometheus: { query: "sum(rate(y[1m]))", threshold: 5 } } } },
      { name: "activity-service", autoscaling: { keda: { prometheus: { query: "sum(rate(z[1m]))", threshold: 5 } } } },
      {
        name: "notification-service",
        autoscaling: { keda: { prometheus: { query: "sum(rate(w[1m]))", threshold: 5 } } },
      },
    ];
    assert.deepEqual(warnings({ services: noMesh, autoscaling: { mesh: { maxReplicas: 60 } } }), [
      "platform:autoscaling.mesh.maxReplicas is set but affects nothing in this stack: no service scales on mesh telemetry (autoscaling.keda.mesh)",
    ]);
    const onlyMesh = [{ name: "notification-worker", remove: true }];
    assert.deepEqual(warnings({ services: onlyMesh, autoscaling: { keda: { maxReplicas: 30 } } }), [
      "platform:autoscaling.keda.maxReplicas is set but affects nothing in this stack: no service is scaled by KEDA without mesh telemetry (mesh-scaled services take autoscaling.mesh's range)",
    ]);
    assert.deepEqual(warnings({ autoscaling: { keda: { maxReplicas: 30 } } }), []);
    assert.deepEqual(
      warnings({ services: [{ name: "notification-worker", replicas: 2, autoscaling: { hpa: { maxReplicas: 4 } } }] }),
      [
        "platform:services[0].replicas is set but affects nothing in this stack: notification-worker is scaled by an HPA, which sets its replica count",
      ],
    );
  });
});
