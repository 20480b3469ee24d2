import { strict as assert } from "node:assert";
import type { PolicyResource } from "@pulumi/policy";
import { policyConfigFor } from "../lib/config";
import { alarmSubscriptions } from "../stack/alarm-subscriptions";
import { detectionServices } from "../stack/detection-services";
import { awsProvider, runStack, stackResource } from "./harness";

const ALL = { required: ["guardDuty", "awsConfig", "securityHub"] };

/** One region's VPC and detection services as components/security/detection.ts plans them. */
function region(name: string, drop: string[] = []): PolicyResource[] {
  const provider = awsProvider(name);
  const r = (type: string, n: string, props: Record<string, unknown>) =>
    stackResource(type, `${name}-${n}`, props, { provider });
  const all = [
    r("eks:index:Cluster", "cluster", { name: `platform-prod-${name}` }),
    r("aws:guardduty/detector:Detector", "guardduty", { enable: true }),
    r("aws:guardduty/detectorFeature:DetectorFeature", "eks-audit", { name: "EKS_AUDIT_LOGS", status: "ENABLED" }),
    r("aws:guardduty/detectorFeature:DetectorFeature", "runtime", { name: "RUNTIME_MONITORING", status: "ENABLED" }),
    r("aws:securityhub/account:Account", "securityhub", {}),
    r("aws:cfg/recorder:Recorder", "recorder", { name: "default" }),
    r("aws:cfg/deliveryChannel:DeliveryChannel", "channel", { name: "default" }),
    r("aws:cfg/recorderStatus:RecorderStatus", "status", { name: "default", isEnabled: true }),
  ];
  return all.filter((x) => !drop.some((d) => x.name.endsWith(d)));
}

describe("policies: aws-detection-services", () => {
  const run = (resources: PolicyResource[], config: Record<string, unknown> = ALL) =>
    runStack(detectionServices(), resources, config).map((v) => v.message);

  it("requires all three in prod by default, what platform:security resolves when given, none elsewhere", () => {
    const required = (env: string, o = {}) =>
      (policyConfigFor(env, o)["aws-detection-services"] as typeof ALL).required;
    assert.deepEqual(required("prod"), ALL.required);
    assert.deepEqual(required("dev"), []);
    assert.deepEqual(required("prod", { detection: { guardDuty: false, awsConfig: true, securityHub: false } }), [
      "awsConfig",
    ]);
    assert.equal(detectionServices().enforcementLevel, "advisory");
    assert.equal((policyConfigFor("prod")["aws-detection-services"] as any).enforcementLevel, "mandatory");
  });

  it("passes when every region with an EKS cluster has the three services", () =>
    assert.deepEqual(run([...region("us-east-1"), ...region("eu-west-1")]), []));

  it("reports each missing service per region, naming what is missing", () =>
    assert.deepEqual(run([...region("us-east-1"), ...region("eu-west-1", ["runtime", "securityhub", "status"])]), [
      "GuardDuty (EKS audit logs and runtime monitoring) is on for this stack (platform:security.guardDuty) but eu-west-1 has a GuardDuty detector without RUNTIME_MONITORING; turn it off in platform:security (e.g. delegatedAdministrator: true) if the organization runs it",
      "AWS Config is on for this stack (platform:security.awsConfig) but eu-west-1 has an AWS Config recorder that is not started (RecorderStatus isEnabled); turn it off in platform:security (e.g. delegatedAdministrator: true) if the organization runs it",
      "Security Hub is on for this stack (platform:security.securityHub) but eu-west-1 has no Security Hub account; turn it off in platform:security (e.g. delegatedAdministrator: true) if the organization runs it",
    ]));

  it("reports a region with no detector at all, and a recorder without a delivery channel", () =>
    assert.deepEqual(
      run(region("us-west-2", ["guardduty", "eks-audit", "runtime", "channel"]), {
        required: ["guardDuty", "awsConfig"],
      }),
      [
        "GuardDuty (EKS audit logs and runtime monitoring) is on for this stack (platform:security.guardDuty) but us-west-2 has no enabled GuardDuty detector; turn it off in platform:security (e.g. delegatedAdministrator: true) if the organization runs it",
        "AWS Config is on for this stack (platform:security.awsConfig) but us-west-2 has an AWS Config recorder without a delivery channel; turn it off in platform:security (e.g. delegatedAdministrator: true) if the organization runs it",
      ],
    ));

  it("checks nothing a config decision turned off (delegated administrator: empty list)", () =>
    assert.deepEqual(run(region("us-east-1", ["guardduty", "securityhub", "recorder"]), { required: [] }), []));
});

describe("policies: aws-alarm-subscriptions", () => {
  const topic = stackResource("aws:sns/topic:Topic", "use1-alarms", { name: "platform-prod-use1-alarms" });
  const other = stackResource("aws:sns/topic:Topic", "events", { name: "events" });
  const alarm = (n: string) =>
    stackResource("aws:cloudwatch/metricAlarm:MetricAlarm", n, {}, { dependencies: [topic] });
  const sub = stackResource("aws:sns/topicSubscription:TopicSubscription", "use1-email", {}, { dependencies: [topic] });
  const run = (rs: PolicyResource[]) => runStack(alarmSubscriptions(), rs).map((v) => [v.message, v.urn]);

  it("is advisory, mandatory in prod", () => {
    assert.equal(alarmSubscriptions().enforcementLevel, "advisory");
    assert.equal((policyConfigFor("prod")["aws-alarm-subscriptions"] as any).enforcementLevel, "mandatory");
  });

  it("passes an alarm topic with a subscription, and topics no alarm publishes to", () =>
    assert.deepEqual(run([topic, other, alarm("a"), sub]), []));

  it("reports an alarm topic without subscribers, on the topic", () =>
    assert.deepEqual(run([topic, other, alarm("a"), alarm("b")]), [
      [
        'SNS topic "use1-alarms" receives 2 CloudWatch alarms but has no subscription: nobody is notified (set platform:observability.alarmEmails)',
        topic.urn,
      ],
    ]));
});
