import type { StackValidationPolicy } from "@pulumi/policy";
import { isAwsResource, isDefaultProvider } from "../lib/aws";

/**
 * Mandatory: a resource on the default provider lands in whatever region the operator's
 * environment says, not in the region its component was planned for.
 */
export function awsNoDefaultProvider(): StackValidationPolicy {
  return {
    name: "aws-no-default-provider",
    description: "Every AWS resource uses an explicit regional aws.Provider, never the default provider.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      for (const r of args.resources) {
        if (!isAwsResource(r.type) || !isDefaultProvider(r.provider)) continue;
        const via = r.provider ? `the default provider ${r.provider.name}` : "no explicit provider";
        reportViolation(`${r.type} "${r.name}" uses ${via}; pass the regional aws.Provider`, r.urn);
      }
    },
  };
}
