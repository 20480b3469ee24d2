import type { StackValidationPolicy } from "@pulumi/policy";
import { dependsOn, known } from "../../lib/policy";

const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";

/**
 * Advisory (mandatory in prod): without WAF logs a blocked attack or a false positive leaves no
 * trace beyond sampled requests. Every web ACL has a logging configuration (found by its
 * resourceArn dependency) that redacts at least one field: the origin-verify header must never
 * reach the logs, or anyone reading them could bypass CloudFront.
 */
export function wafLogging(): StackValidationPolicy {
  return {
    name: "aws-waf-logging",
    description: "Every WAF web ACL logs (origin-verify header redacted); mandatory in prod.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
      const logs = args.resources.filter((r) => r.type === LOGGING);
      for (const acl of args.resources.filter((r) => r.type === WEB_ACL)) {
        const config = logs.find((l) => dependsOn(l, acl, "resourceArn"));
        const name = String(known(() => acl.props.name) ?? acl.name);
        if (!config) {
          reportViolation(
            `WAF web ACL "${name}" has no logging configuration: set platform:edge.waf.logging (default on in staging and prod)`,
            acl.urn,
          );
          continue;
        }
        const redacted = known(() => config.props.redactedFields) as unknown[] | undefined;
        if (redacted !== undefined && (!Array.isArray(redacted) || redacted.length === 0))
          reportViolation(
            `WAF logging "${config.name}" redacts no field: the origin-verify header would be written to the logs`,
            config.urn,
          );
      }
    },
  };
}
