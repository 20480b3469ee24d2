import { strict as assert } from "assert";
import { evaluatePolicies } from "../../policies/lib/offline";
import { planFor } from "../helpers/plan";

const EKS_POLICIES = [
  "aws-eks-secrets-encryption",
  "aws-eks-control-plane-logs",
  "aws-eks-endpoint-exposure",
  "aws-eks-authentication-mode",
  "aws-iam-no-wildcard-admin",
  "aws-launch-template-hardened",
];

describe("EKS policies on the offline plan", function () {
  this.timeout(120_000);

  it("the prod plan violates none of them", async () => {
    const { plan } = await planFor("prod");
    assert.deepEqual(
      plan.violations.filter((v) => EKS_POLICIES.includes(v.policy)),
      [],
    );
  });

  it("a cluster planted without encryption, API auth or audit logs and with an open public endpoint fails them on the plan's own resources", async () => {
    const { plan } = await planFor("dev");
    const resources = structuredClone(plan.resources);
    const eks = resources.find((r) => r.type === "eks:index:Cluster")!;
    delete eks.inputs.encryptionConfigKeyArn;
    delete eks.inputs.endpointPublicAccess;
    delete eks.inputs.publicAccessCidrs;
    eks.inputs.authenticationMode = "CONFIG_MAP";
    eks.inputs.enabledClusterLogTypes = ["api"];
    const lt = resources.find((r) => r.type === "aws:ec2/launchTemplate:LaunchTemplate")!;
    (lt.inputs.metadataOptions as Record<string, unknown>).httpTokens = "optional";
    const found = evaluatePolicies(resources, { environment: "dev" }).filter((v) => EKS_POLICIES.includes(v.policy));
    const label = 'EKS cluster "platform-dev-use1"';
    assert.deepEqual(found.map((v) => [v.policy, v.enforcementLevel, v.urn, v.message]).sort(), [
      [
        "aws-eks-authentication-mode",
        "mandatory",
        eks.urn,
        `${label} must use authenticationMode "API" (access entries), got "CONFIG_MAP"`,
      ],
      [
        "aws-eks-control-plane-logs",
        "mandatory",
        eks.urn,
        `${label} must enable control-plane logs audit, authenticator (enabledClusterLogTypes)`,
      ],
      [
        "aws-eks-endpoint-exposure",
        "mandatory",
        eks.urn,
        `${label} has a public endpoint without publicAccessCidrs, which EKS opens to 0.0.0.0/0`,
      ],
      [
        "aws-eks-secrets-encryption",
        "mandatory",
        eks.urn,
        `${label} must envelope-encrypt secrets with a KMS key (encryptionConfigKeyArn / encryptionConfig.resources ["secrets"])`,
      ],
      [
        "aws-launch-template-hardened",
        "mandatory",
        lt.urn,
        `launch template "${lt.name}" must set metadataOptions.httpTokens: "required" (IMDSv2), got "optional"`,
      ],
    ]);
  });
});
