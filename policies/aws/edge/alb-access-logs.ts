import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isApplicationLb, isSet, LOAD_BALANCER, valueOf } from "./values";

/** Mandatory: access logs are the only record of requests the ALB answered itself (403s, 5xx without a target). */
export function albAccessLogs(): ResourceValidationPolicy {
  return {
    name: "aws-alb-access-logs",
    description: "Application load balancers write access logs to S3 (accessLogs.enabled with a bucket).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== LOAD_BALANCER || !isApplicationLb(args.props)) return;
      const logs = valueOf(() => args.props.accessLogs);
      if (!logs || valueOf(() => logs.enabled) !== true || !isSet(() => logs.bucket))
        reportViolation(`ALB "${args.name}" must enable accessLogs with a bucket`);
    },
  };
}
