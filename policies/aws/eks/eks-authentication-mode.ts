import type { ResourceValidationPolicy } from "@pulumi/policy";
import { EKS_CLUSTER_TYPES, UNKNOWN, eksSettings } from "./cluster";

/**
 * Mandatory: access entries (authentication mode API) are IAM-managed and auditable; the
 * aws-auth ConfigMap is deprecated, editable by anyone with cluster-admin and easy to break.
 */
export function eksAuthenticationMode(): ResourceValidationPolicy {
  return {
    name: "aws-eks-authentication-mode",
    description: "EKS clusters authenticate with access entries only (authenticationMode API).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (!EKS_CLUSTER_TYPES.includes(args.type)) return;
      const s = eksSettings(args.type, args.name, args.props);
      if (s.authenticationMode === UNKNOWN || s.authenticationMode === "API") return;
      reportViolation(
        `${s.label} must use authenticationMode "API" (access entries), got ${JSON.stringify(s.authenticationMode ?? null)}`,
      );
    },
  };
}
