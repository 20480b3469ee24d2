import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isGlobalSecondary, REPLICATION_GROUP } from "./types";

/** Mandatory: both settings are fixed at creation; changing them replaces the group and its data. */
export function elasticacheEncryption(): ResourceValidationPolicy {
  return {
    name: "aws-elasticache-encryption",
    description:
      "ElastiCache replication groups encrypt at rest and in transit (Global Datastore secondaries inherit it).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== REPLICATION_GROUP || isGlobalSecondary(args.props)) return;
      if (args.props.atRestEncryptionEnabled !== true)
        reportViolation(`replication group "${args.name}" must set atRestEncryptionEnabled: true`);
      if (args.props.transitEncryptionEnabled !== true)
        reportViolation(`replication group "${args.name}" must set transitEncryptionEnabled: true`);
    },
  };
}
