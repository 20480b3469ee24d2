import { strict as assert } from "assert";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { stringify } from "yaml";
import { GATEWAY_STEADY_STATE_ALERTS, gatewayHypothesisRules } from "../../components/chaos/hypotheses";
import { DEFAULT_STEADY_STATE } from "../../components/chaos/manifests";
import { planFor } from "../helpers/plan";
import { requirePromtool, runPromtool } from "../helpers/promtool";

/**
 * The gateway pod-kill's steady state can fail: the real rules under promtool on synthetic
 * nginx-prometheus-exporter series (metric names from collector/nginx.go at v1.4.2). Two gateway
 * pods serve 50 rps each (3,000 requests a minute); pod b is killed at 5m. Where nginx loses
 * requests (the survivor does not take b's share, or drops connections) an alert fires within a
 * minute; where the survivor takes the load, both stay silent; an idle gateway says nothing.
 */
const NS = "apps";
const JOB = "nginx-gateway";
const s = (metric: string, pod: string, values: string) => ({
  series: `${metric}{namespace="${NS}",job="${JOB}",pod="${pod}"}`,
  values,
});
/** A pod serving `perMin` requests a minute for 5 minutes, then gone (killed). */
const killed = (metric: string, perMin: number) => s(metric, "b", `0+${perMin}x5 stale`);
const survivor = (metric: string, before: number, after: number) =>
  s(metric, "a", `0+${before}x5 ${5 * before + after}+${after}x5`);

function run(series: object[], expected: Record<string, boolean>) {
  const groups = gatewayHypothesisRules(NS, JOB).map((g) => ({
    ...g,
    rules: g.rules.map(({ annotations: _a, ...r }) => r),
  }));
  const test = {
    rule_files: ["rules.yml"],
    evaluation_interval: "1m",
    tests: [
      {
        interval: "1m",
        input_series: series,
        alert_rule_test: GATEWAY_STEADY_STATE_ALERTS.flatMap((alertname) => [
          { eval_time: "4m", alertname, exp_alerts: [] },
          {
            eval_time: "6m",
            alertname,
            exp_alerts: expected[alertname] ? [{ exp_labels: { severity: "warning", namespace: NS } }] : [],
          },
        ]),
      },
    ],
  };
  const dir = mkdtempSync(join(tmpdir(), "steady-"));
  try {
    writeFileSync(join(dir, "rules.yml"), stringify({ groups }, { lineWidth: 0 }));
    writeFileSync(join(dir, "t.yml"), stringify(test, { lineWidth: 0 }));
    const res = runPromtool(["test", "rules", "t.yml"], dir);
    assert.equal(res.status, 0, res.output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const handledAsAccepted = (pod: "a" | "b", perMin: number, killedAt5 = false) =>
  ["nginx_connections_accepted", "nginx_connections_handled"].map((m) =>
    killedAt5 ? killed(m, perMin) : s(m, pod, `0+${perMin}x10`),
  );

describe("gateway pod-kill: the steady state reads nginx's own counters and can fail (promtool) @integration", () => {
  before(() => requirePromtool());

  it("the pod-kill Schedule names these alerts, not the waypoint's SLO burns", () => {
    assert.deepEqual([...DEFAULT_STEADY_STATE["pod-kill"]], ["GatewayThroughputDrop", "GatewayConnectionsDropped"]);
  });

  it("dev plans the rules where Prometheus loads them, after its release, for the experiment's alerts", async function () {
    this.timeout(180_000);
    const { plan } = await planFor("dev");
    const kill = plan.resources.find(
      (r) =>
        r.type === "kubernetes:chaos-mesh.org/v1alpha1:Schedule" &&
        (r.inputs.spec as any).podChaos?.action === "pod-kill",
    )!;
    const rule = plan.resources.find((r) => r.name.endsWith("-chaos-steady-state-rules"))!;
    const m = rule.inputs as any;
    assert.equal(m.kind, "PrometheusRule");
    assert.equal(m.metadata.labels.release, "kube-prometheus-stack");
    assert.ok(
      rule.dependencies.some((u) => u.endsWith("observability-kube-prometheus-stack")),
      rule.dependencies.join(),
    );
    const alerts = m.spec.groups.flatMap((g: any) => g.rules.map((r: any) => r.alert));
    assert.deepEqual(alerts, (kill.inputs.metadata as any).annotations["platform.io/steady-state"].split(","));
  });

  it("requests lost with the killed pod (the survivor does not take its share): GatewayThroughputDrop fires", () => {
    run(
      [
        survivor("nginx_http_requests_total", 3000, 3000),
        killed("nginx_http_requests_total", 3000),
        ...handledAsAccepted("a", 100),
        ...handledAsAccepted("b", 100, true),
      ],
      { GatewayThroughputDrop: true, GatewayConnectionsDropped: false },
    );
  });

  it("the survivor takes the load but drops connections: GatewayConnectionsDropped fires", () => {
    run(
      [
        survivor("nginx_http_requests_total", 3000, 6000),
        killed("nginx_http_requests_total", 3000),
        s("nginx_connections_accepted", "a", "0+100x5 700+200x4"),
        s("nginx_connections_handled", "a", "0+100x5 650+150x4"),
        ...handledAsAccepted("b", 100, true),
      ],
      { GatewayThroughputDrop: false, GatewayConnectionsDropped: true },
    );
  });

  it("the platform absorbs the kill (the survivor serves both shares): both stay silent", () => {
    run(
      [
        survivor("nginx_http_requests_total", 3000, 6000),
        killed("nginx_http_requests_total", 3000),
        s("nginx_connections_accepted", "a", "0+100x5 700+200x4"),
        s("nginx_connections_handled", "a", "0+100x5 700+200x4"),
        ...handledAsAccepted("b", 100, true),
      ],
      { GatewayThroughputDrop: false, GatewayConnectionsDropped: false },
    );
  });

  it("an idle gateway (under 1 rps) says nothing when a pod goes", () => {
    run(
      [
        survivor("nginx_http_requests_total", 30, 0),
        killed("nginx_http_requests_total", 30),
        ...handledAsAccepted("a", 1),
        ...handledAsAccepted("b", 1, true),
      ],
      { GatewayThroughputDrop: false, GatewayConnectionsDropped: false },
    );
  });
});
