import { strict as assert } from "assert";
import { mandatoryViolations } from "../../tools/plan-lib";
import { inRegion, ofType, planFor } from "../helpers/plan";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
const MONITOR = "kubernetes:monitoring.coreos.com/v1:ServiceMonitor";
const SCHEDULE = "kubernetes:chaos-mesh.org/v1alpha1:Schedule";
/** Jenkins' own PrometheusRule (test/jenkins) is not one of the observability stack's. */
const notJenkins = (r: { urn: string }) => !r.urn.includes("platform:jenkins:Jenkins");
const chart = (name: string) => (r: { inputs: Record<string, unknown> }) => r.inputs.chart === name;

describe("observability and chaos in the stack plans", () => {
  it("dev: kube-prometheus-stack, rules, 7 monitors and the 6 chaos Schedules in us-east-1, no mandatory violations", async () => {
    const { plan } = await planFor("dev");
    assert.equal(ofType(plan, RELEASE).filter(chart("kube-prometheus-stack")).length, 1);
    assert.equal(ofType(plan, RELEASE).filter(chart("chaos-mesh")).length, 1);
    assert.equal(
      inRegion(ofType(plan, "aws:sns/topic:Topic"), "us-east-1").filter((t) =>
        String(t.inputs.name).endsWith("-alarms"),
      ).length,
      1,
    );
    // Platform alerts, the seed 003 SLO rules, and chaos' steady state of the gateway pod-kill (nginx's counters).
    assert.equal(ofType(plan, RULE).filter(notJenkins).length, 3, "platform alerts, SLO rules, chaos steady state");
    assert.equal(ofType(plan, RULE).filter((r) => r.name.endsWith("-steady-state-rules")).length, 1);
    // The platform's 7 (web services, gateway exporter, Karpenter, KEDA) plus the mesh's istiod.
    assert.equal(ofType(plan, MONITOR).filter((m) => m.name.includes("-observability-monitor-")).length, 7);
    assert.equal(ofType(plan, MONITOR).length, 8);
    assert.equal(ofType(plan, SCHEDULE).length, 6);
    assert.equal(ofType(plan, "aws:amp/workspace:Workspace").length, 0, "dev does not remote-write");
    assert.deepEqual(mandatoryViolations(plan), []);
  });

  it("prod: one stack per region with AMP remote_write, ALB alarms per region, and no chaos (opt-in)", async () => {
    const { plan, config } = await planFor("prod");
    const regions = config.regions.map((r) => r.name);
    const releases = ofType(plan, RELEASE).filter(chart("kube-prometheus-stack"));
    assert.equal(releases.length, regions.length);
    const labels = releases.map((r) => (r.inputs.values as any).prometheus.prometheusSpec.externalLabels.region).sort();
    assert.deepEqual(labels, [...regions].sort());
    for (const region of regions)
      assert.equal(inRegion(ofType(plan, "aws:amp/workspace:Workspace"), region).length, 1, region);
    assert.equal(ofType(plan, RULE).filter(notJenkins).length, 2 * regions.length);
    assert.equal(
      ofType(plan, MONITOR).filter((m) => m.name.includes("-observability-monitor-")).length,
      7 * regions.length,
    );
    assert.equal(ofType(plan, MONITOR).length, 8 * regions.length, "plus the mesh's istiod monitor per region");
    assert.equal(ofType(plan, SCHEDULE).length, 0);
    assert.equal(ofType(plan, RELEASE).filter(chart("chaos-mesh")).length, 0);
    const albAlarms = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) =>
      /-alb-(5xx-rate|latency-p95)$/.test(String(a.inputs.name)),
    );
    assert.equal(albAlarms.length, 2 * regions.length);
    assert.deepEqual(mandatoryViolations(plan), []);
  });

  it("gives every CloudWatch alarm an action: the alarm topic of its own region (alarm and OK)", async () => {
    for (const stack of ["dev", "prod"]) {
      const { plan } = await planFor(stack);
      const topics = new Map(
        ofType(plan, "aws:sns/topic:Topic")
          .filter((t) => String(t.inputs.name).endsWith("-alarms"))
          .map((t) => [t.region, `arn:aws:sns:${t.region}:123456789012:${t.inputs.name}`]),
      );
      const alarms = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm");
      // Data tier, edge and queues (dev 12, prod 50), plus per region the DynamoDB read, write and GSI1
      // write throttles and replication latency to each other region, and the burst processor's
      // errors, throttles and age of the oldest message: dev 12 + 3 + 3, prod 50 + 3 x (3 + 2) + 3 x 3;
      // plus Jenkins' EFS burst credits in its one region; plus per region Kafka's consumer lag of
      // user-events' one group (activity-service) and each broker's disk: dev 1 + 2 brokers, prod 3 x (1 + 3).
      // Prod also has the failover standby region's writer-lost alarm (Aurora replica lag); dev's one region has no standby.
      const kafka = stack === "dev" ? 1 + 2 : 3 * (1 + 3);
      const failover = stack === "dev" ? 0 : 1;
      assert.equal(
        alarms.length,
        (stack === "dev" ? 12 + 3 + 3 : 50 + 3 * (3 + 2) + 3 * 3) + 1 + kafka + failover,
        stack,
      );
      for (const a of alarms) {
        // One topic per region: each alarm publishes to the topic beside it.
        assert.deepEqual(a.inputs.alarmActions, [topics.get(a.region)], `${stack}: ${a.name}`);
        assert.deepEqual(a.inputs.okActions, [topics.get(a.region)], `${stack}: ${a.name}`);
      }
    }
  });

  it("never writes the Grafana admin password into a plan", async () => {
    for (const stack of ["dev", "prod"]) {
      const { plan } = await planFor(stack);
      const secrets = plan.resources.filter((r) => r.name.endsWith("-observability-grafana-admin"));
      assert.ok(secrets.length > 0);
      for (const s of secrets) assert.equal(s.inputs.stringData, "[secret]");
      assert.ok(!JSON.stringify(plan).includes("mock-password"), `${stack}: a generated password leaked into the plan`);
    }
  });
});
