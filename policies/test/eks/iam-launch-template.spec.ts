import { strict as assert } from "node:assert";
import { adminStatements, iamNoWildcardAdmin } from "../../aws/eks/iam-no-wildcard-admin";
import { launchTemplateHardened } from "../../aws/eks/launch-template-hardened";
import { clone, resourceArgs, runResource } from "../harness";

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const SCOPED = {
  Effect: "Allow",
  Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage"],
  Resource: "arn:aws:sqs:us-east-1:123456789012:q",
};
const DESCRIBE = { Effect: "Allow", Action: "ec2:Describe*", Resource: "*" };
const ADMIN = { Effect: "Allow", Action: "*", Resource: "*" };

describe("policies: IAM and launch templates", () => {
  describe("aws-iam-no-wildcard-admin", () => {
    let policy: ReturnType<typeof iamNoWildcardAdmin>;
    beforeEach(() => {
      policy = iamNoWildcardAdmin();
    });
    const run = (type: string, props: Record<string, unknown>) =>
      runResource(policy, resourceArgs(type, props, { name: "ctrl" })).messages;
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes scoped actions, and wildcard resources with named actions", () => {
      assert.deepEqual(run("aws:iam/rolePolicy:RolePolicy", { policy: doc(SCOPED, DESCRIBE) }), []);
      assert.deepEqual(run("aws:iam/policy:Policy", { policy: doc({ ...ADMIN, Effect: "Deny" }) }), []);
    });
    it("reports Allow * on * in a role policy, a managed policy and a role's inline policy", () => {
      assert.deepEqual(run("aws:iam/rolePolicy:RolePolicy", { policy: doc(SCOPED, ADMIN) }), [
        'IAM RolePolicy "ctrl" policy Statement[1] allows Action "*" on Resource "*"',
      ]);
      assert.deepEqual(
        run("aws:iam/policy:Policy", {
          policy: doc({ Effect: "Allow", Action: ["s3:GetObject", "*:*"], Resource: ["*"] }),
        }),
        ['IAM Policy "ctrl" policy Statement[0] allows Action "*" on Resource "*"'],
      );
      assert.deepEqual(run("aws:iam/role:Role", { inlinePolicies: [{ name: "boom", policy: doc(ADMIN) }] }), [
        'IAM Role "ctrl" inlinePolicies[boom] Statement[0] allows Action "*" on Resource "*"',
      ]);
    });
    it("accepts a single statement object and ignores unparsable text", () => {
      assert.deepEqual(adminStatements({ Statement: ADMIN }), [0]);
      assert.deepEqual(adminStatements("{not json"), []);
    });
  });

  describe("aws-launch-template-hardened", () => {
    let policy: ReturnType<typeof launchTemplateHardened>;
    beforeEach(() => {
      policy = launchTemplateHardened();
    });
    /** The system node group's template as the platform renders it (cluster-plan.ts). */
    const GOOD = {
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 50, volumeType: "gp3", encrypted: "true" } }],
    };
    const run = (change: (p: any) => void = () => {}) => {
      const props = clone(GOOD) as any;
      change(props);
      return runResource(
        policy,
        resourceArgs("aws:ec2/launchTemplate:LaunchTemplate", props, { name: "use1-cluster-system-lt" }),
      ).messages;
    };
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes the platform's template", () => assert.deepEqual(run(), []));
    it("reports IMDSv1 allowed", () =>
      assert.deepEqual(
        run((p) => {
          p.metadataOptions.httpTokens = "optional";
        }),
        [
          'launch template "use1-cluster-system-lt" must set metadataOptions.httpTokens: "required" (IMDSv2), got "optional"',
        ],
      ));
    it("reports an unencrypted volume", () =>
      assert.deepEqual(
        run((p) => {
          p.blockDeviceMappings[0].ebs.encrypted = "false";
        }),
        ['launch template "use1-cluster-system-lt" volume /dev/xvda must set ebs.encrypted: "true"'],
      ));
  });
});
