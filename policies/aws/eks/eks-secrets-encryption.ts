import type { ResourceValidationPolicy } from "@pulumi/policy";
import { EKS_CLUSTER_TYPES, UNKNOWN, eksSettings } from "./cluster";

/**
 * Mandatory: Kubernetes Secrets (database credentials, tokens) sit in etcd; envelope encryption
 * with our KMS key means a copy of etcd alone reveals nothing and key access is audited. A key
 * ARN computed from a key created in the same run is unknown during preview and counts as set.
 */
export function eksSecretsEncryption(): ResourceValidationPolicy {
  return {
    name: "aws-eks-secrets-encryption",
    description: "EKS clusters envelope-encrypt Kubernetes secrets with a KMS key.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (!EKS_CLUSTER_TYPES.includes(args.type)) return;
      const s = eksSettings(args.type, args.name, args.props);
      if (s.secretsKeyArn === UNKNOWN) return;
      if (typeof s.secretsKeyArn !== "string" || s.secretsKeyArn.length === 0)
        reportViolation(
          `${s.label} must envelope-encrypt secrets with a KMS key (encryptionConfigKeyArn / encryptionConfig.resources ["secrets"])`,
        );
    },
  };
}
