import type { ResourceValidationPolicy } from "@pulumi/policy";
import { readConfig } from "../../lib/policy";
import { RDS_CLUSTER } from "./types";

export interface RdsBackupRetentionConfig {
  /** Minimum automated backup retention in days (default 7). */
  minDays: number;
}

/** Mandatory: point-in-time recovery is the answer to a bad migration; AWS's default is 1 day. */
export function rdsBackupRetention(): ResourceValidationPolicy {
  return {
    name: "aws-rds-backup-retention",
    description: "Aurora clusters keep automated backups for at least minDays (default 7).",
    enforcementLevel: "mandatory",
    configSchema: { properties: { minDays: { type: "integer", minimum: 1, maximum: 35 } } },
    validateResource: (args, reportViolation) => {
      if (args.type !== RDS_CLUSTER) return;
      const { minDays } = readConfig<RdsBackupRetentionConfig>(args, { minDays: 7 });
      const days = args.props.backupRetentionPeriod;
      if (typeof days !== "number" || days < minDays)
        reportViolation(
          `Aurora cluster "${args.name}" keeps backups ${typeof days === "number" ? `${days} days` : "for the default 1 day"}; at least ${minDays} required`,
        );
    },
  };
}
