import type { ResourceValidationPolicy } from "@pulumi/policy";
import { EC2_NODE_CLASS, nodeClassLabel } from "./ec2nodeclass";

/**
 * Mandatory: node volumes hold container images, emptyDirs and logs, i.e. application data.
 * Every EBS mapping must say `encrypted: true`, and at least one mapping must exist so the root
 * volume's encryption is declared here rather than inherited from whatever the AMI says.
 */
export function ec2NodeClassEncryptedVolumes(): ResourceValidationPolicy {
  return {
    name: "karpenter-ec2nodeclass-encrypted-volumes",
    description: "Karpenter EC2NodeClasses declare block device mappings whose EBS volumes are all encrypted.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== EC2_NODE_CLASS) return;
      const label = nodeClassLabel(args.props, args.name);
      const mappings: { deviceName?: string; ebs?: { encrypted?: unknown } }[] =
        args.props.spec?.blockDeviceMappings ?? [];
      if (mappings.length === 0) {
        reportViolation(
          `${label} must declare spec.blockDeviceMappings with encrypted EBS volumes (do not rely on AMI defaults)`,
        );
        return;
      }
      mappings.forEach((m, i) => {
        if (m.ebs?.encrypted !== true)
          reportViolation(`${label} block device ${m.deviceName ?? `#${i}`} must set ebs.encrypted: true`);
      });
    },
  };
}
