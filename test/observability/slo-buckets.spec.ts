import { strict as assert } from "assert";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { stringify } from "yaml";
import { ENVOY_DEFAULT_BUCKETS_MS, HISTOGRAM_BUCKETS_ANNOTATION } from "../../components/mesh/telemetry";
import { LATENCY_SLO_BUCKET_MS, renderSloRules } from "../../components/observability/slo";
import { planFor } from "../helpers/plan";
import { requirePromtool, runPromtool } from "../helpers/promtool";

/** 1000 requests/minute to user-service, half of them slower than 100 ms: latency SLI 0.5. */
function fixture(le: string) {
  const s = (labels: string, perMinute: number) => ({
    series: `istio_request_duration_milliseconds_${labels.startsWith("le") ? "bucket" : "count"}{reporter="waypoint",destination_service_namespace="apps",destination_service_name="user-service"${labels ? `,${labels}` : ""}}`,
    values: `0+${perMinute}x20`,
  });
  return {
    rule_files: ["slo.yml"],
    evaluation_interval: "1m",
    tests: [
      {
        interval: "1m",
        input_series: [s(`le="${le}"`, 500), s("", 1000)],
        promql_expr_test: [
          {
            expr: "slo:sli_error:ratio_rate5m:latency",
            eval_time: "10m",
            exp_samples: [
              {
                labels:
                  'slo:sli_error:ratio_rate5m:latency{destination_service_namespace="apps",destination_service_name="user-service"}',
                value: 0.5,
              },
            ],
          },
        ],
      },
    ],
  };
}

function run(rules: unknown[], le: string) {
  const dir = mkdtempSync(join(tmpdir(), "slo-le-"));
  try {
    writeFileSync(join(dir, "slo.yml"), stringify({ groups: rules }, { lineWidth: 0 }));
    writeFileSync(join(dir, "t.yml"), stringify(fixture(le)));
    return runPromtool(["test", "rules", "t.yml"], dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("latency SLO bucket (seed 003 P95 < 100 ms) @integration", () => {
  before(() => requirePromtool());
  const bare = () =>
    renderSloRules().map((g) => ({
      ...g,
      rules: (g.rules as unknown as Record<string, unknown>[]).map(({ annotations: _a, ...r }) => r),
    }));

  it("100 ms is one of Envoy's default buckets, and nothing planned overrides them on the waypoint", async () => {
    assert.ok(ENVOY_DEFAULT_BUCKETS_MS.includes(LATENCY_SLO_BUCKET_MS));
    const { plan } = await planFor("dev");
    const k8s = plan.resources.filter((r) => r.type.startsWith("kubernetes:"));
    assert.ok(k8s.length > 0);
    for (const r of k8s) assert.ok(!JSON.stringify(r.inputs).includes(HISTOGRAM_BUCKETS_ANNOTATION), r.name);
  });

  it('reads the bucket as Prometheus 2 stores it (le="100") and as Prometheus 3 does (le="100.0")', () => {
    for (const le of ["100", "100.0"]) {
      const res = run(bare(), le);
      assert.equal(res.status, 0, `${le}: ${res.output}`);
    }
  });

  it('an exact le="100" selector (the old rule) reads nothing under Prometheus 3', () => {
    const old = bare().map((g) => ({
      ...g,
      rules: g.rules.map((r) => ({ ...r, expr: String(r.expr).replace(/le=~"100\(\\\\\.0\)\?"/g, 'le="100"') })),
    }));
    assert.ok(JSON.stringify(old).includes('le=\\"100\\"'), "the substitution applied");
    assert.equal(run(old, "100").status, 0);
    const v3 = run(old, "100.0");
    assert.notEqual(v3.status, 0);
    assert.match(v3.output, /slo:sli_error:ratio_rate5m:latency/);
  });
});
