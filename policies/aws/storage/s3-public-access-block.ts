import type { StackValidationPolicy } from "@pulumi/policy";
import { known } from "../../lib/policy";
import { attachedTo, buckets } from "../../lib/s3";

export const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/** Mandatory: a public bucket is a data leak; nothing on this platform is served from S3 directly. */
export function s3PublicAccessBlock(): StackValidationPolicy {
  return {
    name: "aws-s3-public-access-block",
    description: "Every S3 bucket has a BucketPublicAccessBlock with all four flags true.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      for (const bucket of buckets(args.resources)) {
        const blocks = attachedTo(args.resources, PUBLIC_ACCESS_BLOCK, bucket);
        if (blocks.length === 0) {
          reportViolation(`S3 bucket "${bucket.name}" has no BucketPublicAccessBlock`, bucket.urn);
          continue;
        }
        const off = FLAGS.filter((f) => !blocks.some((b) => known(() => b.props[f]) === true));
        if (off.length > 0)
          reportViolation(
            `S3 bucket "${bucket.name}" public access block must set ${off.join(", ")} to true`,
            bucket.urn,
          );
      }
    },
  };
}
