import type { ResourceValidationPolicy } from "@pulumi/policy";
import { effectiveTags } from "../../lib/aws";
import { readConfig } from "../../lib/policy";
import { RDS_CLUSTER, RDS_GLOBAL_CLUSTER } from "./types";

export interface DataDeletionProtectionConfig {
  /** The stack's environment; default: the `environment` stack tag, then the resource's `environment` tag. */
  environment?: string;
  /** Environments where databases must be protected (default ["prod"]). */
  protectedEnvironments: string[];
}

/**
 * Mandatory where it applies (prod): a `pulumi destroy` or a replacement must not delete the
 * database, and a deliberate deletion still leaves a final snapshot. dev stays disposable.
 */
export function dataDeletionProtection(): ResourceValidationPolicy {
  return {
    name: "aws-data-deletion-protection",
    description:
      "In protected environments (prod), Aurora clusters and global clusters have deletion protection and clusters take a final snapshot.",
    enforcementLevel: "mandatory",
    configSchema: {
      properties: {
        environment: { type: "string" },
        protectedEnvironments: { type: "array", items: { type: "string" } },
      },
    },
    validateResource: (args, reportViolation) => {
      if (args.type !== RDS_CLUSTER && args.type !== RDS_GLOBAL_CLUSTER) return;
      const config = readConfig<DataDeletionProtectionConfig>(args, { protectedEnvironments: ["prod"] });
      const environment = config.environment ?? args.stackTags?.get("environment") ?? effectiveTags(args).environment;
      if (!environment || !config.protectedEnvironments.includes(environment)) return;
      const what = args.type === RDS_CLUSTER ? `Aurora cluster "${args.name}"` : `global cluster "${args.name}"`;
      if (args.props.deletionProtection !== true)
        reportViolation(`${what} must set deletionProtection: true in ${environment}`);
      if (args.type === RDS_CLUSTER && args.props.skipFinalSnapshot !== false)
        reportViolation(`${what} must set skipFinalSnapshot: false (with a finalSnapshotIdentifier) in ${environment}`);
    },
  };
}
