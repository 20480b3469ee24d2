import { strict as assert } from "assert";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { stringify } from "yaml";
import { goDurationSeconds } from "../../components/chaos/validate";
import { ENVOY_DEFAULT_BUCKETS_MS } from "../../components/mesh/telemetry";
import { renderAlertRules } from "../../components/observability/rules";
import { planFor } from "../helpers/plan";
import { requirePromtool, runPromtool } from "../helpers/promtool";

/**
 * The dev network delay against the real HighRequestLatencyP95 rule: the waypoint's histogram for
 * the target while every reply waits `latency` on top of a 20 ms baseline (600 requests per
 * scrape), from t = 2m for the experiment's duration. The alert must be firing by the end of the
 * run, and not before the fault.
 */
const BASE_MS = 20;
const START_S = 120;

function series(service: string, latencyMs: number, durationS: number, scrapeS: number) {
  const steps = Math.ceil((START_S + durationS) / scrapeS);
  const perScrape = 600;
  const counts = (bound: number) => {
    const out: number[] = [];
    let total = 0;
    for (let i = 0; i <= steps; i++) {
      out.push(total);
      const slow = i * scrapeS >= START_S;
      if ((slow ? BASE_MS + latencyMs : BASE_MS) <= bound) total += perScrape;
    }
    return out.join(" ");
  };
  const labels = `reporter="waypoint",destination_service_namespace="apps",destination_service_name="${service}"`;
  return [
    ...ENVOY_DEFAULT_BUCKETS_MS.map((b) => ({
      series: `istio_request_duration_milliseconds_bucket{${labels},le="${b}"}`,
      values: counts(b),
    })),
    { series: `istio_request_duration_milliseconds_bucket{${labels},le="+Inf"}`, values: counts(Infinity) },
  ];
}

describe("network delay fires HighRequestLatencyP95 before it ends (real rule, promtool) @integration", () => {
  before(() => requirePromtool());

  it("dev: the planned delay and duration, at the configured scrape interval", async () => {
    const { plan, config } = await planFor("dev");
    const s = plan.resources.find(
      (r) => r.type === "kubernetes:chaos-mesh.org/v1alpha1:Schedule" && (r.inputs.spec as any).networkChaos,
    )!;
    const nc = (s.inputs.spec as any).networkChaos;
    const service = nc.selector.labelSelectors["app.kubernetes.io/name"];
    const latencyMs = goDurationSeconds(nc.delay.latency) * 1000;
    const durationS = goDurationSeconds(nc.duration);
    const scrapeS = goDurationSeconds(config.observability.scrapeInterval);
    const groups = renderAlertRules({ thresholds: config.observability.thresholds }).map((g) => ({
      ...g,
      rules: g.rules.filter((r) => r.alert === "HighRequestLatencyP95").map(({ annotations: _a, ...r }) => r),
    }));
    const labels = { severity: "warning", destination_service_namespace: "apps", destination_service_name: service };
    const test = {
      rule_files: ["rules.yml"],
      evaluation_interval: `${scrapeS}s`,
      tests: [
        {
          interval: `${scrapeS}s`,
          input_series: series(service, latencyMs, durationS, scrapeS),
          alert_rule_test: [
            { eval_time: `${START_S - scrapeS}s`, alertname: "HighRequestLatencyP95", exp_alerts: [] },
            {
              eval_time: `${START_S + durationS}s`,
              alertname: "HighRequestLatencyP95",
              exp_alerts: [{ exp_labels: labels }],
            },
          ],
        },
      ],
    };
    const dir = mkdtempSync(join(tmpdir(), "delay-"));
    try {
      writeFileSync(join(dir, "rules.yml"), stringify({ groups }, { lineWidth: 0 }));
      writeFileSync(join(dir, "t.yml"), stringify(test, { lineWidth: 0 }));
      const res = runPromtool(["test", "rules", "t.yml"], dir);
      assert.equal(res.status, 0, res.output);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
