import type { ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Mandatory: a subnet that hands out public IPs makes every instance launched in it
 * internet-reachable. Nothing the platform launches needs one: public subnets hold only ALB
 * nodes and NAT gateways, which get their own addresses, so no subnet maps them.
 */
export function subnetPublicIp(): ResourceValidationPolicy {
  return {
    name: "aws-subnet-public-ip",
    description: "No subnet maps public IPs on launch (ALB nodes and NAT gateways get their own).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== "aws:ec2/subnet:Subnet" || args.props.mapPublicIpOnLaunch !== true) return;
      reportViolation(
        `subnet "${args.name}" sets mapPublicIpOnLaunch: only ALB nodes and NAT gateways live in public subnets, ` +
          "and they get their own addresses; set it to false",
      );
    },
  };
}
