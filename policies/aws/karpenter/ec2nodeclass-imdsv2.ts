import type { ResourceValidationPolicy } from "@pulumi/policy";
import { EC2_NODE_CLASS, nodeClassLabel } from "./ec2nodeclass";

/**
 * Mandatory: with IMDSv1 any SSRF in a pod can read the node role's credentials (launch
 * instances, pull every image). Karpenter defaults to httpTokens "required" today, but a default
 * can change under an upgrade; the platform states it explicitly and this policy holds it to
 * that. A node class that turns the metadata endpoint off entirely is stricter and passes.
 */
export function ec2NodeClassImdsv2(): ResourceValidationPolicy {
  return {
    name: "karpenter-ec2nodeclass-imdsv2",
    description: "Karpenter EC2NodeClasses require IMDSv2 (metadataOptions.httpTokens: required) or disable IMDS.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== EC2_NODE_CLASS) return;
      const options = args.props.spec?.metadataOptions;
      if (options?.httpEndpoint === "disabled") return;
      if (options?.httpTokens !== "required")
        reportViolation(
          `${nodeClassLabel(args.props, args.name)} must set spec.metadataOptions.httpTokens: "required" (IMDSv2), got ${JSON.stringify(options?.httpTokens ?? null)}`,
        );
    },
  };
}
