import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isSet, RDS_CLUSTER, RDS_CLUSTER_PARAMETER_GROUP, RDS_GLOBAL_CLUSTER } from "./types";

/**
 * Mandatory: encryption at rest cannot be turned on after creation (it means a snapshot
 * restore), and Aurora PostgreSQL accepts plaintext connections unless rds.force_ssl=1, which
 * the default parameter group does not set: a cluster must name its own group, and every
 * aurora-postgresql group must force TLS.
 */
export function rdsEncryption(): ResourceValidationPolicy {
  return {
    name: "aws-rds-encryption",
    description:
      "Aurora clusters and global clusters are encrypted at rest; Aurora PostgreSQL forces TLS (rds.force_ssl=1 in a custom cluster parameter group).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      const p = args.props;
      if (args.type === RDS_CLUSTER || args.type === RDS_GLOBAL_CLUSTER) {
        if (p.storageEncrypted !== true)
          reportViolation(
            `${args.type === RDS_CLUSTER ? "Aurora cluster" : "global cluster"} "${args.name}" must set storageEncrypted: true`,
          );
      }
      if (
        args.type === RDS_CLUSTER &&
        String(p.engine ?? "").startsWith("aurora-postgresql") &&
        !isSet(() => p.dbClusterParameterGroupName)
      ) {
        reportViolation(
          `Aurora cluster "${args.name}" must use a cluster parameter group with rds.force_ssl=1 (the default group allows plaintext)`,
        );
      }
      if (args.type === RDS_CLUSTER_PARAMETER_GROUP && String(p.family ?? "").startsWith("aurora-postgresql")) {
        const params = (p.parameters ?? []) as { name?: string; value?: string }[];
        if (!params.some((x) => x.name === "rds.force_ssl" && x.value === "1"))
          reportViolation(`cluster parameter group "${args.name}" must set rds.force_ssl = 1`);
      }
    },
  };
}
