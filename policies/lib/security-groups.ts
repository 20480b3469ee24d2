/* eslint-disable @typescript-eslint/no-explicit-any */
export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

export const WORLD_CIDRS = ["0.0.0.0/0", "::/0"];
export const ALB_ROLE_TAG = "platform.io/role";
/** Ports the internet may reach, and only on the ALB's group. */
export const WORLD_PORTS = [80, 443];

/** One ingress permission, whichever of the three AWS shapes it came from. */
export interface IngressRule {
  /** For messages: "ingress[0]" or the rule resource's name. */
  where: string;
  fromPort?: number;
  toPort?: number;
  protocol?: string;
  cidrs: string[];
}

/** Inline `ingress` blocks of an aws.ec2.SecurityGroup. */
export function inlineIngress(props: Record<string, any>): IngressRule[] {
  return ((props.ingress ?? []) as any[]).map((r, i) => ({
    where: `ingress[${i}]`,
    fromPort: r.fromPort,
    toPort: r.toPort,
    protocol: r.protocol,
    cidrs: [...(r.cidrBlocks ?? []), ...(r.ipv6CidrBlocks ?? [])],
  }));
}

/** A standalone rule resource as an ingress rule, or undefined if it is an egress rule. */
export function standaloneIngress(type: string, name: string, props: Record<string, any>): IngressRule | undefined {
  if (type === SECURITY_GROUP_RULE && props.type === "ingress")
    return {
      where: `rule "${name}"`,
      fromPort: props.fromPort,
      toPort: props.toPort,
      protocol: props.protocol,
      cidrs: [...(props.cidrBlocks ?? []), ...(props.ipv6CidrBlocks ?? [])],
    };
  if (type === INGRESS_RULE)
    return {
      where: `rule "${name}"`,
      fromPort: props.fromPort,
      toPort: props.toPort,
      protocol: props.ipProtocol,
      cidrs: [props.cidrIpv4, props.cidrIpv6].filter((c): c is string => typeof c === "string"),
    };
  return undefined;
}

export function isWorldOpen(rule: IngressRule): boolean {
  return rule.cidrs.some((c) => WORLD_CIDRS.includes(c));
}

/** A single well-known web port over TCP (a range 80-443 would also open everything between). */
export function isWebPort(rule: IngressRule): boolean {
  const tcp = rule.protocol === "tcp" || rule.protocol === "6";
  return tcp && rule.fromPort === rule.toPort && WORLD_PORTS.includes(Number(rule.fromPort));
}

export function describePorts(rule: IngressRule): string {
  const proto = rule.protocol === "-1" || rule.protocol === "all" ? "all protocols" : `${rule.protocol ?? "?"}`;
  return rule.fromPort === rule.toPort
    ? `${proto} port ${rule.fromPort}`
    : `${proto} ports ${rule.fromPort}-${rule.toPort}`;
}
