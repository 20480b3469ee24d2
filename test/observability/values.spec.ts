import { strict as assert } from "assert";
import { alarmKeyPolicy } from "../../components/observability/alarms";
import { albAlarms, type AlbAlarmInput } from "../../components/edge/alarms";
import { platformMonitorTargets, serviceMonitorManifest } from "../../components/observability/monitors";
import {
  alertmanagerConfig,
  kubePrometheusStackValues,
  monitoringNamespaceLabels,
  retentionSize,
  type PrometheusStackValuesInput,
} from "../../components/observability/values";
import { validateManifest } from "../helpers/schemas";

const PO = "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";
const input = (over: Partial<PrometheusStackValuesInput> = {}): PrometheusStackValuesInput => ({
  clusterName: "platform-dev-use1",
  region: "us-east-1",
  retention: "72h",
  storageGiB: 20,
  scrapeInterval: "15s",
  alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:platform-dev-use1-alarms",
  routes: [{ severity: "critical", receiver: "sns", repeatInterval: "1h" }],
  grafanaAdminSecret: "grafana-admin",
  ...over,
});

const values = (over: Partial<PrometheusStackValuesInput> = {}) => kubePrometheusStackValues(input(over)) as any;

describe("observability: kube-prometheus-stack values", () => {
  it("labels Prometheus data with cluster and region and keeps it on gp3 for the configured retention", () => {
    const spec = values().prometheus.prometheusSpec;
    assert.deepEqual(spec.externalLabels, { cluster: "platform-dev-use1", region: "us-east-1" });
    assert.equal(spec.retention, "72h");
    assert.equal(spec.retentionSize, "17GB");
    assert.deepEqual(spec.storageSpec.volumeClaimTemplate.spec, {
      storageClassName: "gp3",
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: "20Gi" } },
    });
    assert.equal(spec.scrapeInterval, "15s");
    assert.equal(spec.evaluationInterval, "15s");
  });

  it("keeps the release-label selectors (rules and monitors must carry release: kube-prometheus-stack)", () => {
    const spec = values().prometheus.prometheusSpec;
    assert.equal(spec.ruleSelectorNilUsesHelmValues, true);
    assert.equal(spec.serviceMonitorSelectorNilUsesHelmValues, true);
    assert.equal(spec.podMonitorSelectorNilUsesHelmValues, true);
    assert.equal(spec.ruleSelector, undefined);
  });

  it("runs Prometheus and Alertmanager non-root on the system nodes; node-exporter everywhere", () => {
    const v = values();
    for (const spec of [v.prometheus.prometheusSpec, v.alertmanager.alertmanagerSpec]) {
      assert.equal(spec.securityContext.runAsNonRoot, true);
      assert.deepEqual(spec.nodeSelector, { "platform.io/node-role": "system" });
      assert.deepEqual(spec.tolerations, [
        { key: "CriticalAddonsOnly", operator: "Equal", value: "true", effect: "NoSchedule" },
      ]);
    }
    assert.deepEqual(v["prometheus-node-exporter"].tolerations, [{ operator: "Exists" }]);
    assert.equal(v.grafana.nodeSelector, undefined, "Grafana is not critical: ordinary nodes");
  });

  it("remote-writes to AMP with SigV4 only when a URL is given", () => {
    assert.deepEqual(values().prometheus.prometheusSpec.remoteWrite, []);
    const rw = values({
      remoteWriteUrl: "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/remote_write",
    }).prometheus.prometheusSpec.remoteWrite;
    assert.equal(rw.length, 1);
    assert.deepEqual(rw[0].sigv4, { region: "us-east-1" });
  });

  it("references the Grafana admin Secret and carries no password", () => {
    const v = values();
    assert.deepEqual(v.grafana.admin, {
      existingSecret: "grafana-admin",
      userKey: "admin-user",
      passwordKey: "admin-password",
    });
    assert.ok(!/adminPassword|password"\s*:\s*"[^"]/.test(JSON.stringify(v)));
  });

  it("routes by severity to SNS via SigV4, drops Watchdog and unrouted alerts", () => {
    const am = alertmanagerConfig(
      input({
        routes: [
          { severity: "critical", receiver: "sns", repeatInterval: "30m" },
          { severity: "info", receiver: "null", repeatInterval: "4h" },
        ],
      }),
    ) as any;
    assert.equal(am.route.receiver, "null");
    assert.deepEqual(am.route.routes, [
      { receiver: "null", matchers: ['alertname = "Watchdog"'] },
      { receiver: "sns", matchers: ['severity = "critical"'], repeat_interval: "30m" },
      { receiver: "null", matchers: ['severity = "info"'], repeat_interval: "4h" },
    ]);
    assert.deepEqual(
      am.receivers.map((r: any) => r.name),
      ["null", "sns"],
    );
    assert.deepEqual(am.receivers[1].sns_configs[0].sigv4, { region: "us-east-1" });
    assert.equal(
      am.receivers[1].sns_configs[0].topic_arn,
      "arn:aws:sns:us-east-1:123456789012:platform-dev-use1-alarms",
    );
  });

  it("validates prometheusSpec and alertmanagerSpec against the Prometheus Operator CRDs", async () => {
    const v = values({
      remoteWriteUrl: "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/remote_write",
    });
    // The chart renames storageSpec to spec.storage and consumes the *NilUsesHelmValues switches itself.
    const {
      storageSpec,
      ruleSelectorNilUsesHelmValues,
      serviceMonitorSelectorNilUsesHelmValues,
      podMonitorSelectorNilUsesHelmValues,
      ...prom
    } = v.prometheus.prometheusSpec;
    void [ruleSelectorNilUsesHelmValues, serviceMonitorSelectorNilUsesHelmValues, podMonitorSelectorNilUsesHelmValues];
    // The model generator turns the CRD's embedded PVC into a pseudo-kind with a required
    // apiVersion/kind the real CRD does not have; the claim is checked as a PVC instead.
    await validateManifest(`${PO}/Prometheus`, "Prometheus", {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "Prometheus",
      metadata: { name: "p" },
      spec: prom,
    });
    await validateManifest("kubernetes-models/v1/PersistentVolumeClaim", "PersistentVolumeClaim", {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "c" },
      spec: storageSpec.volumeClaimTemplate.spec,
    });
    await validateManifest(`${PO}/Alertmanager`, "Alertmanager", {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "Alertmanager",
      metadata: { name: "a" },
      spec: v.alertmanager.alertmanagerSpec,
    });
    await assert.rejects(
      validateManifest(`${PO}/Prometheus`, "Prometheus", {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "Prometheus",
        metadata: { name: "p" },
        spec: { ...prom, retention: "3 days" },
      }),
    );
  });

  it("sizes retention below the volume and never to zero", () => {
    assert.equal(retentionSize(50), "42GB");
    assert.equal(retentionSize(1), "1GB");
  });

  it("enforces privileged Pod Security on monitoring (node-exporter) but audits/warns at baseline", () => {
    assert.deepEqual(monitoringNamespaceLabels(), {
      "pod-security.kubernetes.io/enforce": "privileged",
      "pod-security.kubernetes.io/audit": "baseline",
      "pod-security.kubernetes.io/warn": "baseline",
      "app.kubernetes.io/managed-by": "pulumi",
    });
  });
});

describe("observability: ServiceMonitors", () => {
  const targets = platformMonitorTargets({
    webServices: ["frontend", "user-service"],
    gateway: "nginx-gateway",
    appsNamespace: "apps",
  });

  it("scrapes services on port http /metrics, the gateway exporter on port metrics, Karpenter and KEDA", () => {
    assert.deepEqual(
      targets.map((t) => [t.name, t.namespace, t.port, Object.values(t.matchLabels)[0]]),
      [
        ["frontend", "apps", "http", "frontend"],
        ["user-service", "apps", "http", "user-service"],
        ["nginx-gateway-exporter", "apps", "metrics", "nginx-gateway"],
        ["karpenter", "kube-system", "http-metrics", "karpenter"],
        ["keda-operator", "keda", "metrics", "keda-operator"],
      ],
    );
  });

  it("builds schema-valid ServiceMonitors in monitoring with the release label", async () => {
    for (const t of targets) {
      const m = serviceMonitorManifest(t, { release: "kube-prometheus-stack" });
      assert.equal(m.metadata.namespace, "monitoring");
      assert.equal(m.metadata.labels.release, "kube-prometheus-stack");
      assert.deepEqual(m.spec.namespaceSelector, { matchNames: [t.namespace] });
      assert.equal(m.spec.endpoints[0].path, "/metrics");
      await validateManifest(`${PO}/ServiceMonitor`, "ServiceMonitor", m);
    }
  });

  it("keeps KEDA's own namespace label (honorLabels), and never an app's", () => {
    // keda_scaler_detail_errors_total carries the ScaledObject's namespace; KEDA's upstream dashboard
    // has to query exported_namespace without honor_labels. Apps must not choose their namespace label.
    const honored = targets
      .map((t) => serviceMonitorManifest(t, { release: "kube-prometheus-stack" }))
      .filter((m) => m.spec.endpoints[0].honorLabels === true)
      .map((m) => m.metadata.name);
    assert.deepEqual(honored, ["keda-operator"]);
  });

  it("rejects an empty selector, a missing release label, a bad name and duplicates", () => {
    const t = targets[0];
    assert.throws(() => serviceMonitorManifest({ ...t, matchLabels: {} }, { release: "x" }), {
      message:
        "ServiceMonitor frontend matchLabels: got {}; expected at least one label (an empty selector scrapes every Service in the namespace)",
    });
    assert.throws(() => serviceMonitorManifest(t, {}), {
      message:
        "ServiceMonitor frontend selectorLabels: got {}; expected the labels the Prometheus serviceMonitorSelector matches",
    });
    assert.throws(() => serviceMonitorManifest({ ...t, name: "Front_End" }, { release: "x" }), {
      message: 'ServiceMonitor name: got "Front_End"; expected a DNS label of at most 63 characters',
    });
    assert.throws(() => platformMonitorTargets({ webServices: ["karpenter"], gateway: "g", appsNamespace: "apps" }), {
      message:
        'ServiceMonitor names: got "karpenter" twice; expected unique names (a service is named like a platform component)',
    });
  });
});

describe("observability thresholds on the ALB (edge/alarms.ts, the one place ALB alarms are defined)", () => {
  // The twins of the in-cluster HighErrorRate and HighRequestLatencyP95 alerts.
  const albAlarmSpecs = (input: AlbAlarmInput<string>) =>
    albAlarms(input).filter((s) => s.role === "alb-5xx-rate" || s.role === "alb-latency-p95");
  const specs = albAlarmSpecs({
    physicalName: "platform-prod-use1",
    loadBalancerArnSuffix: "app/lb/1",
    errorRatePercent: 1,
    latencyP95Ms: 200,
  });

  it("alarms on the 5xx share of requests over 5 minutes", () => {
    const a = specs[0].args as any;
    assert.equal(specs[0].role, "alb-5xx-rate");
    assert.equal(a.threshold, 1);
    assert.equal(a.evaluationPeriods, 5);
    assert.equal(a.treatMissingData, "notBreaching");
    assert.equal(
      a.metricQueries.find((q: any) => q.returnData).expression,
      "100 * (FILL(elb5xx, 0) + FILL(target5xx, 0)) / requests",
    );
    assert.deepEqual(
      a.metricQueries.filter((q: any) => q.metric).map((q: any) => q.metric.dimensions),
      [{ LoadBalancer: "app/lb/1" }, { LoadBalancer: "app/lb/1" }, { LoadBalancer: "app/lb/1" }],
    );
  });

  it("alarms on p95 TargetResponseTime in seconds", () => {
    const a = specs[1].args as any;
    assert.deepEqual(
      [a.metricName, a.extendedStatistic, a.threshold, a.name],
      ["TargetResponseTime", "p95", 0.2, "platform-prod-use1-alb-latency-p95"],
    );
  });

  it("rejects thresholds that cannot alarm", () => {
    assert.throws(
      () => albAlarmSpecs({ physicalName: "p", loadBalancerArnSuffix: "x", errorRatePercent: 0, latencyP95Ms: 200 }),
      { message: "errorRatePercent: got 0; expected a percentage in (0, 100]" },
    );
    assert.throws(
      () => albAlarmSpecs({ physicalName: "p", loadBalancerArnSuffix: "x", errorRatePercent: 1, latencyP95Ms: -1 }),
      { message: "latencyP95Ms: got -1; expected a positive number of milliseconds" },
    );
  });

  it("lets CloudWatch (this account only) encrypt to the alarm topic's key", () => {
    const p = alarmKeyPolicy("aws", "123456789012") as any;
    assert.deepEqual(p.Statement[1].Principal, { Service: "cloudwatch.amazonaws.com" });
    assert.deepEqual(p.Statement[1].Condition, { StringEquals: { "aws:SourceAccount": "123456789012" } });
  });
});
