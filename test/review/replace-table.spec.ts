import { strict as assert } from "assert";
import { review, type Review } from "../../tools/review/render";
import type { Plan } from "../../tools/plan-lib";
import { planFor } from "../helpers/plan";

/**
 * Rows of replace-on-changes.json re-read in terraform-provider-aws (2026-12-02),
 * exercised on the real prod plan: one input of one resource is edited and the
 * review must call it a replacement (`+-`) or an update exactly as the provider
 * would. Each case names the row it proves; an update case is an argument the
 * source does not mark ForceNew (some the transcribed table had listed).
 */
type Edit = { type: string; path: string[]; value: unknown };

function edited(base: Plan, edit: Edit): { plan: Plan; name: string } {
  const plan = structuredClone(base);
  const res = plan.resources.find((r) => r.type === edit.type);
  if (!res) throw new Error(`prod plan has no ${edit.type}`);
  let at = res.inputs as Record<string, unknown>;
  for (const key of edit.path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  const last = edit.path[edit.path.length - 1];
  assert.notDeepEqual(at[last], edit.value, `${res.name} ${edit.path.join(".")} already has the edited value`);
  at[last] = edit.value;
  return { plan, name: res.name };
}

describe("replace-on-change rows read at source, on the prod plan", function () {
  this.timeout(300_000);
  let prod: Plan;
  before(async () => {
    prod = (await planFor("prod")).plan;
  });

  const row = (rv: Review, name: string) => {
    const r = rv.rows.find((x) => x.name === name);
    assert.ok(r, `no review row for ${name}`);
    return r;
  };
  const expectOp = (edit: Edit, op: "replace" | "update", replaces?: string) => {
    const { plan, name } = edited(prod, edit);
    const r = row(review(prod, plan), name);
    assert.equal(r.op, op, `${edit.type} ${edit.path.join(".")}`);
    assert.deepEqual(
      r.changes.map((c) => [c.path, c.replaces]),
      [[edit.path.join("."), replaces]],
    );
  };

  it("Route 53 health check: measure_latency and request_interval are ForceNew (added), failure_threshold updates", () => {
    const type = "aws:route53/healthCheck:HealthCheck";
    expectOp({ type, path: ["measureLatency"], value: false }, "replace", "measureLatency");
    expectOp({ type, path: ["requestInterval"], value: 30 }, "replace", "requestInterval");
    expectOp({ type, path: ["failureThreshold"], value: 5 }, "update");
  });

  it("Route 53 record: allow_overwrite is not ForceNew (removed from the row), zone_id is", () => {
    const type = "aws:route53/record:Record";
    expectOp({ type, path: ["allowOverwrite"], value: false }, "update");
    expectOp({ type, path: ["zoneId"], value: "Z0OTHERZONE0000" }, "replace", "zoneId");
  });

  it("EKS node group: a new launch template id replaces the group (added), a new version updates it", () => {
    const type = "aws:eks/nodeGroup:NodeGroup";
    expectOp({ type, path: ["launchTemplate", "id"], value: "lt-0123456789abcdef0" }, "replace", "launchTemplate.id");
    expectOp({ type, path: ["launchTemplate", "version"], value: "2" }, "update");
  });

  it("ACM certificate: subject_alternative_names is ForceNew (added); the imported-cert fields are not", () => {
    const type = "aws:acm/certificate:Certificate";
    expectOp(
      { type, path: ["subjectAlternativeNames"], value: ["www.example.com"] },
      "replace",
      "subjectAlternativeNames",
    );
    expectOp({ type, path: ["certificateBody"], value: "-----BEGIN CERTIFICATE-----" }, "update");
  });

  it("rows added for plan types: a metric alarm's name replaces it; an internet gateway moves VPC in place", () => {
    expectOp(
      { type: "aws:cloudwatch/metricAlarm:MetricAlarm", path: ["name"], value: "renamed-alarm" },
      "replace",
      "name",
    );
    expectOp({ type: "aws:cloudwatch/metricAlarm:MetricAlarm", path: ["threshold"], value: 95 }, "update");
    expectOp({ type: "aws:ec2/internetGateway:InternetGateway", path: ["vpcId"], value: "vpc-0other" }, "update");
  });

  it("Secrets Manager secret version: a new secret_string replaces the version (corrected), version_stages update", () => {
    const type = "aws:secretsmanager/secretVersion:SecretVersion";
    expectOp({ type, path: ["secretString"], value: "rotated-by-hand" }, "replace", "secretString");
    expectOp({ type, path: ["versionStages"], value: ["AWSCURRENT", "ops"] }, "update");
  });

  it("S3 bucket read in a 2026 provider: object_lock_enabled replaces, force_destroy updates", () => {
    const type = "aws:s3/bucket:Bucket";
    expectOp({ type, path: ["objectLockEnabled"], value: true }, "replace", "objectLockEnabled");
    expectOp({ type, path: ["forceDestroy"], value: true }, "update");
  });

  it("rows added for plan types: security group rules, CodeBuild, Config, SNS subscription, WAF logging", () => {
    const ingress = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    expectOp({ type: ingress, path: ["securityGroupId"], value: "sg-0other" }, "replace", "securityGroupId");
    expectOp({ type: ingress, path: ["fromPort"], value: 5433 }, "update");
    const egress = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
    expectOp({ type: egress, path: ["securityGroupId"], value: "sg-0other" }, "replace", "securityGroupId");
    const project = "aws:codebuild/project:Project";
    expectOp({ type: project, path: ["name"], value: "renamed-deployer" }, "replace", "name");
    expectOp({ type: project, path: ["buildTimeout"], value: 90 }, "update");
    expectOp({ type: "aws:cfg/recorder:Recorder", path: ["name"], value: "other" }, "replace", "name");
    // aws_config_configuration_recorder_status: name is Required but not ForceNew.
    expectOp({ type: "aws:cfg/recorderStatus:RecorderStatus", path: ["name"], value: "other" }, "update");
    const sub = "aws:sns/topicSubscription:TopicSubscription";
    expectOp({ type: sub, path: ["endpoint"], value: "pager@example.com" }, "replace", "endpoint");
    expectOp({ type: sub, path: ["rawMessageDelivery"], value: true }, "update");
    const waf = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";
    expectOp(
      { type: waf, path: ["resourceArn"], value: "arn:aws:wafv2:us-east-1:1:global/webacl/x/y" },
      "replace",
      "resourceArn",
    );
    expectOp(
      { type: "aws:guardduty/detector:Detector", path: ["findingPublishingFrequency"], value: "ONE_HOUR" },
      "update",
    );
    expectOp(
      { type: "aws:securityhub/account:Account", path: ["enableDefaultStandards"], value: false },
      "replace",
      "enableDefaultStandards",
    );
  });
});
