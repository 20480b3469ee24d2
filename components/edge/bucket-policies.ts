/**
 * S3 bucket policy documents for the edge's log buckets (pure: ARNs and account in, JSON out).
 */

/** ALB access-log delivery; AWS's regional log-delivery service principal, scoped to our account's prefix. */
export const ELB_LOG_DELIVERY_PRINCIPAL = "logdelivery.elasticloadbalancing.amazonaws.com";

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: Record<string, unknown>[];
}

/** Refuse any request not made over TLS (also what the S3 policy checks of CIS/Security Hub expect). */
export function denyInsecureTransport(bucketArn: string): Record<string, unknown> {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

export function albLogBucketPolicy(bucketArn: string, accountId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AllowElbLogDelivery",
        Effect: "Allow",
        Principal: { Service: ELB_LOG_DELIVERY_PRINCIPAL },
        Action: "s3:PutObject",
        Resource: `${bucketArn}/AWSLogs/${accountId}/*`,
      },
      denyInsecureTransport(bucketArn),
    ],
  };
}

/** CloudFront standard logs are written through the bucket ACL (awslogsdelivery), so the policy only denies plain HTTP. */
export function tlsOnlyBucketPolicy(bucketArn: string): PolicyDocument {
  return { Version: "2012-10-17", Statement: [denyInsecureTransport(bucketArn)] };
}
