import type { ResourceValidationPolicy } from "@pulumi/policy";
import { effectiveTags } from "../../lib/aws";
import { readConfig } from "../../lib/policy";

/** Types whose deletion loses data or makes data unreadable (KMS keys decrypt the rest). */
export const STATEFUL_TYPES: Readonly<Record<string, string>> = {
  "aws:rds/globalCluster:GlobalCluster": "Aurora global cluster",
  "aws:rds/cluster:Cluster": "Aurora cluster",
  "aws:elasticache/replicationGroup:ReplicationGroup": "ElastiCache replication group",
  "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup": "ElastiCache global datastore",
  "aws:kms/key:Key": "KMS key",
};

export interface StatefulProtectedConfig {
  /** The stack's environment; default: the `environment` stack tag, then the resource's `environment` tag. */
  environment?: string;
  /** Environments whose stateful resources must carry `protect` (default ["prod"]). */
  protectedEnvironments: string[];
}

/**
 * Advisory: Pulumi's `protect` option makes `pulumi destroy` and any replacement of the resource
 * fail before AWS is called (https://www.pulumi.com/docs/iac/concepts/options/protect/, read
 * 2026-12-02). Deletion protection on the AWS side covers RDS only; protect covers the cache
 * groups and KMS keys too. Reads `args.opts.protect`, which CrossGuard passes as registered.
 */
export function statefulProtected(): ResourceValidationPolicy {
  return {
    name: "aws-stateful-protected",
    description:
      "In protected environments (prod), Aurora global cluster and clusters, ElastiCache replication and global groups, and KMS keys carry Pulumi's protect option.",
    enforcementLevel: "advisory",
    configSchema: {
      properties: {
        environment: { type: "string" },
        protectedEnvironments: { type: "array", items: { type: "string" } },
      },
    },
    validateResource: (args, reportViolation) => {
      const what = STATEFUL_TYPES[args.type];
      if (!what) return;
      const config = readConfig<StatefulProtectedConfig>(args, { protectedEnvironments: ["prod"] });
      const environment = config.environment ?? args.stackTags?.get("environment") ?? effectiveTags(args).environment;
      if (!environment || !config.protectedEnvironments.includes(environment))
        args.notApplicable(`environment ${environment ?? "(unknown)"} is not protected`);
      if (args.opts?.protect !== true)
        reportViolation(
          `${what} "${args.name}" must be registered with protect: true in ${environment} (lift it with \`pulumi state unprotect <urn>\` before a deliberate destroy)`,
        );
    },
  };
}
