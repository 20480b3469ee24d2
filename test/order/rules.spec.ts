import { strict as assert } from "assert";
import { CHARTS } from "../../components/charts";
import { chartRule, isCustomResource, orderFindings, providedKinds } from "../../tools/order";
import { k8sKind } from "../../tools/order/graph";
import AWS_STATE from "../../tools/order/aws-state.json";
import DRIFT from "../../tools/order/drift.json";
import RULES from "../../tools/order/rules.json";
import { planFor } from "../helpers/plan";
import type { Plan } from "../../tools/plan-lib";

const RELEASE = "kubernetes:helm.sh/v3:Release";

/**
 * What the dev and prod plans hold, written out: a new custom-resource kind or chart in a plan makes
 * this list (and so the spec) fail until someone reads it at source and adds its rule.
 */
const PLANNED_CHARTS = [
  "aws-load-balancer-controller",
  "base",
  "chaos-mesh",
  "cni",
  "istiod",
  "jaeger",
  "jenkins",
  "keda",
  "kube-prometheus-stack",
  "oci://public.ecr.aws/karpenter/karpenter",
  "opentelemetry-collector",
  "vertical-pod-autoscaler",
  "ztunnel",
];
const PLANNED_CR_KINDS = [
  "autoscaling.k8s.io/VerticalPodAutoscaler",
  "chaos-mesh.org/Schedule",
  "elbv2.k8s.aws/TargetGroupBinding",
  "gateway.networking.k8s.io/Gateway",
  "karpenter.k8s.aws/EC2NodeClass",
  "karpenter.sh/NodePool",
  "keda.sh/ScaledObject",
  "keda.sh/TriggerAuthentication",
  "monitoring.coreos.com/PodMonitor",
  "monitoring.coreos.com/PrometheusRule",
  "monitoring.coreos.com/ServiceMonitor",
  "networking.istio.io/DestinationRule",
  "networking.istio.io/VirtualService",
  "security.istio.io/AuthorizationPolicy",
  "security.istio.io/PeerAuthentication",
  "telemetry.istio.io/Telemetry",
];
/** The stateful AWS dependencies of the plans, each with its rule in aws-state.json. */
const STATEFUL = {
  "aws:lb/listener:Listener": "https-listener-issued-certificate",
  "aws:cloudfront/distribution:Distribution": "cloudfront-issued-certificate",
  "aws:codebuild/webhook:Webhook": "codebuild-webhook-available-connection",
  "aws:rds/cluster:Cluster": "aurora-secondary-after-writer",
  "aws:cfg/deliveryChannel:DeliveryChannel": "config-role-can-deliver",
};

describe("order model: rules are data with sources, and cover the plans", () => {
  let plans: Plan[];
  before(async () => {
    plans = [(await planFor("dev")).plan, (await planFor("prod")).plan];
  });

  it("every rule names its upstream source and the day it was read", () => {
    for (const file of [RULES, AWS_STATE, DRIFT]) assert.equal(file.readOn, "2026-12-07");
    for (const [chart, rule] of Object.entries(RULES.charts)) {
      assert.match(rule.crdsSource, / at [\w-]*?\d+\.\d+\.\d+\b.*read in the upstream tag/, chart);
      for (const r of rule.renders) assert.match(r.source, / at /, `${chart} renders ${r.kind}`);
    }
    for (const r of RULES.admission) assert.match(r.source, / at /, r.id);
    for (const r of AWS_STATE.rules) assert.match(r.source, /^https:\/\//, r.id);
    for (const r of DRIFT.rows) assert.match(r.source, /https:\/\//, r.id);
  });

  it("every chart rule was read at the version components/charts.ts pins", () => {
    const pins = Object.values(CHARTS).map((p) => [p.chart, p.version]);
    for (const [chart, version] of pins) assert.equal(chartRule(chart)?.version, version, `${chart} ${version}`);
  });

  it("the plans' Helm charts and custom-resource kinds are all listed, each listed one with a rule", () => {
    const charts = new Set(
      plans.flatMap((p) => p.resources.filter((r) => r.type === RELEASE).map((r) => String(r.inputs.chart))),
    );
    assert.deepEqual(
      [...charts].filter((c) => !PLANNED_CHARTS.includes(c)),
      [],
      "charts without a listed rule",
    );
    const kinds = new Set(plans.flatMap((p) => p.resources.filter(isCustomResource).map((r) => k8sKind(r.type)!)));
    assert.deepEqual(
      [...kinds].filter((k) => !PLANNED_CR_KINDS.includes(k)),
      [],
      "kinds not listed",
    );
    assert.ok(charts.size >= 10 && kinds.size >= 15, `${charts.size} charts, ${kinds.size} kinds`);
    for (const chart of PLANNED_CHARTS) assert.ok(chartRule(chart), chart);
    const installed = new Set(plans.flatMap((p) => p.resources.flatMap((r) => providedKinds(r)?.kinds ?? [])));
    for (const kind of kinds) assert.ok(installed.has(kind), `${kind}: no planned chart or manifest installs it`);
  });

  it("every stateful AWS dependency type in the plans has its rule", () => {
    const types = new Set(plans.flatMap((p) => p.resources.map((r) => r.type)));
    for (const [type, id] of Object.entries(STATEFUL)) {
      const rule = AWS_STATE.rules.find((r) => r.id === id);
      assert.ok(rule && (rule as { types?: string[] }).types?.includes(type), id);
      if (type !== "aws:codebuild/webhook:Webhook") assert.ok(types.has(type), `${type} is in a plan`);
    }
  });

  it("dev and prod pass the model: no mandatory finding", () => {
    for (const plan of plans) {
      const mandatory = orderFindings(plan).filter((v) => v.enforcementLevel === "mandatory");
      assert.deepEqual(
        mandatory.map((v) => v.message),
        [],
        plan.stack,
      );
    }
  });

  it("the plans carry the model's verdicts among their violations", () => {
    const prod = plans[1];
    const held = prod.violations.filter((v) => v.message.startsWith("runner webhook held back"));
    assert.equal(held.length, 1);
    assert.equal(held[0].enforcementLevel, "advisory");
    assert.equal(held[0].policy, "platform-order-admission");
  });
});
