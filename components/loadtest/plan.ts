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

/**
 * The k6 script. SCENARIO (env) picks one seed scenario; TARGET the base URL. Paths are the
 * seed services' read routes through the gateway. Thresholds fail the run (exit 99) when the
 * pass criteria are missed.
 */
export function k6Script(paths: readonly string[]): string {
  const scenarios = Object.fromEntries(SCENARIO_NAMES.map((n) => [n, k6Scenario(n)]));
  return `import http from "k6/http";
import { check, sleep } from "k6";

const ALL = ${JSON.stringify(scenarios)};
const NAME = __ENV.SCENARIO;
if (!ALL[NAME]) throw new Error("SCENARIO must be one of " + Object.keys(ALL).join(", ") + "; got " + NAME);

export const options = {
  scenarios: { [NAME]: ALL[NAME] },
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

/** VUs one runner pod carries; parallelism = ceil(vus / this). */
export const VUS_PER_RUNNER = 500;

export function testRun(name: ScenarioName, region: string): TestRunManifest {
  const s = SEED_002_SCENARIOS[name];
  return {
    apiVersion: "k6.io/v1alpha1",
    kind: "TestRun",
    metadata: {
      name: `seed-002-${name}`,
      namespace: LOADTEST_NAMESPACE,
      labels: { "app.kubernetes.io/part-of": "platform", "platform.io/scenario": name },
    },
    spec: {
      parallelism: Math.ceil(s.vus / VUS_PER_RUNNER),
      script: { configMap: { name: SCRIPT_CONFIGMAP, file: SCRIPT_FILE } },
      arguments: `-o experimental-prometheus-rw --tag testid=seed-002-${name} --tag region=${region}`,
      runner: {
        env: [
          { name: "SCENARIO", value: name },
          { name: "TARGET", value: gatewayUrl() },
          { name: "K6_PROMETHEUS_RW_SERVER_URL", value: PROMETHEUS_REMOTE_WRITE_URL },
          // p(95) becomes k6_http_req_duration_p95, in seconds (xk6-output-prometheus-remote adaptUnit
          // divides time values by 1000): compare it with 0.1, not 100.
          { name: "K6_PROMETHEUS_RW_TREND_STATS", value: "p(95),p(99),avg" },
        ],
        resources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { memory: "1Gi" } },
      },
    },
  };
}

export function planLoadTests(scenarios: readonly ScenarioName[], region: string): TestRunManifest[] {
  return [...new Set(scenarios)].map((n) => testRun(n, region));
}
