import type { ResourceValidationPolicy } from "@pulumi/policy";
import { RDS_CLUSTER } from "./types";

/**
 * Advisory (mandatory in prod): IAM authentication lets services use short-lived tokens from
 * Pod Identity instead of sharing the master password; dev may still be experimenting.
 */
export function rdsIamAuth(): ResourceValidationPolicy {
  return {
    name: "aws-rds-iam-auth",
    description: "Aurora clusters enable IAM database authentication.",
    enforcementLevel: "advisory",
    validateResource: (args, reportViolation) => {
      if (args.type === RDS_CLUSTER && args.props.iamDatabaseAuthenticationEnabled !== true)
        reportViolation(`Aurora cluster "${args.name}" must set iamDatabaseAuthenticationEnabled: true`);
    },
  };
}
