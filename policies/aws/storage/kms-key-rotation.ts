import type { ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Mandatory: rotation is free for symmetric keys and limits what one leaked key version can
 * decrypt. Asymmetric and HMAC keys cannot rotate, so the policy does not apply to them.
 */
export function kmsKeyRotation(): ResourceValidationPolicy {
  return {
    name: "aws-kms-key-rotation",
    description: "Symmetric KMS keys have automatic rotation enabled.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== "aws:kms/key:Key") return;
      const spec = args.props.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
      if (spec !== "SYMMETRIC_DEFAULT") args.notApplicable(`key spec ${spec} cannot rotate`);
      if (args.props.enableKeyRotation !== true)
        reportViolation(`KMS key "${args.name}" must set enableKeyRotation: true`);
    },
  };
}
