import { strict as assert } from "assert";
import { formatIssue } from "../../components/config";
import { configIssues } from "../helpers/stand-in";

/**
 * Chaos and data-tier cross-field rules at their boundaries. Sources: stress-ng's 8192-worker
 * cap as Chaos Mesh's StressChaos documents it; an experiment that claims an alert outlasts the
 * alert's `for` (5m) + rate window (5m) + two scrapes (components/alert-names.ts, seed 004's
 * alert table); ElastiCache Global Datastore (at most two secondaries, m5/r5 or newer node types).
 */
const dev = { environment: "dev", regions: [{ name: "us-east-1", vpcCidr: "10.0.0.0/16" }] };
const four = {
  environment: "dev",
  regions: [
    { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
    { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
    { name: "eu-west-1", vpcCidr: "10.2.0.0/16" },
    { name: "ap-southeast-1", vpcCidr: "10.3.0.0/16" },
  ],
};
const two = { environment: "dev", regions: four.regions.slice(0, 2) };
const under = (raw: Record<string, unknown>, prefix: string) =>
  configIssues(raw)
    .filter((i) => i.path.startsWith(prefix))
    .map(formatIssue);
const chaos = (c: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  under({ ...dev, chaos: c, ...extra }, "platform:chaos");
const ALL = "frontend, user-service, activity-service, notification-service, notification-worker";

describe("chaos and data-tier rules at their boundaries", () => {
  it("chaos targets: configured services, each once; the delay target a web service", () => {
    assert.deepEqual(chaos({}), []);
    assert.deepEqual(chaos({ podFailure: { targets: ["frontend", "ghost"] }, cpuStress: { target: "ghost2" } }), [
      `platform:chaos.podFailure.targets[1]: got "ghost"; expected a configured service (${ALL})`,
      `platform:chaos.cpuStress.target: got "ghost2"; expected a configured service (${ALL})`,
    ]);
    assert.deepEqual(chaos({ podFailure: { targets: ["frontend", "frontend"] } }), [
      'platform:chaos.podFailure.targets: got "frontend"; expected each service listed once (one Schedule per target)',
    ]);
    assert.deepEqual(chaos({ networkDelay: { target: "notification-worker" } }), [
      'platform:chaos.networkDelay.target: got "notification-worker"; expected a web service (HighRequestLatencyP95 reads the mesh latency of web services only)',
    ]);
    // Off (as outside dev by default): targets are not checked against the catalogue.
    assert.deepEqual(
      chaos({ enabled: false, podFailure: { targets: ["ghost"] }, networkDelay: { target: "ghost" } }),
      [],
    );
  });

  it("delay latency: one unit, above the p95 threshold, below the target's probe timeouts", () => {
    const delay = (latency: string, extra: Record<string, unknown> = {}) => chaos({ networkDelay: { latency } }, extra);
    assert.deepEqual(delay("0ms"), [
      'platform:chaos.networkDelay.latency: got "0ms"; expected a positive delay with one unit, like "100ms"',
    ]);
    assert.deepEqual(delay("1s500ms"), [
      'platform:chaos.networkDelay.latency: got "1s500ms"; expected a positive delay with one unit, like "100ms"',
    ]);
    // observability.thresholds.latencyP95Ms: 200 (seed 004).
    assert.deepEqual(delay("200ms"), [
      'platform:chaos.networkDelay.latency: got "200ms"; expected more than platform:observability.thresholds.latencyP95Ms (200ms), or HighRequestLatencyP95 cannot fire',
    ]);
    assert.deepEqual(delay("201ms"), []);
    assert.deepEqual(delay("400ms", { observability: { thresholds: { latencyP95Ms: 400 } } }), [
      'platform:chaos.networkDelay.latency: got "400ms"; expected more than platform:observability.thresholds.latencyP95Ms (400ms), or HighRequestLatencyP95 cannot fire',
    ]);
    // activity-service's readiness probe times out after 2 s (its liveness after 3 s).
    assert.deepEqual(delay("1999ms"), []);
    assert.deepEqual(delay("2s"), [
      'platform:chaos.networkDelay.latency: got "2s"; expected less than activity-service\'s shortest probe timeout (2s): its probe replies are delayed too',
    ]);
  });

  it("stress-ng workers: at most 8192", () => {
    assert.deepEqual(chaos({ cpuStress: { workers: 8192 } }), []);
    assert.deepEqual(chaos({ cpuStress: { workers: 8193 } }), [
      "platform:chaos.cpuStress.workers: got 8193; expected at most 8192 stress-ng workers",
    ]);
  });

  it("schedules as Chaos Mesh parses them", () => {
    assert.deepEqual(chaos({ gatewayPodKill: { schedule: "0 */2 * * *" } }), []);
    assert.deepEqual(chaos({ gatewayPodKill: { schedule: "61 * * * *" }, podFailure: { schedule: "@every 1d" } }), [
      'platform:chaos.podFailure.schedule: got "@every 1d"; expected a cron expression ("0 * * * *") or "@every 1h"',
      'platform:chaos.gatewayPodKill.schedule: got "61 * * * *"; expected a cron expression ("0 * * * *") or "@every 1h"',
    ]);
  });

  it("experiments that claim an alert outlast for + rate window + two scrapes", () => {
    // HighRequestLatencyP95: 5m + 5m + 2 x 15s = 630 s.
    assert.deepEqual(chaos({ networkDelay: { duration: "10m30s" } }), []);
    assert.deepEqual(chaos({ networkDelay: { duration: "10m29s" } }), [
      'platform:chaos.networkDelay.duration: got "10m29s"; expected at least 630s (HighRequestLatencyP95: for 5m + rate window 5m + 2 scrapes of 15s), or the alert it claims cannot fire',
    ]);
    // A 30 s scrape interval: 660 s for HighPodCPUUsage.
    assert.deepEqual(chaos({ cpuStress: { duration: "10m30s" } }, { observability: { scrapeInterval: "30s" } }), [
      'platform:chaos.cpuStress.duration: got "10m30s"; expected at least 660s (HighPodCPUUsage: for 5m + rate window 5m + 2 scrapes of 30s), or the alert it claims cannot fire',
    ]);
    assert.deepEqual(chaos({ cpuStress: { duration: "11m" } }, { observability: { scrapeInterval: "30s" } }), []);
  });

  it("durations: positive, and shorter than an @every interval", () => {
    assert.deepEqual(chaos({ podFailure: { duration: "0" } }), [
      'platform:chaos.podFailure.duration: got "0"; expected a positive duration (a zero-length fault never runs)',
    ]);
    assert.deepEqual(chaos({ podFailure: { duration: "1h", schedule: "@every 1h" } }), [
      'platform:chaos.podFailure.duration: got "1h"; expected shorter than the schedule interval (1h)',
    ]);
    assert.deepEqual(chaos({ podFailure: { duration: "59m", schedule: "@every 1h" } }), []);
  });

  it("writer regions hold a member of their data store", () => {
    assert.deepEqual(under({ ...two, database: { writerRegion: "us-west-2" } }, "platform:database"), []);
    assert.deepEqual(under({ ...two, database: { writerRegion: "eu-west-1" } }, "platform:database"), [
      'platform:database.writerRegion: got "eu-west-1"; expected a region holding a database member (us-east-1, us-west-2)',
    ]);
    assert.deepEqual(under({ ...two, cache: { writerRegion: "us-west-2" } }, "platform:cache"), []);
    assert.deepEqual(under({ ...two, cache: { writerRegion: "us-west-2", global: false } }, "platform:cache"), [
      'platform:cache.writerRegion: got "us-west-2"; expected a region holding a cache member (us-east-1)',
    ]);
    assert.deepEqual(under({ ...two, cache: { writerRegion: "eu-west-1", enabled: false } }, "platform:cache"), []);
  });

  it("Global Datastore: m5/r5 node types or newer, and a choice for regions without a member", () => {
    assert.deepEqual(under({ ...two, cache: { nodeType: "cache.r4.large" } }, "platform:cache"), [
      'platform:cache.nodeType: got "cache.r4.large"; expected a node type of the m5/r5 generation or newer (Global Datastore does not support older ones)',
    ]);
    assert.deepEqual(under({ ...two, cache: { nodeType: "cache.r5.large" } }, "platform:cache"), []);
    assert.deepEqual(under({ ...dev, cache: { nodeType: "cache.r4.large" } }, "platform:cache"), []);
    assert.deepEqual(under(four, "platform:cache"), [
      "platform:cache.regionsWithoutMember: got (missing); expected a choice for ap-southeast-1, which has no Global Datastore member " +
        '(at most 2 secondaries: us-west-2, eu-west-1): "use-writer" (their pods read and write the writer region\'s cache over the peering, a cross-region round trip on every call)',
    ]);
    assert.deepEqual(
      under({ ...four, cache: { secondaryRegions: ["us-west-2"] } }, "platform:cache")[0].split(" (at most")[0],
      "platform:cache.regionsWithoutMember: got (missing); expected a choice for eu-west-1, ap-southeast-1, which have no Global Datastore member",
    );
    assert.deepEqual(under({ ...four, cache: { regionsWithoutMember: "use-writer" } }, "platform:cache"), []);
    assert.deepEqual(under({ ...two, cache: { global: true, secondaryRegions: [] } }, "platform:cache"), [
      "platform:cache.secondaryRegions: got []; expected at least one region when cache.global is true (a Global Datastore needs a secondary)",
    ]);
  });
});
