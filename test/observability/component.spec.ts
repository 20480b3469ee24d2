import { strict as assert } from "assert";
import type { PlatformConfig } from "../../components/config";
import { CHARTS } from "../../components/charts";
import { Observability } from "../../components/observability/stack";
import { runProgram, type PlanResource, type ProgramRun } from "../../tools/engine/run";
import { ALONE, standInRegion, testConfig } from "../helpers/stand-in";

function config(overrides: Record<string, unknown> = {}): PlatformConfig {
  return testConfig({ environment: "prod", regions: [{ name: "us-west-2", vpcCidr: "10.1.0.0/16" }], ...overrides });
}

/**
 * The Observability component alone on the mock engine, in a stand-in region (stand-in cluster,
 * the region's real alarm topic with the config's e-mail subscribers).
 */
function run(cfg: PlatformConfig, scrapeKeda = true): Promise<ProgramRun> {
  return runProgram({
    ...ALONE,
    program: () => {
      const region = standInRegion({ emails: [...cfg.observability.alarmEmails] });
      new Observability("usw2-observability", { config: cfg, region, scrapeKeda });
      return {};
    },
  });
}

describe("Observability component (mock engine)", () => {
  let r: ProgramRun;
  let plain: ProgramRun;
  const emails = ["oncall@example.com", "sre@example.com"];
  before(async () => {
    r = await run(
      config({
        observability: {
          managedPrometheus: true,
          alarmEmails: emails,
          retention: "240h",
          storageGiB: 100,
          thresholds: { latencyP95Ms: 250 },
        },
      }),
    );
    plain = await run(config(), false);
  });
  const named = (run: ProgramRun, n: string): PlanResource => {
    const x = run.resources.find((y) => y.name === n);
    assert.ok(x, `no resource named ${n}`);
    return x;
  };
  const ofType = (run: ProgramRun, t: string) => run.resources.filter((x) => x.type === t);
  const release = (run: ProgramRun) => named(run, "usw2-observability-kube-prometheus-stack");

  it("installs the pinned kube-prometheus-stack as release kube-prometheus-stack in monitoring", () => {
    const rel = release(r);
    assert.equal(rel.type, "kubernetes:helm.sh/v3:Release");
    assert.equal(rel.inputs.chart, "kube-prometheus-stack");
    assert.equal(rel.inputs.version, CHARTS.kubePrometheusStack.version);
    assert.deepEqual(rel.inputs.repositoryOpts, { repo: "https://prometheus-community.github.io/helm-charts" });
    assert.equal(rel.inputs.name, "kube-prometheus-stack");
    assert.equal(rel.inputs.namespace, "monitoring");
  });

  it("passes config into Prometheus: external labels, retention, gp3 volume, remote_write to AMP with SigV4", () => {
    const spec = (release(r).inputs.values as any).prometheus.prometheusSpec;
    assert.deepEqual(spec.externalLabels, { cluster: "platform-test-usw2", region: "us-west-2" });
    assert.equal(spec.retention, "240h");
    assert.equal(spec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage, "100Gi");
    assert.deepEqual(
      spec.remoteWrite.map((w: any) => [w.url, w.sigv4]),
      [
        [
          "https://aps-workspaces.us-west-2.amazonaws.com/workspaces/ws-usw2-observability-amp/api/v1/remote_write",
          { region: "us-west-2" },
        ],
      ],
    );
    assert.deepEqual((release(plain).inputs.values as any).prometheus.prometheusSpec.remoteWrite, []);
    assert.equal(ofType(plain, "aws:amp/workspace:Workspace").length, 0);
  });

  it("grants Prometheus aps:RemoteWrite on its workspace only, through Pod Identity", () => {
    const policy = JSON.parse(named(r, "usw2-observability-prometheus-pi-policy").inputs.policy as string);
    assert.deepEqual(policy.Statement, [
      {
        Sid: "RemoteWrite",
        Effect: "Allow",
        Action: ["aps:RemoteWrite"],
        Resource: "arn:aws:aps:us-west-2:123456789012:workspace/ws-usw2-observability-amp",
      },
    ]);
    const assoc = named(r, "usw2-observability-prometheus-pi-association");
    assert.deepEqual(
      [assoc.inputs.namespace, assoc.inputs.serviceAccount, assoc.inputs.clusterName],
      ["monitoring", "kube-prometheus-stack-prometheus", "platform-test-usw2"],
    );
  });

  it("publishes critical alerts to the region's KMS-encrypted SNS topic with e-mail subscribers; Alertmanager may publish only there", () => {
    const topic = named(r, "usw2-alarms");
    assert.equal(topic.inputs.kmsMasterKeyId, "arn:aws:kms:us-west-2:123456789012:key/usw2-alarm-key");
    assert.equal(named(r, "usw2-alarm-key").inputs.enableKeyRotation, true);
    assert.deepEqual(
      ofType(r, "aws:sns/topicSubscription:TopicSubscription").map((s) => [s.inputs.protocol, s.inputs.endpoint]),
      emails.map((e) => ["email", e]),
    );
    const topicArn = "arn:aws:sns:us-west-2:123456789012:platform-test-usw2-alarms";
    const am = (release(r).inputs.values as any).alertmanager.config;
    assert.deepEqual(am.route.routes.slice(1), [
      { receiver: "sns", matchers: ['severity = "critical"'], repeat_interval: "1h" },
      { receiver: "sns", matchers: ['severity = "warning"'], repeat_interval: "12h" },
    ]);
    assert.deepEqual(am.receivers[1].sns_configs[0].topic_arn, topicArn);
    const policy = JSON.parse(named(r, "usw2-observability-alertmanager-pi-policy").inputs.policy as string);
    assert.deepEqual(policy.Statement[0], {
      Sid: "PublishAlerts",
      Effect: "Allow",
      Action: ["sns:Publish"],
      Resource: topicArn,
    });
    assert.deepEqual(policy.Statement[1].Resource, "arn:aws:kms:us-west-2:123456789012:key/usw2-alarm-key");
  });

  it("keeps the Grafana password out of the chart values: a Secret holds it, shown only as [secret]", () => {
    const grafana = (release(r).inputs.values as any).grafana;
    assert.deepEqual(grafana.admin, {
      existingSecret: "grafana-admin",
      userKey: "admin-user",
      passwordKey: "admin-password",
    });
    assert.equal(grafana.adminPassword, undefined);
    assert.ok(
      !JSON.stringify(r.resources).includes("mock-password"),
      "the generated password never appears in the plan",
    );
    const secret = named(r, "usw2-observability-grafana-admin");
    // The Kubernetes SDK marks all of a Secret's stringData secret.
    assert.equal(secret.inputs.stringData, "[secret]");
    assert.ok(release(r).dependencies.includes(secret.urn), "the release waits for the Secret");
  });

  it("creates the alert rules and one ServiceMonitor per web service, gateway exporter, Karpenter and KEDA, after the release", () => {
    const rules = ofType(r, "kubernetes:monitoring.coreos.com/v1:PrometheusRule").sort((a, b) =>
      String((a.inputs.metadata as any).name).localeCompare(String((b.inputs.metadata as any).name)),
    );
    assert.deepEqual(
      rules.map((x) => [(x.inputs.metadata as any).name, (x.inputs.metadata as any).labels.release]),
      [
        ["platform-alerts", "kube-prometheus-stack"],
        ["platform-slos", "kube-prometheus-stack"],
      ],
    );
    const alerts = (rules[0].inputs.spec as any).groups.flatMap((g: any) => g.rules);
    assert.match(alerts.find((a: any) => a.alert === "HighRequestLatencyP95").expr, / > 250$/);
    const slo = (rules[1].inputs.spec as any).groups.flatMap((g: any) => g.rules);
    assert.equal(slo.filter((a: any) => /^SLO\w+Burn$/.test(a.alert ?? "")).length, 4);
    const monitors = ofType(r, "kubernetes:monitoring.coreos.com/v1:ServiceMonitor").map(
      (m) => (m.inputs.metadata as any).name,
    );
    assert.deepEqual(monitors, [
      "frontend",
      "user-service",
      "activity-service",
      "notification-service",
      "nginx-gateway-exporter",
      "karpenter",
      "keda-operator",
    ]);
    for (const cr of [...rules, ...ofType(r, "kubernetes:monitoring.coreos.com/v1:ServiceMonitor")]) {
      // The chart's CRDs and nothing else: no wait for the workloads or the cluster's nodes.
      assert.deepEqual(cr.dependencies, [release(r).urn], `${cr.name} depends on the release only`);
    }
    const plainMonitors = ofType(plain, "kubernetes:monitoring.coreos.com/v1:ServiceMonitor");
    assert.deepEqual(
      plainMonitors.map((m) => (m.inputs.metadata as any).name).filter((n) => n.startsWith("keda")),
      [],
      "no KEDA monitor where KEDA does not run",
    );
    assert.equal(plainMonitors.length, monitors.length - 1);
  });

  it("binds every Kubernetes resource to the cluster's provider and every AWS resource to the region", () => {
    const k8sProvider = r.resources.find((x) => x.type === "pulumi:providers:kubernetes")!.urn;
    for (const x of r.resources.filter((y) => y.custom && y.type.startsWith("kubernetes:") && y.name !== "addons"))
      assert.equal(x.provider, k8sProvider, x.name);
    for (const x of r.resources.filter((y) => y.custom && y.type.startsWith("aws:")))
      assert.equal(x.region, "us-west-2", x.name);
  });

  it("labels the monitoring namespace privileged for node-exporter; only the release waits for the cluster's add-ons", () => {
    const ns = named(r, "usw2-observability-namespace");
    assert.equal((ns.inputs.metadata as any).labels["pod-security.kubernetes.io/enforce"], "privileged");
    assert.deepEqual(ns.dependencies, [], "a namespace needs only the API server");
    assert.ok(release(r).dependencies.includes(named(r, "addons").urn));
  });

  it("creates no CloudWatch alarm of its own (the ALB's are the edge's, all on the region's topic)", () => {
    assert.equal(ofType(r, "aws:cloudwatch/metricAlarm:MetricAlarm").length, 0);
    assert.equal(ofType(plain, "aws:cloudwatch/metricAlarm:MetricAlarm").length, 0);
  });
});
