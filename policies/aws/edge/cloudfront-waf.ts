import type { ResourceValidationPolicy } from "@pulumi/policy";
import { DISTRIBUTION, isSet } from "./values";

/** Mandatory: the WAF (managed rules, rate limit) is the only layer in front of the ALBs that sees viewer IPs. */
export function cloudfrontWaf(): ResourceValidationPolicy {
  return {
    name: "aws-cloudfront-waf",
    description: "CloudFront distributions have a WAF web ACL attached (webAclId).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type === DISTRIBUTION && !isSet(() => args.props.webAclId))
        reportViolation(`CloudFront "${args.name}" has no webAclId`);
    },
  };
}
