import { strict as assert } from "assert";
import { parse } from "yaml";
import {
  ALERT_NAMES,
  DEFAULT_FOR,
  alertRulesInputProblems,
  prometheusRuleManifest,
  renderAlertRules,
  renderRulesFile,
  ruleSelectorLabels,
  type AlertingRule,
  type PrometheusRuleGroup,
} from "../../components/observability/rules";
import { promNumber } from "../../components/observability/rules-catalog";
import { validateManifest } from "../helpers/schemas";

function byName(groups: PrometheusRuleGroup[]): Map<string, AlertingRule & { group: string }> {
  return new Map(groups.flatMap((g) => g.rules.map((r) => [r.alert, { ...r, group: g.name }] as const)));
}

describe("renderAlertRules (defaults from seeds 002/003)", () => {
  const rules = byName(renderAlertRules());

  it("renders every catalog alert exactly once", () => {
    assert.deepEqual([...rules.keys()].sort(), [...ALERT_NAMES].sort());
    assert.equal(renderAlertRules().flatMap((g) => g.rules).length, ALERT_NAMES.length);
  });

  // [alert, threshold fragment of expr, for, severity]
  const expectations: [string, string, string, string][] = [
    [
      "HighPodCPUUsage",
      '/ sum by (namespace, pod) (kube_pod_container_resource_limits{resource="cpu"}) > 0.8',
      "5m",
      "warning",
    ],
    ["KubernetesNodeNotReady", 'kube_node_status_condition{condition="Ready", status="true"} == 0', "1m", "critical"],
    [
      "HighRequestLatencyP95",
      'histogram_quantile(0.95, sum by (destination_service_namespace, destination_service_name, le) (rate(istio_request_duration_milliseconds_bucket{reporter="waypoint"}[5m]))) > 200',
      "5m",
      "warning",
    ],
    [
      "HighErrorRate",
      'rate(istio_requests_total{reporter="waypoint",response_code=~"5.."}[5m])) / sum by (destination_service_namespace, destination_service_name) (rate(istio_requests_total{reporter="waypoint"}[5m])) > 0.01',
      "5m",
      "critical",
    ],
    [
      "NodeCPUSaturation",
      '1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])) > 0.85',
      "10m",
      "warning",
    ],
    [
      "NodeMemorySaturation",
      "1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes > 0.85",
      "10m",
      "warning",
    ],
    [
      "HPAMaxedOut",
      "kube_horizontalpodautoscaler_status_current_replicas >= kube_horizontalpodautoscaler_spec_max_replicas",
      "15m",
      "warning",
    ],
    ["KedaScalerErrors", "rate(keda_scaler_detail_errors_total[5m])) > 0", "5m", "warning"],
    [
      "KarpenterNodeLaunchFailing",
      'karpenter_cloudprovider_errors_total{method="Create", error!="NodeClaimNotFoundError"}[5m])) > 0',
      "5m",
      "critical",
    ],
  ];
  for (const [alert, fragment, forDuration, severity] of expectations) {
    it(`${alert}: threshold, for ${forDuration}, severity ${severity}`, () => {
      const r = rules.get(alert)!;
      assert.ok(r.expr.includes(fragment), `${alert} expr ${r.expr} should contain ${fragment}`);
      assert.equal(r.for, forDuration);
      assert.equal(r.labels.severity, severity);
      assert.ok(r.annotations.summary.length > 10 && r.annotations.description.length > 10);
      assert.ok(r.annotations.runbook.length > 80, `${alert} needs a real runbook`);
    });
  }

  it("reads request latency and errors from the mesh, never from app-exported http_* metrics", () => {
    for (const alert of ["HighRequestLatencyP95", "HighErrorRate"]) {
      assert.match(rules.get(alert)!.expr, /istio_request/);
      assert.doesNotMatch(rules.get(alert)!.expr, /http_/);
    }
  });

  it("puts thresholds in the summaries operators read", () => {
    assert.match(rules.get("HighRequestLatencyP95")!.annotations.summary, /above 200ms$/);
    assert.match(rules.get("HighErrorRate")!.annotations.summary, /more than 1% 5xx/);
  });

  it("groups rules by area", () => {
    assert.deepEqual(
      renderAlertRules().map((g) => [g.name, g.rules.length]),
      [
        ["platform.workloads", 3],
        ["platform.nodes", 3],
        ["platform.autoscaling", 3],
      ],
    );
  });
});

describe("renderAlertRules overrides", () => {
  it("applies threshold, for and window overrides and keeps the other defaults", () => {
    const rules = byName(
      renderAlertRules({
        thresholds: { podCpuPercent: 90, latencyP95Ms: 350, errorRatePercent: 0.5 },
        for: { HighPodCPUUsage: "10m" },
        rateWindow: "2m",
        groupPrefix: "shop",
      }),
    );
    assert.match(rules.get("HighPodCPUUsage")!.expr, / > 0\.9$/);
    assert.equal(rules.get("HighPodCPUUsage")!.for, "10m");
    assert.match(rules.get("HighRequestLatencyP95")!.expr, /\[2m\]\)\)\) > 350$/);
    assert.equal(
      rules.get("HighErrorRate")!.expr,
      'sum by (destination_service_namespace, destination_service_name) (rate(istio_requests_total{reporter="waypoint",response_code=~"5.."}[2m]))' +
        ' / sum by (destination_service_namespace, destination_service_name) (rate(istio_requests_total{reporter="waypoint"}[2m])) > 0.005',
    );
    assert.match(rules.get("NodeCPUSaturation")!.expr, / > 0\.85$/);
    assert.equal(rules.get("KubernetesNodeNotReady")!.for, DEFAULT_FOR.KubernetesNodeNotReady);
    assert.equal(rules.get("HighPodCPUUsage")!.group, "shop.workloads");
  });

  it("accepts the config section's thresholds object as is", () => {
    const fromConfig = {
      podCpuPercent: 80,
      latencyP95Ms: 200,
      errorRatePercent: 1,
      saturationPercent: 85,
    };
    assert.deepEqual(renderAlertRules({ thresholds: fromConfig }), renderAlertRules());
  });

  it("writes ratios without float noise", () => {
    assert.equal(promNumber(0.07 * 3), "0.21");
    assert.equal(promNumber(85 / 100), "0.85");
  });

  it("reports every bad input with key, value and expectation", () => {
    const input = {
      thresholds: { podCpuPercent: 120, latencyP95Ms: -1, cpu: 3 },
      for: { HighPodCPUUsage: "5 m", NoSuchAlert: "1m" },
      rateWindow: "five",
    } as never;
    assert.deepEqual(alertRulesInputProblems(input), [
      "thresholds.podCpuPercent: got 120; expected a percentage in (0, 100]",
      "thresholds.latencyP95Ms: got -1; expected a positive number",
      "thresholds.cpu: got 3; expected one of podCpuPercent, latencyP95Ms, errorRatePercent, saturationPercent",
      'for.HighPodCPUUsage: got "5 m"; expected a Prometheus duration like "1m" or "1h30m"',
      `for.NoSuchAlert: got "1m"; expected one of ${ALERT_NAMES.join(", ")}`,
      'rateWindow: got "five"; expected a Prometheus duration like "5m"',
    ]);
    assert.throws(
      () => renderAlertRules(input),
      /^Error: Invalid alert rules input:\n {2}- thresholds\.podCpuPercent: got 120/,
    );
  });
});

describe("renderRulesFile", () => {
  it("round-trips through YAML without folding PromQL", () => {
    const groups = renderAlertRules();
    const text = renderRulesFile(groups);
    assert.deepEqual(parse(text), { groups });
    const longest = groups.flatMap((g) => g.rules).reduce((a, r) => (r.expr.length > a.length ? r.expr : a), "");
    assert.ok(text.includes(longest), "the longest expr should stay on one line");
  });
});

describe("prometheusRuleManifest", () => {
  const groups = renderAlertRules();

  it("carries the kube-prometheus-stack release label the rule selector matches", () => {
    const m = prometheusRuleManifest(
      "platform-alerts",
      "monitoring",
      groups,
      ruleSelectorLabels("kube-prometheus-stack"),
    );
    assert.equal(m.apiVersion, "monitoring.coreos.com/v1");
    assert.equal(m.kind, "PrometheusRule");
    assert.deepEqual(m.metadata, {
      name: "platform-alerts",
      namespace: "monitoring",
      labels: { "app.kubernetes.io/part-of": "platform", release: "kube-prometheus-stack" },
    });
    assert.equal(m.spec.groups, groups);
  });

  it("validates against the prometheus-operator PrometheusRule model", async () => {
    const m = prometheusRuleManifest("platform-alerts", "monitoring", groups, ruleSelectorLabels("kps"));
    await validateManifest(
      "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule",
      "PrometheusRule",
      m,
    );
  });

  it("the model rejects a rule without expr (the validation is live)", async () => {
    const m = prometheusRuleManifest("platform-alerts", "monitoring", groups, ruleSelectorLabels("kps"));
    const broken = { ...m, spec: { groups: [{ name: "g", rules: [{ alert: "A", for: "5m" }] }] } };
    await assert.rejects(
      validateManifest(
        "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule",
        "PrometheusRule",
        broken,
      ),
      /expr/,
    );
  });

  it("refuses manifests Prometheus would silently ignore or the API would reject", () => {
    assert.throws(
      () => prometheusRuleManifest("alerts", "monitoring", groups, {}),
      /selectorLabels: got \{\}; expected the labels the Prometheus ruleSelector matches/,
    );
    assert.throws(
      () => prometheusRuleManifest("Platform_Alerts", "monitoring", groups, { release: "kps" }),
      /name: got "Platform_Alerts"; expected a DNS subdomain/,
    );
    assert.throws(
      () => prometheusRuleManifest("alerts", "Monitoring", groups, { release: "kps" }),
      /namespace: got "Monitoring"; expected a DNS label/,
    );
    assert.throws(() => prometheusRuleManifest("alerts", "monitoring", [], { release: "kps" }), /groups: got no rules/);
  });
});
