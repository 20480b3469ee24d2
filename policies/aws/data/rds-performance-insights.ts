import type { ResourceValidationPolicy } from "@pulumi/policy";
import { RDS_CLUSTER_INSTANCE } from "./types";

/** Advisory (mandatory in prod): the 7-day tier is free and is what you need during an incident. */
export function rdsPerformanceInsights(): ResourceValidationPolicy {
  return {
    name: "aws-rds-performance-insights",
    description: "Aurora instances enable Performance Insights.",
    enforcementLevel: "advisory",
    validateResource: (args, reportViolation) => {
      if (args.type === RDS_CLUSTER_INSTANCE && args.props.performanceInsightsEnabled !== true)
        reportViolation(`Aurora instance "${args.name}" must set performanceInsightsEnabled: true`);
    },
  };
}
