import { strict as assert } from "assert";
import { parser } from "@prometheus-io/lezer-promql";
import { METRIC_CATALOG, SOURCE_DEPLOYMENT, type MetricSource } from "../../components/observability/metric-sources";
import { renderAlertRules } from "../../components/observability/rules";
import { renderSloRules } from "../../components/observability/slo";
import type { Plan } from "../../tools/plan-lib";
import { ofType, planFor } from "../helpers/plan";

/** Metric names a PromQL expression reads (the Identifier of each VectorSelector); throws on a parse error. */
export function metricsRead(expr: string): string[] {
  const names: string[] = [];
  const errors: number[] = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError) errors.push(node.from);
      if (node.name === "Identifier" && node.node.parent?.name === "VectorSelector")
        names.push(expr.slice(node.from, node.to));
    },
  });
  if (errors.length > 0) throw new Error(`PromQL parse error at ${errors[0]} in ${expr}`);
  return names;
}

type Rule = { alert?: string; record?: string; expr: string };
const platformRules = (): Rule[] => [
  ...renderAlertRules().flatMap((g) => g.rules as Rule[]),
  ...renderSloRules().flatMap((g) => g.rules as unknown as Rule[]),
];

const values = (r: { inputs: Record<string, unknown> }) => (r.inputs.values ?? {}) as Record<string, any>;
const named = (plan: Plan, type: string, name: string) =>
  ofType(plan, type).filter((r) => (r.inputs.metadata as any)?.name === name);

/** Whether the plan deploys a source (and Prometheus is told to scrape it), as plan evidence. */
const DEPLOYED: Record<MetricSource, (plan: Plan) => boolean> = {
  "mesh-waypoint": (p) =>
    named(p, "kubernetes:gateway.networking.k8s.io/v1:Gateway", "waypoint").length > 0 &&
    named(p, "kubernetes:monitoring.coreos.com/v1:PodMonitor", "waypoint").length > 0,
  "mesh-ztunnel": (p) => named(p, "kubernetes:monitoring.coreos.com/v1:PodMonitor", "ztunnel").length > 0,
  "kube-state-metrics": (p) => kps(p).some((r) => values(r).kubeStateMetrics?.enabled !== false),
  "node-exporter": (p) => kps(p).some((r) => values(r).nodeExporter?.enabled !== false),
  "kubelet-cadvisor": (p) => kps(p).some((r) => values(r).kubelet?.enabled !== false),
  "keda-operator": (p) => named(p, "kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "keda-operator").length > 0,
  karpenter: (p) => named(p, "kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "karpenter").length > 0,
  prometheus: (p) => kps(p).length > 0,
  alertmanager: (p) => kps(p).some((r) => values(r).alertmanager?.enabled !== false),
  k6: (p) => ofType(p, "kubernetes:helm.sh/v3:Release").some((r) => r.inputs.chart === "k6-operator"),
  "nginx-gateway-exporter": (p) =>
    named(p, "kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "nginx-gateway-exporter").length > 0,
  // The plugin installed on the controller and the chart told to render its ServiceMonitor.
  "jenkins-prometheus-plugin": (p) =>
    ofType(p, "kubernetes:helm.sh/v3:Release").some(
      (r) =>
        r.inputs.chart === "jenkins" &&
        (values(r).controller?.additionalPlugins ?? []).some((x: string) => x.startsWith("prometheus:")) &&
        values(r).controller?.prometheus?.enabled === true,
    ),
};
const kps = (p: Plan) =>
  ofType(p, "kubernetes:helm.sh/v3:Release").filter((r) => r.inputs.chart === "kube-prometheus-stack");

describe("metric sources: every metric a rule or KEDA trigger reads is exported by something deployed", () => {
  it("reads metric names through the PromQL parser (not a regex)", () => {
    assert.deepEqual(metricsRead('sum by (a) (rate(foo_total{x="rate(bar[5m])"}[5m])) / on (a) baz > 0.1 or slo:x:y'), [
      "foo_total",
      "baz",
      "slo:x:y",
    ]);
    assert.throws(() => metricsRead("sum by (pod (rate(x[5m]))"), /PromQL parse error/);
  });

  it("every rule reads only catalogued metrics or series recorded by another platform rule", () => {
    const rules = platformRules();
    const recorded = new Set(rules.filter((r) => r.record).map((r) => r.record!));
    const unknown = rules.flatMap((r) =>
      metricsRead(r.expr)
        .filter((m) => !(m in METRIC_CATALOG) && !recorded.has(m))
        .map((m) => `${r.alert ?? r.record}: ${m}`),
    );
    assert.deepEqual(unknown, []);
  });

  it("the catalog rejects what the old rules read (http_*, nginx log exporter, postgres_exporter)", () => {
    for (const m of ["http_requests_total", "nginx_http_response_count_total", "pg_stat_activity_count"])
      assert.equal(METRIC_CATALOG[m], undefined, m);
    const read = new Set(platformRules().flatMap((r) => metricsRead(r.expr)));
    assert.ok(![...read].some((m) => /^(http_|nginx_|pg_)/.test(m)), [...read].join(", "));
  });

  it("every source has a deployment statement", () => {
    for (const source of new Set(Object.values(METRIC_CATALOG))) assert.ok(SOURCE_DEPLOYMENT[source].length > 20);
  });

  for (const stack of ["dev", "prod"]) {
    it(`${stack}: the plan deploys the source of every metric the rules and KEDA Prometheus triggers read`, async () => {
      const { plan } = await planFor(stack);
      const rules = platformRules();
      const recorded = new Set(rules.filter((r) => r.record).map((r) => r.record!));
      const queries = ofType(plan, "kubernetes:keda.sh/v1alpha1:ScaledObject").flatMap((so) =>
        ((so.inputs.spec as any).triggers as any[])
          .filter((t) => t.type === "prometheus")
          .map((t): Rule => ({ alert: `${so.name} trigger ${t.name}`, expr: String(t.metadata.query) })),
      );
      assert.ok(queries.length > 0, "the plan has KEDA Prometheus triggers to check");
      // Every PrometheusRule the plan deploys, not only the platform's (chaos steady state, Jenkins).
      const deployed = ofType(plan, "kubernetes:monitoring.coreos.com/v1:PrometheusRule").flatMap((pr) =>
        ((pr.inputs.spec as any).groups as { rules: Rule[] }[]).flatMap((g) =>
          g.rules.map((r): Rule => ({ ...r, alert: `${pr.name} ${r.alert ?? r.record}` })),
        ),
      );
      const chaosRules = deployed.some((r) => r.alert!.includes("GatewayThroughputDrop"));
      assert.equal(chaosRules, stack === "dev", "the gateway steady-state rules come with chaos (dev only)");
      for (const r of deployed) if (r.record) recorded.add(r.record);
      const missing: string[] = [];
      for (const r of [...rules, ...deployed, ...queries])
        for (const m of metricsRead(r.expr)) {
          if (recorded.has(m)) continue;
          const source = METRIC_CATALOG[m];
          if (!source) missing.push(`${r.alert ?? r.record}: ${m} (not catalogued)`);
          else if (!DEPLOYED[source](plan)) missing.push(`${r.alert ?? r.record}: ${m} (${source} not deployed)`);
        }
      assert.deepEqual(missing, []);
    });
  }

  it("the deployment check can fail for the gateway exporter and the Jenkins plugin", async () => {
    const { plan } = await planFor("dev");
    const withoutMonitor = {
      ...plan,
      resources: plan.resources.filter((r) => (r.inputs.metadata as any)?.name !== "nginx-gateway-exporter"),
    } as Plan;
    const withoutPlugin = {
      ...plan,
      resources: plan.resources.map((r) =>
        r.inputs.chart === "jenkins"
          ? {
              ...r,
              inputs: {
                ...r.inputs,
                values: {
                  ...values(r),
                  controller: {
                    ...values(r).controller,
                    additionalPlugins: ["swarm:1254.vf26a_5e188f26", "matrix-auth:3.2.8"],
                  },
                },
              },
            }
          : r,
      ),
    } as Plan;
    assert.equal(DEPLOYED["nginx-gateway-exporter"](plan), true);
    assert.equal(DEPLOYED["nginx-gateway-exporter"](withoutMonitor), false);
    assert.equal(DEPLOYED["jenkins-prometheus-plugin"](plan), true);
    assert.equal(DEPLOYED["jenkins-prometheus-plugin"](withoutPlugin), false);
  });

  it("the deployment check can fail: a plan without the waypoint PodMonitor does not deploy mesh-waypoint", async () => {
    const { plan } = await planFor("dev");
    const stripped = {
      ...plan,
      resources: plan.resources.filter(
        (r) => !(r.type.endsWith(":PodMonitor") && (r.inputs.metadata as any)?.name === "waypoint"),
      ),
    } as Plan;
    assert.equal(DEPLOYED["mesh-waypoint"](plan), true);
    assert.equal(DEPLOYED["mesh-waypoint"](stripped), false);
  });
});
