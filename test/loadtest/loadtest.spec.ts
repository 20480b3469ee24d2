import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import * as vm from "vm";
import {
  PASS_THRESHOLDS,
  PROMETHEUS_REMOTE_WRITE_URL,
  SCENARIO_NAMES,
  gatewayUrl,
  k6Script,
  planLoadTests,
  testRun,
} from "../../components/loadtest/plan";
import type { ScenarioName } from "../../components/loadtest/plan";
import { CHARTS } from "../../components/charts";
import { METRIC_CATALOG } from "../../components/observability/metric-sources";
import { ofType, planFor, planWith } from "../helpers/plan";
import { mandatoryViolations } from "../../tools/plan-lib";

const SCRIPT = k6Script(["/api/v1/users/", "/api/v1/activities/"]);

/** Evaluates the k6 script with k6's modules stubbed; returns its options for a SCHEDULE env value. */
function optionsWith(schedule: string | undefined): any {
  const body = SCRIPT.replace(/^import .*$/gm, "")
    .replace("export const options =", "exports.options =")
    .replace("export default function", "exports.run = function");
  const sandbox: any = { exports: {}, __ENV: { SCHEDULE: schedule, TARGET: "http://t" }, Math, JSON, Object };
  vm.runInNewContext(body, sandbox);
  return sandbox.exports.options;
}

/** The options the planned TestRun's runners see for these scenarios. */
function optionsFor(...scenarios: ScenarioName[]): any {
  const env = Object.fromEntries(testRun(scenarios, "us-east-1").spec.runner.env.map((e) => [e.name, e.value]));
  return optionsWith(env.SCHEDULE);
}

/** Seconds of a k6 duration ("2m", "10s"). */
const secs = (d: string) => Number(d.slice(0, -1)) * (d.endsWith("m") ? 60 : 1);

describe("k6 load tests (seed 002)", () => {
  it("the script is valid JavaScript (node --check as an ES module)", () => {
    const dir = mkdtempSync(join(tmpdir(), "k6-"));
    try {
      const file = join(dir, "seed-002.mjs");
      writeFileSync(file, SCRIPT);
      const res = spawnSync(process.execPath, ["--check", file], { encoding: "utf8" });
      assert.equal(res.status, 0, res.stderr);
      writeFileSync(file, SCRIPT.replace("export default function ()", "export default function ("));
      assert.notEqual(spawnSync(process.execPath, ["--check", file]).status, 0, "the check is live");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("encodes the seed's scenarios: VUs, ramp-up and hold", () => {
    const got = SCENARIO_NAMES.map((n) => {
      const s = optionsFor(n).scenarios[n];
      return [n, s.executor, s.stages[0].target, s.stages[0].duration, s.stages[1].duration, s.stages[1].target];
    });
    assert.deepEqual(got, [
      ["baseline", "ramping-vus", 100, "2m", "10m", 100],
      ["peak", "ramping-vus", 1000, "5m", "30m", 1000],
      ["stress", "ramping-vus", 5000, "3m", "15m", 5000],
      ["spike", "ramping-vus", 2000, "10s", "1m", 2000],
    ]);
    assert.equal(secs(optionsFor("spike").scenarios.spike.stages[0].duration), 10);
  });

  it("thresholds are seed 003's pass criteria: P95 < 100 ms and errors < 0.1 %", () => {
    const t = JSON.parse(JSON.stringify(optionsFor("baseline").thresholds));
    assert.deepEqual(t, PASS_THRESHOLDS);
    const p95 = /^p\((\d+)\)<(\d+)$/.exec(t.http_req_duration[0])!;
    assert.deepEqual([Number(p95[1]), Number(p95[2])], [95, 100]);
    const rate = /^rate<([\d.]+)$/.exec(t.http_req_failed[0])!;
    assert.equal(Number(rate[1]), 0.001);
  });

  it("runs the selected scenarios one after another, never together, and refuses an unknown one", () => {
    const o = optionsFor("baseline", "spike", "baseline");
    assert.deepEqual(Object.keys(o.scenarios), ["baseline", "spike"]);
    // baseline: 2m ramp + 10m hold + 30s ramp-down + 30s graceful ramp-down = 780 s, then a 300 s pause.
    assert.deepEqual([o.scenarios.baseline.startTime, o.scenarios.spike.startTime], ["0s", "1080s"]);
    assert.throws(() => optionsWith('{"soak":"0s"}'), /SCHEDULE must name scenarios of baseline, peak, stress, spike/);
    assert.throws(() => optionsWith(undefined), /SCHEDULE must name scenarios/);
  });

  it("one TestRun targets the gateway, writes to the in-cluster Prometheus receiver, and scales runners with VUs", () => {
    const runs = planLoadTests(["baseline", "stress", "baseline"], "us-east-1");
    // The largest scenario decides: stress's 5000 VUs over runners of at most 500.
    assert.deepEqual(
      runs.map((r) => [r.metadata.name, r.spec.parallelism]),
      [["seed-002", 10]],
    );
    assert.deepEqual(planLoadTests([], "us-east-1"), []);
    const r = runs[0];
    assert.equal(r.apiVersion, "k6.io/v1alpha1");
    assert.deepEqual(r.spec.script, { configMap: { name: "k6-seed-002", file: "seed-002.js" } });
    assert.match(r.spec.arguments, /^-o experimental-prometheus-rw /);
    const env = Object.fromEntries(r.spec.runner.env.map((e) => [e.name, e.value]));
    assert.equal(env.TARGET, "http://nginx-gateway.apps.svc.cluster.local:80");
    assert.equal(env.TARGET, gatewayUrl());
    assert.equal(
      env.K6_PROMETHEUS_RW_SERVER_URL,
      "http://kube-prometheus-stack-prometheus.monitoring.svc:9090/api/v1/write",
    );
    assert.equal(env.K6_PROMETHEUS_RW_SERVER_URL, PROMETHEUS_REMOTE_WRITE_URL);
  });

  it("sizes each runner from k6's published 5 MB per VU (upper end) plus 256 MiB for the process", () => {
    // 500 VUs per runner x 5 MiB + 256 MiB = 2756 MiB, requested and limited alike (no OOM kill under load).
    const stress = testRun(["stress"], "us-east-1").spec.runner.resources;
    assert.deepEqual(stress, { requests: { cpu: "500m", memory: "2756Mi" }, limits: { memory: "2756Mi" } });
    // baseline alone: 100 VUs on one runner -> 756 MiB.
    assert.equal(testRun(["baseline"], "us-east-1").spec.runner.resources.limits.memory, "756Mi");
    // spike: 2000 VUs over 4 runners of 500.
    assert.deepEqual(
      [
        testRun(["spike"], "us-east-1").spec.parallelism,
        testRun(["spike"], "us-east-1").spec.runner.resources.limits.memory,
      ],
      [4, "2756Mi"],
    );
  });

  it("the k6-operator chart is pinned with the other charts, citing its release and Kubernetes range", () => {
    const pin = CHARTS.k6Operator;
    assert.deepEqual([pin.chart, pin.version], ["k6-operator", "4.6.0"]);
    assert.equal(pin.release, "https://github.com/grafana/k6-operator/releases/tag/v1.6.0");
    assert.deepEqual([pin.kubernetes.min, pin.kubernetes.max], ["1.16", "1.35"]);
  });

  it("k6 remote-write names: Trend stats p(95) -> k6_http_req_duration_p95 (seconds), Rate -> _rate, Counter -> _total", () => {
    // xk6-output-prometheus-remote pkg/remotewrite: setTrendStatsResolver maps "p(95)" to "p95",
    // trendAsGauges.Append suffixes the metric name, adaptUnit divides time values by 1000.
    const env = Object.fromEntries(testRun(["baseline"], "us-east-1").spec.runner.env.map((e) => [e.name, e.value]));
    const stats = env.K6_PROMETHEUS_RW_TREND_STATS.split(",").map((s) =>
      s.replace(/^p\((.*)\)$/, "p$1").replace(".", ""),
    );
    assert.ok(stats.includes("p95"));
    const k6Metrics = Object.entries(METRIC_CATALOG)
      .filter(([, src]) => src === "k6")
      .map(([n]) => n);
    assert.deepEqual(k6Metrics.sort(), ["k6_http_req_duration_p95", "k6_http_req_failed_rate", "k6_http_reqs_total"]);
    for (const m of k6Metrics.filter((n) => n.startsWith("k6_http_req_duration_")))
      assert.ok(stats.includes(m.replace("k6_http_req_duration_", "")), `${m} is one of the configured trend stats`);
  });

  for (const stack of ["dev", "prod"])
    it(`${stack}: off by default (no TestRun, no remote-write receiver)`, async () => {
      const { plan } = await planFor(stack);
      assert.equal(ofType(plan, "kubernetes:k6.io/v1alpha1:TestRun").length, 0);
      for (const r of ofType(plan, "kubernetes:helm.sh/v3:Release").filter(
        (x) => x.inputs.chart === "kube-prometheus-stack",
      ))
        assert.equal((r.inputs.values as any).prometheus.prometheusSpec.enableRemoteWriteReceiver, undefined);
    });

  it("prod opted in: a TestRun per region, the pinned k6-operator chart, the Prometheus receiver on, no mandatory violations", async () => {
    const { plan, error } = await planWith("prod", { loadTests: { enabled: true, scenarios: ["baseline", "spike"] } });
    assert.equal(error, undefined, error?.message);
    const { config } = await planFor("prod");
    // Kubernetes objects carry no AWS region; their names start with it.
    const regions = new Set(
      ofType(plan!, "kubernetes:k6.io/v1alpha1:TestRun").map((r) => r.name.split("-loadtests-")[0]),
    );
    assert.deepEqual([...regions].sort(), config.regions.map((r) => r.name).sort());
    // One TestRun per region runs both scenarios in sequence.
    assert.equal(ofType(plan!, "kubernetes:k6.io/v1alpha1:TestRun").length, regions.size);
    const k6 = ofType(plan!, "kubernetes:helm.sh/v3:Release").filter((r) => r.inputs.chart === "k6-operator");
    assert.equal(k6.length, regions.size);
    assert.deepEqual(
      [k6[0].inputs.version, (k6[0].inputs.repositoryOpts as { repo: string }).repo],
      [CHARTS.k6Operator.version, CHARTS.k6Operator.repo],
    );
    for (const r of ofType(plan!, "kubernetes:helm.sh/v3:Release").filter(
      (x) => x.inputs.chart === "kube-prometheus-stack",
    ))
      assert.equal((r.inputs.values as any).prometheus.prometheusSpec.enableRemoteWriteReceiver, true);
    assert.deepEqual(mandatoryViolations(plan!), []);
    // The runners reach the gateway (its container port) and Prometheus' remote-write receiver.
    for (const id of ["loadtest-gateway", "loadtest-prometheus"]) {
      const flows = plan!.flows.filter((f) => f.requirement === id);
      assert.equal(flows.length, regions.size, id);
      for (const f of flows)
        assert.ok(f.ok && f.from.endsWith("k6 runners"), `${id}: ${f.from} -> ${f.to}: ${f.reason}`);
    }
    assert.deepEqual(
      [...new Set(plan!.flows.filter((f) => f.requirement === "loadtest-gateway").map((f) => f.port))],
      [8080],
    );
  });
});
