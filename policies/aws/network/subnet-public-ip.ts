import type { ResourceValidationPolicy } from "@pulumi/policy";
import { effectiveTags } from "../../lib/aws";

export const PUBLIC_TIER_TAG = "platform.io/tier";
export const EKS_ELB_ROLE_TAG = "kubernetes.io/role/elb";

/**
 * Mandatory: a subnet that hands out public IPs makes every instance in it internet-reachable.
 * Only subnets declared public (our tier tag, or the EKS public-ELB role tag) may.
 */
export function subnetPublicIp(): ResourceValidationPolicy {
  return {
    name: "aws-subnet-public-ip",
    description: "Only subnets tagged as public map public IPs on launch.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== "aws:ec2/subnet:Subnet" || args.props.mapPublicIpOnLaunch !== true) return;
      const tags = effectiveTags(args);
      if (tags[PUBLIC_TIER_TAG] === "public" || tags[EKS_ELB_ROLE_TAG] === "1") return;
      reportViolation(
        `subnet "${args.name}" sets mapPublicIpOnLaunch but is not tagged ${PUBLIC_TIER_TAG}=public or ${EKS_ELB_ROLE_TAG}=1`,
      );
    },
  };
}
