import type { ResourceValidationPolicy } from "@pulumi/policy";
import { RDS_CLUSTER_INSTANCE, RDS_INSTANCE } from "./types";

/** Mandatory: databases are reached from the clusters inside the VPC only. Explicit false, so a provider default change cannot flip it. */
export function rdsNotPublic(): ResourceValidationPolicy {
  return {
    name: "aws-rds-not-public",
    description: "RDS and Aurora instances set publiclyAccessible: false.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== RDS_CLUSTER_INSTANCE && args.type !== RDS_INSTANCE) return;
      if (args.props.publiclyAccessible !== false)
        reportViolation(`database instance "${args.name}" must set publiclyAccessible: false`);
    },
  };
}
