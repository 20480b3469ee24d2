import type { StackValidationPolicy } from "@pulumi/policy";
import { known } from "../../lib/policy";
import { attachedTo, buckets } from "../../lib/s3";

export const SSE_CONFIGURATION =
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const ALGORITHMS = ["aws:kms", "aws:kms:dsse", "AES256"];

/**
 * Advisory (mandatory in prod): S3 has encrypted new objects with SSE-S3 by default since 2023,
 * so a missing configuration is not plaintext data; the explicit configuration records which
 * key protects it, which prod audits need.
 */
export function s3Encryption(): StackValidationPolicy {
  return {
    name: "aws-s3-encryption",
    description: "Every S3 bucket has an explicit server-side encryption configuration.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
      for (const bucket of buckets(args.resources)) {
        const configs = attachedTo(args.resources, SSE_CONFIGURATION, bucket);
        const ok = configs.some((c) =>
          (
            (known(() => c.props.rules) ?? []) as { applyServerSideEncryptionByDefault?: { sseAlgorithm?: string } }[]
          ).some((rule) => ALGORITHMS.includes(rule.applyServerSideEncryptionByDefault?.sseAlgorithm ?? "")),
        );
        if (!ok)
          reportViolation(
            `S3 bucket "${bucket.name}" has no BucketServerSideEncryptionConfiguration with a default algorithm`,
            bucket.urn,
          );
      }
    },
  };
}
