import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isApplicationLb, LOAD_BALANCER, valueOf } from "./values";

/** Mandatory: headers with invalid characters are a request-smuggling vector; the ALB can drop them before the gateway parses them. */
export function albDropInvalidHeaders(): ResourceValidationPolicy {
  return {
    name: "aws-alb-drop-invalid-headers",
    description: "Application load balancers drop HTTP headers with invalid fields (dropInvalidHeaderFields: true).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== LOAD_BALANCER || !isApplicationLb(args.props)) return;
      if (valueOf(() => args.props.dropInvalidHeaderFields) !== true)
        reportViolation(`ALB "${args.name}" must set dropInvalidHeaderFields: true`);
    },
  };
}
