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

/**
 * The KEDA queries on real PromQL: a busy service, an idle one (series exist, no traffic) and one
 * with no series at all. Idle must read 0 (not NaN), missing must be empty, which KEDA with
 * ignoreNullValues false reports as an error instead of scaling to the minimum.
 */
describe("KEDA mesh queries under promtool @integration", () => {
  it("busy: rate 11 rps, p95 1000 ms, 5xx ratio 1/11; idle: all 0; no series: empty", () => {
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
          input_series: [...series("busy", 10, 1), ...series("idle", 0, 0)],
          promql_expr_test: [
            expr(meshRateQuery("busy"), "busy", 11),
            expr(meshP95Query("busy"), "busy", 1000),
            expr(meshRateQuery("idle"), "idle", 0),
            expr(meshP95Query("idle"), "idle", 0),
            expr(meshRateQuery("ghost"), "ghost"),
            expr(meshP95Query("ghost"), "ghost"),
          ],
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
