import { strict as assert } from "node:assert";
import { EC2_NODE_CLASS } from "../../aws/karpenter/ec2nodeclass";
import { ec2NodeClassEncryptedVolumes } from "../../aws/karpenter/ec2nodeclass-encrypted-volumes";
import { ec2NodeClassImdsv2 } from "../../aws/karpenter/ec2nodeclass-imdsv2";
import { clone, resourceArgs, runResource } from "../harness";

/** An EC2NodeClass as the platform renders it (components/cluster/karpenter/manifests.ts). */
const GOOD = {
  apiVersion: "karpenter.k8s.aws/v1",
  kind: "EC2NodeClass",
  metadata: { name: "default" },
  spec: {
    amiSelectorTerms: [{ alias: "al2023@v20260714" }],
    role: "platform-dev-use1-karpenter-node",
    subnetSelectorTerms: [{ tags: { "karpenter.sh/discovery": "platform-dev-use1" } }],
    securityGroupSelectorTerms: [{ tags: { "karpenter.sh/discovery": "platform-dev-use1" } }],
    metadataOptions: {
      httpEndpoint: "enabled",
      httpProtocolIPv6: "disabled",
      httpPutResponseHopLimit: 1,
      httpTokens: "required",
    },
    blockDeviceMappings: [
      {
        deviceName: "/dev/xvda",
        ebs: { volumeSize: "50Gi", volumeType: "gp3", encrypted: true, deleteOnTermination: true },
      },
    ],
  },
};

function check(policy: any, change: (spec: any) => void = () => {}, type = EC2_NODE_CLASS): string[] {
  const props = clone(GOOD) as any;
  change(props.spec);
  return runResource(policy, resourceArgs(type, props, { name: "use1-karpenter-nodeclass" })).messages;
}

describe("policies: karpenter", () => {
  describe("karpenter-ec2nodeclass-imdsv2", () => {
    let policy: ReturnType<typeof ec2NodeClassImdsv2>;
    beforeEach(() => {
      policy = ec2NodeClassImdsv2();
    });
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes the platform's node class", () => assert.deepEqual(check(policy), []));
    it("passes a node class with IMDS disabled", () =>
      assert.deepEqual(
        check(policy, (s) => {
          s.metadataOptions = { httpEndpoint: "disabled" };
        }),
        [],
      ));
    it("reports httpTokens optional (IMDSv1)", () =>
      assert.deepEqual(
        check(policy, (s) => {
          s.metadataOptions.httpTokens = "optional";
        }),
        ['EC2NodeClass "default" must set spec.metadataOptions.httpTokens: "required" (IMDSv2), got "optional"'],
      ));
    it("reports missing metadataOptions", () =>
      assert.deepEqual(
        check(policy, (s) => {
          delete s.metadataOptions;
        }),
        ['EC2NodeClass "default" must set spec.metadataOptions.httpTokens: "required" (IMDSv2), got null'],
      ));
    it("ignores other types", () =>
      assert.deepEqual(
        check(
          policy,
          (s) => {
            s.metadataOptions.httpTokens = "optional";
          },
          "kubernetes:karpenter.sh/v1:NodePool",
        ),
        [],
      ));
  });

  describe("karpenter-ec2nodeclass-encrypted-volumes", () => {
    let policy: ReturnType<typeof ec2NodeClassEncryptedVolumes>;
    beforeEach(() => {
      policy = ec2NodeClassEncryptedVolumes();
    });
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes the platform's node class", () => assert.deepEqual(check(policy), []));
    it("reports an unencrypted root volume", () =>
      assert.deepEqual(
        check(policy, (s) => {
          s.blockDeviceMappings[0].ebs.encrypted = false;
        }),
        ['EC2NodeClass "default" block device /dev/xvda must set ebs.encrypted: true'],
      ));
    it("reports each unencrypted mapping, including one that omits the flag", () =>
      assert.deepEqual(
        check(policy, (s) => {
          s.blockDeviceMappings.push({ deviceName: "/dev/xvdb", ebs: { volumeSize: "100Gi" } });
        }),
        ['EC2NodeClass "default" block device /dev/xvdb must set ebs.encrypted: true'],
      ));
    it("reports a node class without block device mappings", () =>
      assert.deepEqual(
        check(policy, (s) => {
          delete s.blockDeviceMappings;
        }),
        [
          'EC2NodeClass "default" must declare spec.blockDeviceMappings with encrypted EBS volumes (do not rely on AMI defaults)',
        ],
      ));
  });
});
