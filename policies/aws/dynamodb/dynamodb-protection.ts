import type { ResourceValidationPolicy } from "@pulumi/policy";
import { effectiveTags } from "../../lib/aws";
import { readConfig } from "../../lib/policy";

export const DYNAMODB_TABLE = "aws:dynamodb/table:Table";
export const DYNAMODB_REPLICA = "aws:dynamodb/tableReplica:TableReplica";

export interface DynamodbProtectionConfig {
  /** The stack's environment; default: the `environment` stack tag, then the resource's `environment` tag. */
  environment?: string;
  /** Environments where tables need point-in-time recovery and deletion protection (default ["prod"]). */
  protectedEnvironments: string[];
}

/** Set, or unknown during preview (an ARN of a key created in the same update: it will be set). */
function setOrUnknown(get: () => unknown): boolean {
  try {
    const v = get();
    return v !== undefined && v !== null && v !== "";
  } catch (e) {
    // @pulumi/policy's proxy throws UnknownValueError on a value unknown during preview (matched by name).
    if (e instanceof Error && e.constructor.name === "UnknownValueError") return true;
    throw e;
  }
}

/**
 * Mandatory: every DynamoDB table and global-table replica is encrypted with a customer-managed
 * key (its regional key: revocable, audited, rotated; AWS-owned keys are none of these), and in
 * protected environments (prod) has point-in-time recovery and deletion protection, so neither a
 * bad write nor a `pulumi destroy` loses the data.
 */
export function dynamodbProtection(): ResourceValidationPolicy {
  return {
    name: "aws-dynamodb-protection",
    description:
      "DynamoDB tables and replicas use a customer-managed KMS key; in protected environments (prod) they also have point-in-time recovery and deletion protection.",
    enforcementLevel: "mandatory",
    configSchema: {
      properties: {
        environment: { type: "string" },
        protectedEnvironments: { type: "array", items: { type: "string" } },
      },
    },
    validateResource: (args, reportViolation) => {
      if (args.type !== DYNAMODB_TABLE && args.type !== DYNAMODB_REPLICA) return;
      const p = args.props;
      const table = args.type === DYNAMODB_TABLE;
      const what = table ? `DynamoDB table "${args.name}"` : `DynamoDB replica "${args.name}"`;
      const cmk = table
        ? p.serverSideEncryption?.enabled === true && setOrUnknown(() => p.serverSideEncryption?.kmsKeyArn)
        : setOrUnknown(() => p.kmsKeyArn);
      if (!cmk) reportViolation(`${what} must be encrypted with a customer-managed KMS key (kmsKeyArn)`);
      const config = readConfig<DynamodbProtectionConfig>(args, { protectedEnvironments: ["prod"] });
      const environment = config.environment ?? args.stackTags?.get("environment") ?? effectiveTags(args).environment;
      if (!environment || !config.protectedEnvironments.includes(environment)) return;
      const pitr = table ? p.pointInTimeRecovery?.enabled : p.pointInTimeRecovery;
      if (pitr !== true) reportViolation(`${what} must enable point-in-time recovery in ${environment}`);
      if (p.deletionProtectionEnabled !== true)
        reportViolation(`${what} must set deletionProtectionEnabled: true in ${environment}`);
    },
  };
}
