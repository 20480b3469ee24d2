import type { ResourceValidationPolicy } from "@pulumi/policy";
import { UNKNOWN, read } from "./cluster";

/**
 * Mandatory: node launch templates (the EKS system node group) require IMDSv2, so an SSRF in a
 * pod cannot read the node role's credentials, and encrypt every EBS volume they declare.
 * The EC2NodeClass policies hold Karpenter's nodes to the same rules.
 */
export function launchTemplateHardened(): ResourceValidationPolicy {
  return {
    name: "aws-launch-template-hardened",
    description: "EC2 launch templates require IMDSv2 and encrypt their EBS volumes.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== "aws:ec2/launchTemplate:LaunchTemplate") return;
      const label = `launch template "${args.name}"`;
      const md = read(() => args.props.metadataOptions) as Record<string, unknown> | undefined | typeof UNKNOWN;
      if (md !== UNKNOWN && md?.httpEndpoint !== "disabled" && md?.httpTokens !== "required")
        reportViolation(
          `${label} must set metadataOptions.httpTokens: "required" (IMDSv2), got ${JSON.stringify(md?.httpTokens ?? null)}`,
        );
      const devices = read(() => args.props.blockDeviceMappings);
      if (devices === UNKNOWN || !Array.isArray(devices)) return;
      for (const d of devices as { deviceName?: string; ebs?: { encrypted?: unknown } }[]) {
        if (d?.ebs && String(d.ebs.encrypted) !== "true")
          reportViolation(`${label} volume ${d.deviceName ?? "?"} must set ebs.encrypted: "true"`);
      }
    },
  };
}
