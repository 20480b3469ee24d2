/**
 * S3 bucket policy documents for the edge's log buckets (pure: ARNs and account in, JSON out).
 */

/** Where each ALB writes under its log bucket; the policy must cover `<prefix>/AWSLogs/<account>/`. */
export const ALB_LOG_PREFIX = "alb";

/**
 * Who writes ALB access logs, per region, as AWS documents it ("Step 2: Attach a policy to your
 * S3 bucket"). Regions opened before August 2022 are written by a regional Elastic Load
 * Balancing account (`arn:aws:iam::<elb-account-id>:root`); regions opened since by the
 * log-delivery service principal. Checked 2026-12-02.
 */
export const ELB_LOG_DELIVERY_SOURCE = {
  url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
  checked: "2026-12-02",
} as const;

/** The log-delivery service principal, for regions available as of August 2022 or later. */
export const ELB_LOG_DELIVERY_PRINCIPAL = "logdelivery.elasticloadbalancing.amazonaws.com";

/**
 * Regions available before August 2022 and their Elastic Load Balancing account ids (same
 * source). The deployed program resolves the account with `aws.elb.getServiceAccount` on the
 * regional provider; this table says which regions need that and is what the mock engine answers.
 */
export const ELB_LEGACY_LOG_ACCOUNTS: Readonly<Record<string, string>> = {
  "us-east-1": "127311923021",
  "us-east-2": "033677994240",
  "us-west-1": "027434742980",
  "us-west-2": "797873946194",
  "af-south-1": "098369216593",
  "ap-east-1": "754344448648",
  "ap-southeast-3": "589379963580",
  "ap-south-1": "718504428378",
  "ap-northeast-3": "383597477331",
  "ap-northeast-2": "600734575887",
  "ap-southeast-1": "114774131450",
  "ap-southeast-2": "783225319266",
  "ap-northeast-1": "582318560864",
  "ca-central-1": "985666609251",
  "eu-central-1": "054676820928",
  "eu-west-1": "156460612806",
  "eu-west-2": "652711504416",
  "eu-south-1": "635631232127",
  "eu-west-3": "009996457667",
  "eu-north-1": "897822967062",
  "me-south-1": "076674570225",
  "sa-east-1": "507241528517",
};

/** Regions available as of August 2022 or later: the log-delivery service principal writes there. */
export const ELB_SERVICE_PRINCIPAL_REGIONS: readonly string[] = [
  "ap-south-2",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-7",
  "ca-west-1",
  "eu-central-2",
  "eu-south-2",
  "il-central-1",
  "me-central-1",
  "mx-central-1",
];

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
