/**
 * Seed 002's load tests as k6 TestRuns (k6-operator, k6.io/v1alpha1; field names from
 * grafana/k6-operator api/v1alpha1/testrun_types.go at v1.6.0): one script in a ConfigMap,
 * one TestRun per selected scenario against the region's gateway Service, results written to
 * the in-cluster Prometheus remote-write receiver (k6 output experimental-prometheus-rw), so the
 * SLO burn rates and the k6 figures can be read side by side during a run.
 */
import { GATEWAY_SERVICE, NAMESPACES, PROMETHEUS_RELEASE } from "../k8s-names";

/** Seed 002 "Load Testing Strategy": virtual users, hold duration and ramp-up. */
export const SEED_002_SCENARIOS = {
  baseline: { vus: 100, duration: "10m", rampUp: "2m" },
  peak: { vus: 1000, duration: "30m", rampUp: "5m" },
  stress: { vus: 5000, duration: "15m", rampUp: "3m" },
  spike: { vus: 2000, duration: "1m", rampUp: "10s" },
} as const;
export type ScenarioName = keyof typeof SEED_002_SCENARIOS;
export const SCENARIO_NAMES = Object.keys(SEED_002_SCENARIOS) as ScenarioName[];

/** Seed 003 pass criteria, as k6 thresholds: P95 < 100 ms and errors < 0.1 %. */
export const PASS_THRESHOLDS = {
  http_req_duration: ["p(95)<100"],
  http_req_failed: ["rate<0.001"],
} as const;

export const LOADTEST_NAMESPACE = "loadtest";
export const SCRIPT_CONFIGMAP = "k6-seed-002";
export const SCRIPT_FILE = "seed-002.js";
/** kube-prometheus-stack's Prometheus Service; /api/v1/write needs enableRemoteWriteReceiver. */
export const PROMETHEUS_REMOTE_WRITE_URL = `http://${PROMETHEUS_RELEASE}-prometheus.${NAMESPACES.monitoring}.svc:9090/api/v1/write`;

export function gatewayUrl(): string {
  return `http://${GATEWAY_SERVICE.name}.${GATEWAY_SERVICE.namespace}.svc.cluster.local:${GATEWAY_SERVICE.port}`;
}

/** k6 `options.scenarios` entry: ramp to the seed's VUs, hold for its duration, ramp down in 30 s. */
export function k6Scenario(name: ScenarioName) {
  const s = SEED_002_SCENARIOS[name];
  return {
    executor: "ramping-vus",
    startVUs: 0,
    stages: [
      { duration: s.rampUp, target: s.vus },
      { duration: s.duration, target: s.vus },
      { duration: "30s", target: 0 },
    ],
    gracefulRampDown: "30s",
  };
}

/** Seconds of a k6 duration as the seed writes them ("10s", "2m"). */
export function k6Seconds(d: string): number {
  const m = /^(\d+)(s|m|h)$/.exec(d);
  if (!m) throw new Error(`not a k6 duration: ${d}`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600 }[m[2] as "s" | "m" | "h"];
}

/** How long one scenario occupies the runners: its stages plus k6's graceful ramp-down. */
export function scenarioSeconds(name: ScenarioName): number {
  const sc = k6Scenario(name);
  return sc.stages.reduce((t, st) => t + k6Seconds(st.duration), 0) + k6Seconds(sc.gracefulRampDown);
}

/** Pause between two scenarios, so the next one starts after the autoscalers settled from the last. */
export const SCENARIO_GAP_SECONDS = 300;

/**
 * The selected scenarios one after another (k6 `startTime`), never together: several at once
 * would add their VUs and measure none of them. Order: the order selected, each once.
 */
export function loadSchedule(scenarios: readonly ScenarioName[]): { name: ScenarioName; startTime: string }[] {
  let at = 0;
  return [...new Set(scenarios)].map((name) => {
    const entry = { name, startTime: `${at}s` };
    at += scenarioSeconds(name) + SCENARIO_GAP_SECONDS;
    return entry;
  });
}

/**
 * The k6 script. SCHEDULE (env, JSON `{ scenario: startTime }`) picks the seed scenarios and when
 * each starts; TARGET is the base URL. Paths are the seed services' read routes through the
 * gateway. Thresholds fail the run (exit 99) when the pass criteria are missed.
 */
export function k6Script(paths: readonly string[]): string {
  const scenarios = Object.fromEntries(SCENARIO_NAMES.map((n) => [n, k6Scenario(n)]));
  return `import http from "k6/http";
import { check, sleep } from "k6";

const ALL = ${JSON.stringify(scenarios)};
const SCHEDULE = JSON.parse(__ENV.SCHEDULE || "{}");
const NAMES = Object.keys(SCHEDULE);
if (NAMES.length === 0 || NAMES.some((n) => !ALL[n]))
  throw new Error("SCHEDULE must name scenarios of " + Object.keys(ALL).join(", ") + "; got " + __ENV.SCHEDULE);

export const options = {
  scenarios: Object.fromEntries(NAMES.map((n) => [n, Object.assign({}, ALL[n], { startTime: SCHEDULE[n] })])),
  thresholds: ${JSON.stringify(PASS_THRESHOLDS)},
};

const PATHS = ${JSON.stringify(paths)};

export default function () {
  const path = PATHS[Math.floor(Math.random() * PATHS.length)];
  const res = http.get(__ENV.TARGET + path, { tags: { name: path } });
  check(res, { "not 5xx": (r) => r.status < 500 });
  sleep(1);
}
`;
}

export interface TestRunManifest {
  apiVersion: "k6.io/v1alpha1";
  kind: "TestRun";
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: {
    parallelism: number;
    script: { configMap: { name: string; file: string } };
    arguments: string;
    runner: { env: { name: string; value: string }[]; resources: Record<string, Record<string, string>> };
  };
}

/** VUs one runner pod carries at most; parallelism = ceil(largest scenario's VUs / this). */
export const VUS_PER_RUNNER = 500;

/**
 * k6's published memory per VU for simple scripts, the upper end (grafana/k6-docs "Running large
 * tests", Memory: "Simple tests use ~1-5MB per VU. (1000VUs = 1-5GB)"), read 2026-12-07.
 */
export const K6_MIB_PER_VU = 5;
/** The k6 process itself (Go runtime, metrics buffers) beside its VUs: an assumption, not a k6 figure. */
export const K6_BASE_MIB = 256;

/** Memory one runner needs for its share of VUs; request = limit, so it is never overcommitted. */
export function runnerMemoryMiB(vusPerRunner: number): number {
  return vusPerRunner * K6_MIB_PER_VU + K6_BASE_MIB;
}

/** One TestRun for the selected scenarios, run in sequence (loadSchedule). */
export function testRun(scenarios: readonly ScenarioName[], region: string): TestRunManifest {
  const schedule = loadSchedule(scenarios);
  const maxVus = Math.max(...schedule.map((e) => SEED_002_SCENARIOS[e.name].vus));
  const parallelism = Math.ceil(maxVus / VUS_PER_RUNNER);
  const memory = `${runnerMemoryMiB(Math.ceil(maxVus / parallelism))}Mi`;
  return {
    apiVersion: "k6.io/v1alpha1",
    kind: "TestRun",
    metadata: {
      name: "seed-002",
      namespace: LOADTEST_NAMESPACE,
      labels: {
        "app.kubernetes.io/part-of": "platform",
        "platform.io/scenarios": schedule.map((e) => e.name).join("."),
      },
    },
    spec: {
      parallelism,
      script: { configMap: { name: SCRIPT_CONFIGMAP, file: SCRIPT_FILE } },
      // k6 tags every sample with its scenario, so one testid serves the whole sequence.
      arguments: `-o experimental-prometheus-rw --tag testid=seed-002 --tag region=${region}`,
      runner: {
        env: [
          { name: "SCHEDULE", value: JSON.stringify(Object.fromEntries(schedule.map((e) => [e.name, e.startTime]))) },
          { name: "TARGET", value: gatewayUrl() },
          { name: "K6_PROMETHEUS_RW_SERVER_URL", value: PROMETHEUS_REMOTE_WRITE_URL },
          // p(95) becomes k6_http_req_duration_p95, in seconds (xk6-output-prometheus-remote adaptUnit
          // divides time values by 1000): compare it with 0.1, not 100.
          { name: "K6_PROMETHEUS_RW_TREND_STATS", value: "p(95),p(99),avg" },
        ],
        resources: { requests: { cpu: "500m", memory }, limits: { memory } },
      },
    },
  };
}

export function planLoadTests(scenarios: readonly ScenarioName[], region: string): TestRunManifest[] {
  return scenarios.length === 0 ? [] : [testRun(scenarios, region)];
}
