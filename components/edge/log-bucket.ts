import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  elbLogPrincipalKind,
  ELB_LOG_DELIVERY_PRINCIPAL,
  type ElbLogPrincipal,
  type PolicyDocument,
} from "./bucket-policies";

export interface LogBucketArgs {
  /** Physical bucket name (globally unique; see names.logBucketName). */
  bucketName: pulumi.Input<string>;
  /** Objects (and old versions) expire after this many days. */
  expirationDays: number;
  /** Bucket policy from the bucket ARN. */
  policy: (bucketArn: pulumi.Output<string>) => pulumi.Input<PolicyDocument>;
  /**
   * CloudFront standard logging still writes through ACLs: ownership BucketOwnerPreferred and a
   * FULL_CONTROL grant to the awslogsdelivery account. Without it, ACLs stay disabled (BucketOwnerEnforced).
   */
  cloudfrontAcl?: boolean;
}

/**
 * A private, encrypted, versioned log bucket with expiry, as aws v7 split resources. SSE-S3
 * (AES256) because neither ALB access logs nor CloudFront standard logs can write to SSE-KMS
 * buckets without extra key grants that ELB does not support.
 */
export interface LogBucket {
  bucket: aws.s3.Bucket;
  /** Wait on these before pointing a service at the bucket: it checks the policy/ACL when logging is enabled. */
  ready: pulumi.Resource[];
}

export function logBucket(
  name: string,
  args: LogBucketArgs,
  opts: { parent: pulumi.Resource; provider: aws.Provider },
): LogBucket {
  const bucket = new aws.s3.Bucket(
    name,
    { bucket: args.bucketName, forceDestroy: false, tags: { Name: args.bucketName, "platform.io/purpose": "logs" } },
    opts,
  );
  const pab = new aws.s3.BucketPublicAccessBlock(
    `${name}-public-access`,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    opts,
  );
  new aws.s3.BucketServerSideEncryptionConfiguration(
    `${name}-encryption`,
    { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
    opts,
  );
  new aws.s3.BucketVersioning(
    `${name}-versioning`,
    { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
    opts,
  );
  new aws.s3.BucketLifecycleConfiguration(
    `${name}-lifecycle`,
    {
      bucket: bucket.id,
      rules: [
        {
          id: "expire-logs",
          status: "Enabled",
          filter: {},
          expiration: { days: args.expirationDays },
          noncurrentVersionExpiration: { noncurrentDays: 7 },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ],
    },
    opts,
  );
  const ownership = new aws.s3.BucketOwnershipControls(
    `${name}-ownership`,
    {
      bucket: bucket.id,
      rule: { objectOwnership: args.cloudfrontAcl ? "BucketOwnerPreferred" : "BucketOwnerEnforced" },
    },
    opts,
  );
  const ready: pulumi.Resource[] = [pab];
  if (args.cloudfrontAcl) {
    const owner = aws.s3.getCanonicalUserIdOutput({ parent: opts.parent, provider: opts.provider });
    const logDelivery = aws.cloudfront.getLogDeliveryCanonicalUserIdOutput(
      {},
      { parent: opts.parent, provider: opts.provider },
    );
    ready.push(
      new aws.s3.BucketAcl(
        `${name}-acl`,
        {
          bucket: bucket.id,
          accessControlPolicy: {
            owner: { id: owner.id },
            grants: [
              { grantee: { id: owner.id, type: "CanonicalUser" }, permission: "FULL_CONTROL" },
              { grantee: { id: logDelivery.id, type: "CanonicalUser" }, permission: "FULL_CONTROL" },
            ],
          },
        },
        { ...opts, dependsOn: [ownership, pab] },
      ),
    );
  }
  // The policy is applied after the public access block so S3 never sees it on an unprotected bucket.
  ready.push(
    new aws.s3.BucketPolicy(
      `${name}-policy`,
      { bucket: bucket.id, policy: pulumi.output(args.policy(bucket.arn)).apply((d) => JSON.stringify(d)) },
      { ...opts, dependsOn: [pab] },
    ),
  );
  return { bucket, ready };
}

/**
 * The principal AWS documents for ALB log delivery in `region`: the log-delivery service, or, in
 * regions opened before August 2022, the regional ELB account looked up from AWS with the
 * region's provider (bucket-policies.ts has the table and its source).
 */
export function elbLogDeliveryPrincipal(
  region: string,
  opts: { parent: pulumi.Resource; provider: aws.Provider },
): pulumi.Output<ElbLogPrincipal> {
  if (elbLogPrincipalKind(region) === "service") return pulumi.output({ Service: ELB_LOG_DELIVERY_PRINCIPAL });
  return aws.elb.getServiceAccountOutput({ region }, opts).arn.apply((arn) => {
    if (!arn) throw new Error(`aws.elb.getServiceAccount returned no ELB account for ${region}`);
    return { AWS: arn };
  });
}
