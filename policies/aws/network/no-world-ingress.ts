import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { effectiveTags } from "../../lib/aws";
import { dependsOn } from "../../lib/policy";
import {
  ALB_ROLE_TAG,
  type IngressRule,
  SECURITY_GROUP,
  describePorts,
  inlineIngress,
  isWebPort,
  isWorldOpen,
  standaloneIngress,
} from "../../lib/security-groups";

function isAlbGroup(group: PolicyResource | undefined): boolean {
  return group !== undefined && effectiveTags(group)[ALB_ROLE_TAG] === "alb";
}

/**
 * Mandatory: world-open ingress is the classic breach. The one exception is 80/443 on the ALB's
 * group (tag platform.io/role=alb). A stack policy because a standalone rule's group is only
 * known through its dependencies (group ids are unknown in preview and mocked offline).
 */
export function noWorldIngress(): StackValidationPolicy {
  return {
    name: "aws-no-world-ingress",
    description: "No security group ingress from 0.0.0.0/0 or ::/0, except ports 80/443 on the ALB's group.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      const groups = args.resources.filter((r) => r.type === SECURITY_GROUP);
      const check = (rule: IngressRule, group: PolicyResource | undefined, urn: string, owner: string) => {
        if (!isWorldOpen(rule) || (isWebPort(rule) && isAlbGroup(group))) return;
        reportViolation(`${owner} ${rule.where} opens ${describePorts(rule)} to the internet`, urn);
      };
      for (const r of args.resources) {
        if (r.type === SECURITY_GROUP) {
          for (const rule of inlineIngress(r.props)) check(rule, r, r.urn, `security group "${r.name}"`);
          continue;
        }
        const rule = standaloneIngress(r.type, r.name, r.props);
        if (!rule) continue;
        const group = groups.find((g) => dependsOn(r, g, "securityGroupId"));
        check(rule, group, r.urn, group ? `security group "${group.name}"` : "security group");
      }
    },
  };
}
