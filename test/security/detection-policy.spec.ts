import { strict as assert } from "assert";
import { evaluatePolicies } from "../../policies/lib/offline";
import { policyConfigFor } from "../../policies/lib/config";
import { alarmSubscriptions } from "../../policies/stack/alarm-subscriptions";
import { detectionServices } from "../../policies/stack/detection-services";
import { planFor } from "../helpers/plan";
import { planViolations } from "../../tools/plan-lib";

const policies = () => [detectionServices(), alarmSubscriptions()];

describe("security: detection and alarm delivery checked on the prod plan", () => {
  it("the prod plan passes both (0 findings), at mandatory level", async () => {
    const { plan, config } = await planFor("prod");
    assert.deepEqual(
      plan.violations.filter((v) => ["aws-detection-services", "aws-alarm-subscriptions"].includes(v.policy)),
      [],
    );
    const pack = policyConfigFor("prod", { detection: config.security });
    assert.deepEqual(pack["aws-detection-services"], {
      required: ["guardDuty", "awsConfig", "securityHub"],
      enforcementLevel: "mandatory",
    });
  });

  it("npm run plan configures the policy from the stack: Security Hub turned off in config is not required", async () => {
    const { plan, config } = await planFor("prod");
    const withoutHub = plan.resources.filter((r) => r.type !== "aws:securityhub/account:Account");
    const detection = (c: typeof config) =>
      planViolations(withoutHub, c).filter((v) => v.policy === "aws-detection-services");
    assert.deepEqual(
      detection(config).map((v) => [v.enforcementLevel, v.message.match(/but (\S+) has no Security Hub account/)?.[1]]),
      config.regions.map((r) => ["mandatory", r.name]).sort(),
    );
    assert.deepEqual(detection({ ...config, security: { ...config.security, securityHub: false } }), []);
  });

  it("a region losing Security Hub, and topics losing their subscribers, fail the prod plan", async () => {
    const { plan } = await planFor("prod");
    const cut = plan.resources.filter(
      (r) =>
        !(r.type === "aws:securityhub/account:Account" && r.region === "eu-west-1") &&
        r.type !== "aws:sns/topicSubscription:TopicSubscription",
    );
    const found = evaluatePolicies(cut, { environment: "prod", policies: policies() });
    const topicUrn = (name: string) =>
      plan.resources.find((r) => r.type === "aws:sns/topic:Topic" && r.name === name)!.urn;
    const alarmsOn = (name: string) =>
      plan.resources.filter(
        (r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && r.dependencies.includes(topicUrn(name)),
      ).length;
    assert.deepEqual(
      found.map((v) => [v.policy, v.enforcementLevel, v.message.split(":")[0]]),
      [
        ["aws-detection-services", "mandatory", "Security Hub is on for this stack (platform"],
        ...["us-east-1", "us-west-2", "eu-west-1"].map((r) => [
          "aws-alarm-subscriptions",
          "mandatory",
          `SNS topic "${r}-alarms" receives ${alarmsOn(`${r}-alarms`)} CloudWatch alarms but has no subscription`,
        ]),
      ],
    );
  });

  it("a config that turns the services off (delegated administrator) is honoured through the policy config", async () => {
    const { plan } = await planFor("prod");
    const none = plan.resources.filter((r) => !/^aws:(guardduty|securityhub|cfg)\//.test(r.type));
    const off = { guardDuty: false, awsConfig: false, securityHub: false };
    const withDefault = evaluatePolicies(none, { environment: "prod", policies: [detectionServices()] });
    assert.equal(withDefault.length, 9, "3 services x 3 regions");
    const delegated = evaluatePolicies(none, {
      environment: "prod",
      policies: [detectionServices()],
      config: policyConfigFor("prod", { detection: off }),
    });
    assert.deepEqual(delegated, []);
  });
});
