import type { PolicyResource } from "@pulumi/policy";
import { S3_BUCKET_TYPES } from "./aws";
import { dependsOn, peek } from "./policy";

export function buckets(resources: PolicyResource[]): PolicyResource[] {
  return resources.filter((r) => S3_BUCKET_TYPES.includes(r.type));
}

/**
 * The aws v7 split resources (public access block, encryption, versioning) point at their bucket
 * through `bucket`: match by name when both are known, else by the `bucket` input's dependency
 * (so an unknown name in a preview still decides).
 */
export function attachedTo(resources: PolicyResource[], type: string, bucket: PolicyResource): PolicyResource[] {
  const bucketName = peek(() => bucket.props.bucket) ?? peek(() => bucket.props.id);
  return resources.filter((r) => {
    if (r.type !== type) return false;
    const ref = peek(() => r.props.bucket);
    if (typeof ref === "string" && typeof bucketName === "string" && ref === bucketName) return true;
    return dependsOn(r, bucket, "bucket");
  });
}
