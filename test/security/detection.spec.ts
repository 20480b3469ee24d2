import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import { runProgram, type ProgramRun } from "../../tools/engine/run";
import { resolveSecurity, securitySchema } from "../../components/config/sections/security";
import { Detection } from "../../components/security/detection";
import { ALONE } from "../helpers/stand-in";
import { ofType, planFor } from "../helpers/plan";

async function run(environment: string, section: Record<string, unknown> = {}): Promise<ProgramRun> {
  const plan = resolveSecurity(securitySchema.parse(section), environment);
  return runProgram({
    ...ALONE,
    program: () => {
      const regions = ["us-east-1", "us-west-2"].map((name) => ({
        name,
        provider: new aws.Provider(`aws-${name}`, { region: name as aws.Region }),
      }));
      new Detection("security", { plan, prefix: "platform-prod", regions });
      return {};
    },
  });
}

describe("security: detection services (mock engine)", () => {
  it("Config's recorder role may put objects (bucket-owner-full-control) and read the ACL of its bucket, and every delivery channel waits for that", async () => {
    const r = await run("prod");
    const grant = r.resources.find((x) => x.name === "security-config-delivery")!;
    const role = r.resources.find((x) => x.name === "security-config-role")!;
    assert.ok(grant.dependencies.includes(role.urn));
    // AWS Config developer guide, "Permissions for the IAM role assigned to AWS Config" (S3 bucket policy for the role).
    const bucket = "arn:aws:s3:::platform-prod-config-123456789012";
    assert.deepEqual(JSON.parse(grant.inputs.policy as string).Statement, [
      {
        Sid: "ConfigDelivery",
        Effect: "Allow",
        Action: "s3:PutObject",
        Resource: `${bucket}/AWSLogs/123456789012/Config/*`,
        Condition: { StringLike: { "s3:x-amz-acl": "bucket-owner-full-control" } },
      },
      { Sid: "ConfigAclCheck", Effect: "Allow", Action: "s3:GetBucketAcl", Resource: bucket },
    ]);
    const channels = r.resources.filter((x) => x.type === "aws:cfg/deliveryChannel:DeliveryChannel");
    assert.equal(channels.length, 2);
    for (const c of channels) assert.ok(c.dependencies.includes(grant.urn), c.name);
  });

  it("prod: GuardDuty with EKS audit logs and runtime monitoring, Security Hub and AWS Config in every region", async () => {
    const r = await run("prod");
    const ofType = (t: string) => r.resources.filter((x) => x.type === t);
    assert.deepEqual(
      ofType("aws:guardduty/detector:Detector")
        .map((d) => d.region)
        .sort(),
      ["us-east-1", "us-west-2"],
    );
    const features = ofType("aws:guardduty/detectorFeature:DetectorFeature").filter((f) => f.region === "us-west-2");
    assert.deepEqual(
      features.map((f) => [f.inputs.name, f.inputs.status, f.inputs.additionalConfigurations]),
      [
        ["EKS_AUDIT_LOGS", "ENABLED", []],
        ["RUNTIME_MONITORING", "ENABLED", [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }]],
      ],
    );
    assert.equal(ofType("aws:securityhub/account:Account").length, 2);
    const recorders = ofType("aws:cfg/recorder:Recorder");
    assert.deepEqual(
      recorders.map((x) => [
        x.region,
        (x.inputs.recordingGroup as { includeGlobalResourceTypes: boolean }).includeGlobalResourceTypes,
      ]),
      [
        ["us-east-1", true],
        ["us-west-2", false],
      ],
    );
    assert.equal(ofType("aws:cfg/deliveryChannel:DeliveryChannel").length, 2);
    assert.equal(ofType("aws:cfg/recorderStatus:RecorderStatus").length, 2);
    const trust = JSON.parse(
      r.resources.find((x) => x.name === "security-config-role")!.inputs.assumeRolePolicy as string,
    );
    assert.deepEqual(trust.Statement[0].Condition, { StringEquals: { "aws:SourceAccount": "123456789012" } });
  });

  it("dev creates none by default; a delegated administrator turns the prod defaults off; config can force one on", async () => {
    const kinds = (r: ProgramRun) => r.resources.filter((x) => x.custom && !x.type.startsWith("pulumi:")).length;
    assert.equal(kinds(await run("dev")), 0);
    assert.equal(kinds(await run("prod", { delegatedAdministrator: true })), 0);
    const onlyHub = await run("dev", { securityHub: true });
    assert.deepEqual(
      onlyHub.resources.filter((x) => x.custom && !x.type.startsWith("pulumi:")).map((x) => x.type),
      ["aws:securityhub/account:Account", "aws:securityhub/account:Account"],
    );
  });

  it("the prod stack plans a GuardDuty detector, Security Hub and a Config recorder in each of its regions; dev none", async () => {
    const { plan } = await planFor("prod");
    for (const t of ["aws:guardduty/detector:Detector", "aws:securityhub/account:Account", "aws:cfg/recorder:Recorder"])
      assert.deepEqual(
        ofType(plan, t)
          .map((r) => r.region)
          .sort(),
        ["eu-west-1", "us-east-1", "us-west-2"],
        t,
      );
    const dev = (await planFor("dev")).plan;
    assert.equal(ofType(dev, "aws:guardduty/detector:Detector").length, 0);
  });
});
