import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isSet, RECORD, valueOf } from "./values";

const ROUTING_POLICIES = [
  "latencyRoutingPolicies",
  "failoverRoutingPolicies",
  "weightedRoutingPolicies",
  "geolocationRoutingPolicies",
  "geoproximityRoutingPolicies",
  "cidrRoutingPolicies",
];

/** Mandatory: a routed record without a health check keeps sending users to a dead region. */
export function route53RoutedHealthCheck(): ResourceValidationPolicy {
  return {
    name: "aws-route53-routed-health-check",
    description: "Every Route53 record with a routing policy (latency, failover, weighted, ...) has a healthCheckId.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== RECORD) return;
      const routed = ROUTING_POLICIES.filter((p) => ((valueOf(() => args.props[p]) ?? []) as unknown[]).length > 0);
      if (routed.length > 0 && !isSet(() => args.props.healthCheckId))
        reportViolation(`Route53 record "${args.name}" uses ${routed.join(", ")} but has no healthCheckId`);
    },
  };
}
