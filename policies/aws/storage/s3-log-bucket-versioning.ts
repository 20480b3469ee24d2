import type { StackValidationPolicy } from "@pulumi/policy";
import { effectiveTags } from "../../lib/aws";
import { known } from "../../lib/policy";
import { attachedTo, buckets } from "../../lib/s3";

export const BUCKET_VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
export const PURPOSE_TAG = "platform.io/purpose";

/**
 * Advisory (mandatory in prod): logs are evidence; versioning keeps an overwritten or deleted
 * log recoverable. Dev logs are disposable.
 */
export function s3LogBucketVersioning(): StackValidationPolicy {
  return {
    name: "aws-s3-log-bucket-versioning",
    description: "S3 buckets tagged platform.io/purpose=logs have versioning enabled.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
      for (const bucket of buckets(args.resources)) {
        if (effectiveTags(bucket)[PURPOSE_TAG] !== "logs") continue;
        const enabled = attachedTo(args.resources, BUCKET_VERSIONING, bucket).some(
          (v) => known(() => v.props.versioningConfiguration?.status) === "Enabled",
        );
        if (!enabled)
          reportViolation(`log bucket "${bucket.name}" has no BucketVersioning with status Enabled`, bucket.urn);
      }
    },
  };
}
