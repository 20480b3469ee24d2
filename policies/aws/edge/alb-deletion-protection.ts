import type { ResourceValidationPolicy } from "@pulumi/policy";
import { effectiveTags } from "../../lib/aws";
import { readConfig } from "../../lib/policy";
import { LOAD_BALANCER, valueOf } from "./values";

export interface AlbDeletionProtectionConfig {
  /** Values of the `environment` tag (provider default tags) in which deletion protection is required. */
  environments: string[];
}

/**
 * Mandatory where it applies: deleting a prod ALB changes its DNS name and drops every region's
 * traffic until Route53 and CloudFront follow. Dev stacks are torn down freely, so the policy
 * applies only to the environments configured (by the environment tag every resource carries).
 */
export function albDeletionProtection(): ResourceValidationPolicy {
  return {
    name: "aws-alb-deletion-protection",
    description: "Load balancers in protected environments (default: prod) have deletion protection on.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { environments: { type: "array", items: { type: "string" } } } },
    validateResource: (args, reportViolation) => {
      if (args.type !== LOAD_BALANCER) return;
      const { environments } = readConfig<AlbDeletionProtectionConfig>(args, { environments: ["prod"] });
      const env = effectiveTags(args).environment;
      if (!environments.includes(env)) return;
      if (valueOf(() => args.props.enableDeletionProtection) !== true)
        reportViolation(`load balancer "${args.name}" in environment "${env}" must set enableDeletionProtection: true`);
    },
  };
}
