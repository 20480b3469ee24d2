import type { ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Mandatory: queue messages carry user data (notifications). SSE-SQS costs nothing and needs
 * no key policy; a customer KMS key is accepted too.
 */
export function sqsEncryption(): ResourceValidationPolicy {
  return {
    name: "aws-sqs-encryption",
    description: "SQS queues are encrypted at rest (SSE-SQS or a KMS key).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== "aws:sqs/queue:Queue") return;
      const kms = args.props.kmsMasterKeyId;
      if (args.props.sqsManagedSseEnabled !== true && !(typeof kms === "string" && kms !== "")) {
        reportViolation(`SQS queue "${args.name}" must set sqsManagedSseEnabled: true or kmsMasterKeyId`);
      }
    },
  };
}
