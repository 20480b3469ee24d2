import type { ResourceValidationPolicy } from "@pulumi/policy";
import { EKS_CLUSTER_TYPES, UNKNOWN, eksSettings } from "./cluster";

export const REQUIRED_EKS_LOGS = ["api", "audit", "authenticator"] as const;

/**
 * Mandatory: without audit and authenticator logs nobody can tell who did what to the cluster
 * after an incident, and EKS keeps no control-plane logs unless asked.
 */
export function eksControlPlaneLogs(): ResourceValidationPolicy {
  return {
    name: "aws-eks-control-plane-logs",
    description: `EKS clusters ship the ${REQUIRED_EKS_LOGS.join(", ")} control-plane logs to CloudWatch.`,
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (!EKS_CLUSTER_TYPES.includes(args.type)) return;
      const s = eksSettings(args.type, args.name, args.props);
      if (s.logTypes === UNKNOWN) return;
      const enabled = Array.isArray(s.logTypes) ? s.logTypes : [];
      const missing = REQUIRED_EKS_LOGS.filter((t) => !enabled.includes(t));
      if (missing.length > 0)
        reportViolation(`${s.label} must enable control-plane logs ${missing.join(", ")} (enabledClusterLogTypes)`);
    },
  };
}
