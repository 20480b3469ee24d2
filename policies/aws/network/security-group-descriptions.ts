import type { ResourceValidationPolicy } from "@pulumi/policy";
import { EGRESS_RULE, INGRESS_RULE, SECURITY_GROUP, SECURITY_GROUP_RULE } from "../../lib/security-groups";

/** The AWS provider's default group description, which says nothing about the group. */
const PLACEHOLDER = "Managed by Pulumi";

function blank(value: unknown): boolean {
  return typeof value !== "string" || value.trim() === "" || value === PLACEHOLDER;
}

/**
 * Advisory (mandatory in prod): descriptions are what an on-call engineer reads in the console;
 * changing a group's description replaces the group, so prod should get it right first time.
 */
export function securityGroupDescriptions(): ResourceValidationPolicy {
  return {
    name: "aws-security-group-descriptions",
    description: "Every security group and every rule (inline or standalone) has a non-empty description.",
    enforcementLevel: "advisory",
    validateResource: (args, reportViolation) => {
      if (args.type === SECURITY_GROUP) {
        if (blank(args.props.description)) reportViolation(`security group "${args.name}" has no description`);
        for (const block of ["ingress", "egress"] as const)
          ((args.props[block] ?? []) as { description?: string }[]).forEach((rule, i) => {
            if (blank(rule.description))
              reportViolation(`security group "${args.name}" ${block}[${i}] has no description`);
          });
      } else if (
        [SECURITY_GROUP_RULE, INGRESS_RULE, EGRESS_RULE].includes(args.type) &&
        blank(args.props.description)
      ) {
        reportViolation(`security group rule "${args.name}" has no description`);
      }
    },
  };
}
