import { strict as assert } from "assert";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { stringify } from "yaml";
import { meshP95Query, meshRateQuery } from "../../components/workloads/manifests/scaling-triggers";
import { latencyQuantileQuery } from "../../components/mesh/telemetry";
import { runPromtool } from "../helpers/promtool";

const sel = (svc: string, extra = "") =>
  `{reporter="waypoint",destination_service_namespace="apps",destination_service_name="${svc}"${extra}}`;
const series = (svc: string, rps200: number, rps503: number) => [
  { series: `istio_requests_total${sel(svc, ',response_code="200"')}`, values: `0+${rps200 * 60}x10` },
  { series: `istio_requests_total${sel(svc, ',response_code="503"')}`, values: `0+${rps503 * 60}x10` },
  { series: `istio_request_duration_milliseconds_bucket${sel(svc, ',le="100"')}`, values: `0+${rps200 * 30}x10` },
  { series: `istio_request_duration_milliseconds_bucket${sel(svc, ',le="1000"')}`, values: `0+${rps200 * 60}x10` },
  {
    series: `istio_request_duration_milliseconds_bucket${sel(svc, ',le="+Inf"')}`,
    values: `0+${(rps200 + rps503) * 60}x10`,
  },
  { series: `istio_request_duration_milliseconds_count${sel(svc)}`, values: `0+${(rps200 + rps503) * 60}x10` },
];

/** One app pod of the service using `cores` of the 0.2 CPU it requests (cAdvisor counter, kube-state-metrics request). */
const cpu = (svc: string, cores: number) => [
  {
    series: `container_cpu_usage_seconds_total{namespace="apps",container="app",pod="${svc}-5d8f9c7b4-x2x9k"}`,
    values: `0+${cores * 60}x10`,
  },
  {
    series: `kube_pod_container_resource_requests{namespace="apps",container="app",pod="${svc}-5d8f9c7b4-x2x9k",resource="cpu"}`,
    values: "0.2x10",
  },
];

/** The p95 gate at half of the seed's 70 % CPU target. */
const GATE = 35;

/** The waypoint's scrape target as the Prometheus Operator labels a PodMonitor's: job <namespace>/<name>. */
const WAYPOINT_UP = { series: 'up{job="monitoring/waypoint",namespace="apps",pod="waypoint-7d9f"}', values: "1x10" };

/**
 * The KEDA queries on real PromQL: a busy service, an idle one (series exist, no traffic) and one
 * with no series at all. With the waypoint scraped, idle and unseen read 0 (not NaN, not a scaler
 * error); with the waypoint's scrape lost every query is empty, which KEDA with ignoreNullValues
 * false reports as an error (its fallback keeps the replicas) instead of scaling to the minimum.
 */
describe("KEDA mesh queries under promtool @integration", () => {
  it("busy: rate 11 rps, p95 1000 ms (80 % CPU); slow dependency (10 % CPU): p95 0; idle and unseen: 0 while the waypoint is up; waypoint lost: empty", () => {
    const dir = mkdtempSync(join(tmpdir(), "keda-q-"));
    writeFileSync(join(dir, "rules.yml"), stringify({ groups: [] }));
    const expr = (q: string, svc: string, value?: number) => ({
      expr: q,
      eval_time: "10m",
      exp_samples: value === undefined ? [] : [{ labels: "{}", value }],
    });
    const tests = {
      rule_files: ["rules.yml"],
      evaluation_interval: "1m",
      tests: [
        {
          interval: "1m",
          input_series: [
            ...series("busy", 10, 1),
            ...cpu("busy", 0.16),
            ...series("slow", 10, 1),
            ...cpu("slow", 0.02),
            ...series("idle", 0, 0),
            WAYPOINT_UP,
          ],
          promql_expr_test: [
            expr(meshRateQuery("busy"), "busy", 11),
            expr(meshP95Query("busy", GATE), "busy", 1000),
            // Same latency, pods at 10 % of their CPU: a slow dependency, where more pods would only add load.
            expr(meshP95Query("slow", GATE), "slow", 0),
            expr(meshRateQuery("idle"), "idle", 0),
            expr(meshP95Query("idle", GATE), "idle", 0),
            expr(meshRateQuery("unseen"), "unseen", 0),
            expr(meshP95Query("unseen", GATE), "unseen", 0),
          ],
        },
        {
          // The waypoint's target is down (up 0) and the services have no series: nothing to read.
          interval: "1m",
          input_series: [{ ...WAYPOINT_UP, values: "0x10" }],
          promql_expr_test: [expr(meshRateQuery("unseen"), "unseen"), expr(meshP95Query("unseen", GATE), "unseen")],
        },
      ],
    };
    writeFileSync(join(dir, "tests.yml"), stringify(tests));
    const r = runPromtool(["test", "rules", "tests.yml"], dir);
    assert.equal(r.status, 0, r.output);

    // Without the guard an idle service's p95 is NaN, not 0: the same expectation fails.
    const raw = latencyQuantileQuery("idle");
    tests.tests[0].promql_expr_test = [expr(raw, "idle", 0)];
    writeFileSync(join(dir, "tests.yml"), stringify(tests));
    const unguarded = runPromtool(["test", "rules", "tests.yml"], dir);
    assert.notEqual(unguarded.status, 0);
    assert.match(unguarded.output, /NaN/);
  });
});
