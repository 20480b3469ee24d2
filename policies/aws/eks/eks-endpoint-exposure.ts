import type { ResourceValidationPolicy } from "@pulumi/policy";
import { EKS_CLUSTER_TYPES, UNKNOWN, eksSettings } from "./cluster";

const WORLD = ["0.0.0.0/0", "::/0"];

/**
 * Mandatory: the API server is the keys to every region's workloads. The private endpoint must
 * be on (nodes and operators in the VPC use it); a public endpoint is allowed only restricted to
 * listed CIDRs, never the internet. Both EKS and @pulumi/eks default the public endpoint to on
 * and an empty CIDR list to 0.0.0.0/0, so "unset" counts as open.
 */
export function eksEndpointExposure(): ResourceValidationPolicy {
  return {
    name: "aws-eks-endpoint-exposure",
    description: "EKS API endpoints are private, or public only to specific CIDRs (never 0.0.0.0/0).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (!EKS_CLUSTER_TYPES.includes(args.type)) return;
      const s = eksSettings(args.type, args.name, args.props);
      if (s.endpointPrivateAccess !== true && s.endpointPrivateAccess !== UNKNOWN)
        reportViolation(`${s.label} must enable the private endpoint (endpointPrivateAccess: true)`);
      if (s.endpointPublicAccess === false || s.endpointPublicAccess === UNKNOWN || s.publicAccessCidrs === UNKNOWN)
        return;
      const cidrs = Array.isArray(s.publicAccessCidrs) ? (s.publicAccessCidrs as unknown[]) : [];
      const open = cidrs.filter((c) => typeof c === "string" && WORLD.includes(c));
      if (cidrs.length === 0)
        reportViolation(`${s.label} has a public endpoint without publicAccessCidrs, which EKS opens to 0.0.0.0/0`);
      else if (open.length > 0) reportViolation(`${s.label} public endpoint must not allow ${open.join(", ")}`);
    },
  };
}
