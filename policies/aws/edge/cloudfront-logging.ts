import type { ResourceValidationPolicy } from "@pulumi/policy";
import { DISTRIBUTION, isSet } from "./values";

/** Mandatory: viewer-side logs (cache hits, WAF blocks, edge errors) exist nowhere else. */
export function cloudfrontLogging(): ResourceValidationPolicy {
  return {
    name: "aws-cloudfront-logging",
    description: "CloudFront distributions write standard logs to S3 (loggingConfig.bucket).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type === DISTRIBUTION && !isSet(() => args.props.loggingConfig?.bucket))
        reportViolation(`CloudFront "${args.name}" has no loggingConfig bucket`);
    },
  };
}
