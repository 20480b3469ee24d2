import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isGlobalSecondary, isSet, REPLICATION_GROUP } from "./types";

/**
 * Mandatory: without AUTH anything that reaches port 6379 can read and flush the cache.
 * An AUTH token or RBAC user groups both count; Global Datastore secondaries inherit the primary's.
 */
export function elasticacheAuth(): ResourceValidationPolicy {
  return {
    name: "aws-elasticache-auth",
    description: "ElastiCache replication groups require authentication (AUTH token or RBAC user groups).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== REPLICATION_GROUP || isGlobalSecondary(args.props)) return;
      const p = args.props;
      const token = isSet(() => p.authToken);
      const groups = isSet(() => {
        const g = p.userGroupIds;
        return Array.isArray(g) && g.length === 0 ? undefined : g;
      });
      if (!token && !groups) reportViolation(`replication group "${args.name}" must set authToken or userGroupIds`);
    },
  };
}
