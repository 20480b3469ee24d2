import type { ResourceValidationPolicy } from "@pulumi/policy";
import { regionOf } from "../../lib/aws";
import { valueOf, WEB_ACL } from "./values";

/** Mandatory: AWS only accepts CLOUDFRONT-scope web ACLs through us-east-1; elsewhere `pulumi up` fails half-way. */
export function wafCloudfrontRegion(): ResourceValidationPolicy {
  return {
    name: "aws-waf-cloudfront-region",
    description: "WAFv2 web ACLs with scope CLOUDFRONT are created in us-east-1 (by their provider's region).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== WEB_ACL || valueOf(() => args.props.scope) !== "CLOUDFRONT") return;
      const region = regionOf(args);
      if (region !== "us-east-1")
        reportViolation(
          `web ACL "${args.name}" has scope CLOUDFRONT but is in ${region ?? "an unknown region"}; expected us-east-1`,
        );
    },
  };
}
