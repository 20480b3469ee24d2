/**
 * S3 bucket policy documents for the edge's log buckets (pure: ARNs and account in, JSON out).
 */
import { REGION_FACTS } from "../config/region-facts";

/** Where each ALB writes under its log bucket; the policy must cover `<prefix>/AWSLogs/<account>/`. */
export const ALB_LOG_PREFIX = "alb";

/** Where the ALB log-delivery facts per region (components/config/region-facts.ts) were read. */
export const ELB_LOG_DELIVERY_SOURCE = REGION_FACTS.source.elbLogDelivery;

/** The log-delivery service principal, for regions available as of August 2022 or later. */
export const ELB_LOG_DELIVERY_PRINCIPAL = "logdelivery.elasticloadbalancing.amazonaws.com";

const elbRows = Object.entries(REGION_FACTS.regions).map(([region, f]) => [region, f!.elbLogDelivery] as const);

/**
 * Regions available before August 2022 and their Elastic Load Balancing account ids. The deployed
 * program resolves the account with `aws.elb.getServiceAccount` on the regional provider; this
 * table says which regions need that and is what the mock engine answers.
 */
export const ELB_LEGACY_LOG_ACCOUNTS: Readonly<Record<string, string>> = Object.fromEntries(
  elbRows.flatMap(([region, d]) => (d === "service" ? [] : [[region, d.account]])),
);

/** Regions available as of August 2022 or later: the log-delivery service principal writes there. */
export const ELB_SERVICE_PRINCIPAL_REGIONS: readonly string[] = elbRows
  .filter(([, d]) => d === "service")
  .map(([region]) => region);

/** Which kind of principal writes ALB logs in a region; throws for a region the table does not know. */
export function elbLogPrincipalKind(region: string): "elb-account" | "service" {
  if (region in ELB_LEGACY_LOG_ACCOUNTS) return "elb-account";
  if (ELB_SERVICE_PRINCIPAL_REGIONS.includes(region)) return "service";
  throw new Error(
    `no ALB log-delivery principal known for region ${region}; add it from ${ELB_LOG_DELIVERY_SOURCE.url}`,
  );
}

/** A bucket-policy principal: the regional ELB account root, or the log-delivery service. */
export type ElbLogPrincipal = { AWS: string } | { Service: string };

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

export interface AlbLogPolicyArgs {
  bucketArn: string;
  /** Our account: ELB writes under `<prefix>/AWSLogs/<accountId>/`. */
  accountId: string;
  /** The ALB's `accessLogs.prefix` (no leading or trailing slash; "" for none). */
  prefix: string;
  principal: ElbLogPrincipal;
}

export function albLogBucketPolicy(args: AlbLogPolicyArgs): PolicyDocument {
  if (/^\/|\/$|AWSLogs/.test(args.prefix))
    throw new Error(`ALB log prefix "${args.prefix}" must not start or end with "/" nor contain AWSLogs`);
  const under = args.prefix ? `${args.prefix}/` : "";
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AllowElbLogDelivery",
        Effect: "Allow",
        Principal: args.principal,
        Action: "s3:PutObject",
        Resource: `${args.bucketArn}/${under}AWSLogs/${args.accountId}/*`,
      },
      denyInsecureTransport(args.bucketArn),
    ],
  };
}

/** CloudFront standard logs are written through the bucket ACL (awslogsdelivery), so the policy only denies plain HTTP. */
export function tlsOnlyBucketPolicy(bucketArn: string): PolicyDocument {
  return { Version: "2012-10-17", Statement: [denyInsecureTransport(bucketArn)] };
}
