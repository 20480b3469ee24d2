import type { ResourceValidationPolicy } from "@pulumi/policy";
import { DISTRIBUTION, valueOf } from "./values";

const HTTPS_ONLY = ["redirect-to-https", "https-only"];

/** Mandatory: one behaviour left on allow-all serves that path (cookies included) in clear text. */
export function cloudfrontViewerHttps(): ResourceValidationPolicy {
  return {
    name: "aws-cloudfront-viewer-https",
    description: "Every CloudFront cache behaviour redirects viewers to HTTPS or requires it.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== DISTRIBUTION) return;
      const behaviours: [string, unknown][] = [
        ["default", valueOf(() => args.props.defaultCacheBehavior?.viewerProtocolPolicy)],
      ];
      (
        (valueOf(() => args.props.orderedCacheBehaviors) ?? []) as {
          pathPattern?: string;
          viewerProtocolPolicy?: string;
        }[]
      ).forEach((b) => behaviours.push([b.pathPattern ?? "?", b.viewerProtocolPolicy]));
      for (const [where, policy] of behaviours) {
        if (!HTTPS_ONLY.includes(policy as string))
          reportViolation(
            `CloudFront "${args.name}" behaviour ${where} has viewerProtocolPolicy ${JSON.stringify(policy ?? null)}; expected redirect-to-https or https-only`,
          );
      }
    },
  };
}
