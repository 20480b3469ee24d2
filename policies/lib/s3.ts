import type { PolicyResource } from "@pulumi/policy";
import { S3_BUCKET_TYPES } from "./aws";
import { dependsOn, known } from "./policy";

export function buckets(resources: PolicyResource[]): PolicyResource[] {
  return resources.filter((r) => S3_BUCKET_TYPES.includes(r.type));
}

/**
 * The aws v7 split resources (public access block, encryption, versioning) point at their bucket
 * through `bucket`: match by name when both are known, else by the `bucket` input's dependency.
 */
export function attachedTo(resources: PolicyResource[], type: string, bucket: PolicyResource): PolicyResource[] {
  const bucketName = known(() => bucket.props.bucket) ?? known(() => bucket.props.id);
  return resources.filter((r) => {
    if (r.type !== type) return false;
    const ref = known(() => r.props.bucket);
    if (typeof ref === "string" && typeof bucketName === "string" && ref === bucketName) return true;
    return dependsOn(r, bucket, "bucket");
  });
}
