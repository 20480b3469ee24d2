import type { ResourceValidationPolicy } from "@pulumi/policy";
import { DISTRIBUTION, valueOf } from "./values";

/** Mandatory: the origin secret header travels on this hop; over HTTP anyone on the path could replay it. */
export function cloudfrontOriginHttps(): ResourceValidationPolicy {
  return {
    name: "aws-cloudfront-origin-https",
    description: "CloudFront custom origins are reached over HTTPS only, with TLSv1.2 only.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== DISTRIBUTION) return;
      const origins = (valueOf(() => args.props.origins) ?? []) as {
        originId?: string;
        customOriginConfig?: { originProtocolPolicy?: string; originSslProtocols?: string[] };
      }[];
      for (const o of origins) {
        const c = o.customOriginConfig;
        if (!c) continue; // S3 and VPC origins: CloudFront uses HTTPS/private paths itself.
        if (c.originProtocolPolicy !== "https-only")
          reportViolation(
            `CloudFront "${args.name}" origin ${o.originId ?? "?"} has originProtocolPolicy ${JSON.stringify(c.originProtocolPolicy ?? null)}; expected https-only`,
          );
        const weak = (c.originSslProtocols ?? []).filter((p) => p !== "TLSv1.2");
        if (weak.length > 0 || (c.originSslProtocols ?? []).length === 0)
          reportViolation(
            `CloudFront "${args.name}" origin ${o.originId ?? "?"} allows origin protocols ${JSON.stringify(c.originSslProtocols ?? [])}; expected ["TLSv1.2"]`,
          );
      }
    },
  };
}
