import type { ResourceValidationPolicy } from "@pulumi/policy";
import { DISTRIBUTION, valueOf } from "./values";

/** Security policies at or above TLSv1.2_2021 (CloudFront "supported protocols and ciphers"). */
export const ALLOWED_VIEWER_TLS = ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"];

/**
 * Mandatory: older policies keep TLS 1.0/1.1 or CBC ciphers. The default *.cloudfront.net
 * certificate forces TLSv1, so a distribution must bring its own certificate.
 */
export function cloudfrontMinTls(): ResourceValidationPolicy {
  return {
    name: "aws-cloudfront-min-tls",
    description: "CloudFront viewers negotiate TLSv1.2_2021 or newer (custom certificate, SNI).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== DISTRIBUTION) return;
      const vc = (valueOf(() => args.props.viewerCertificate) ?? {}) as {
        cloudfrontDefaultCertificate?: boolean;
        minimumProtocolVersion?: string;
      };
      if (vc.cloudfrontDefaultCertificate === true) {
        reportViolation(
          `CloudFront "${args.name}" uses the default certificate, which allows TLSv1; use an ACM certificate with minimumProtocolVersion ${ALLOWED_VIEWER_TLS[0]} or newer`,
        );
        return;
      }
      if (!ALLOWED_VIEWER_TLS.includes(vc.minimumProtocolVersion ?? "")) {
        reportViolation(
          `CloudFront "${args.name}" has minimumProtocolVersion ${JSON.stringify(vc.minimumProtocolVersion ?? null)}; expected one of ${ALLOWED_VIEWER_TLS.join(", ")}`,
        );
      }
    },
  };
}
