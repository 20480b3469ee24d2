import { strict as assert } from "node:assert";
import { eksAuthenticationMode } from "../../aws/eks/eks-authentication-mode";
import { eksControlPlaneLogs } from "../../aws/eks/eks-control-plane-logs";
import { eksEndpointExposure } from "../../aws/eks/eks-endpoint-exposure";
import { eksSecretsEncryption } from "../../aws/eks/eks-secrets-encryption";
import { clone, resourceArgs, runResource } from "../harness";

/** eks:index:Cluster inputs as the platform declares them (components/cluster/eks.ts). */
const COMPONENT = {
  name: "platform-prod-use1",
  version: "1.34",
  authenticationMode: "API",
  enabledClusterLogTypes: ["api", "audit", "authenticator"],
  endpointPrivateAccess: true,
  endpointPublicAccess: false,
  encryptionConfigKeyArn: "arn:aws:kms:us-east-1:123456789012:key/abc",
};

/** The aws.eks.Cluster the component creates, with the same settings nested. */
const RAW = {
  name: "platform-prod-use1",
  accessConfig: { authenticationMode: "API" },
  enabledClusterLogTypes: ["api", "audit", "authenticator", "scheduler"],
  vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] },
  encryptionConfig: { resources: ["secrets"], provider: { keyArn: "arn:aws:kms:us-east-1:123456789012:key/abc" } },
};

function check(
  policy: any,
  type: "eks:index:Cluster" | "aws:eks/cluster:Cluster",
  change: (p: any) => void = () => {},
): string[] {
  const props = clone(type === "eks:index:Cluster" ? COMPONENT : RAW) as any;
  change(props);
  return runResource(policy, resourceArgs(type, props, { name: "use1-cluster-eks" })).messages;
}
const C = "eks:index:Cluster" as const;
const R = "aws:eks/cluster:Cluster" as const;
const LABEL = 'EKS cluster "platform-prod-use1"';

describe("policies: EKS", () => {
  describe("aws-eks-secrets-encryption", () => {
    let policy: ReturnType<typeof eksSecretsEncryption>;
    beforeEach(() => {
      policy = eksSecretsEncryption();
    });
    const msg = `${LABEL} must envelope-encrypt secrets with a KMS key (encryptionConfigKeyArn / encryptionConfig.resources ["secrets"])`;
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes the platform's component and the raw cluster", () => {
      assert.deepEqual(check(policy, C), []);
      assert.deepEqual(check(policy, R), []);
    });
    it("reports a component without a key", () =>
      assert.deepEqual(
        check(policy, C, (p) => delete p.encryptionConfigKeyArn),
        [msg],
      ));
    it("reports a raw cluster that encrypts something other than secrets", () =>
      assert.deepEqual(
        check(policy, R, (p) => {
          p.encryptionConfig.resources = ["configmaps"];
        }),
        [msg],
      ));
    it("counts a key ARN unknown during preview as set", () => {
      class UnknownValueError extends Error {}
      const props = Object.defineProperty(clone(COMPONENT) as any, "encryptionConfigKeyArn", {
        get: () => {
          throw new UnknownValueError("unknown");
        },
      });
      assert.deepEqual(runResource(policy, resourceArgs(C, props, { name: "use1-cluster-eks" })).messages, []);
    });
    it("ignores other types", () =>
      assert.deepEqual(runResource(policy, resourceArgs("aws:eks/addon:Addon", {})).messages, []));
  });

  describe("aws-eks-control-plane-logs", () => {
    let policy: ReturnType<typeof eksControlPlaneLogs>;
    beforeEach(() => {
      policy = eksControlPlaneLogs();
    });
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes api/audit/authenticator (and extras)", () => {
      assert.deepEqual(check(policy, C), []);
      assert.deepEqual(check(policy, R), []);
    });
    it("reports the missing types", () =>
      assert.deepEqual(
        check(policy, C, (p) => {
          p.enabledClusterLogTypes = ["api"];
        }),
        [`${LABEL} must enable control-plane logs audit, authenticator (enabledClusterLogTypes)`],
      ));
    it("reports logging left off", () =>
      assert.deepEqual(
        check(policy, R, (p) => delete p.enabledClusterLogTypes),
        [`${LABEL} must enable control-plane logs api, audit, authenticator (enabledClusterLogTypes)`],
      ));
  });

  describe("aws-eks-endpoint-exposure", () => {
    let policy: ReturnType<typeof eksEndpointExposure>;
    beforeEach(() => {
      policy = eksEndpointExposure();
    });
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes a private-only cluster and a public endpoint restricted to a CIDR", () => {
      assert.deepEqual(check(policy, C), []);
      assert.deepEqual(check(policy, R), []);
      assert.deepEqual(
        check(policy, C, (p) => {
          p.endpointPublicAccess = true;
          p.publicAccessCidrs = ["198.51.100.7/32"];
        }),
        [],
      );
    });
    it("reports a public endpoint open to the internet", () =>
      assert.deepEqual(
        check(policy, R, (p) => {
          p.vpcConfig.publicAccessCidrs = ["203.0.113.0/24", "0.0.0.0/0"];
        }),
        [`${LABEL} public endpoint must not allow 0.0.0.0/0`],
      ));
    it("reports a public endpoint left at its defaults (EKS opens it to the world)", () =>
      assert.deepEqual(
        check(policy, C, (p) => {
          delete p.endpointPublicAccess;
        }),
        [`${LABEL} has a public endpoint without publicAccessCidrs, which EKS opens to 0.0.0.0/0`],
      ));
    it("reports the private endpoint off", () =>
      assert.deepEqual(
        check(policy, R, (p) => {
          p.vpcConfig.endpointPrivateAccess = false;
        }),
        [`${LABEL} must enable the private endpoint (endpointPrivateAccess: true)`],
      ));
  });

  describe("aws-eks-authentication-mode", () => {
    let policy: ReturnType<typeof eksAuthenticationMode>;
    beforeEach(() => {
      policy = eksAuthenticationMode();
    });
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes API", () => {
      assert.deepEqual(check(policy, C), []);
      assert.deepEqual(check(policy, R), []);
    });
    it("reports the aws-auth ConfigMap modes", () => {
      assert.deepEqual(
        check(policy, C, (p) => {
          p.authenticationMode = "API_AND_CONFIG_MAP";
        }),
        [`${LABEL} must use authenticationMode "API" (access entries), got "API_AND_CONFIG_MAP"`],
      );
      assert.deepEqual(
        check(policy, R, (p) => delete p.accessConfig),
        [`${LABEL} must use authenticationMode "API" (access entries), got null`],
      );
    });
  });
});
