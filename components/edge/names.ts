import { physicalName, regionCode } from "../naming";

/**
 * DNS names of the edge. CloudFront reaches the origins through one health-checked name
 * (`origin.<domain>`, latency or failover routed); each region also has its own name
 * (`origin-<code>.<domain>`) that its Route53 health check probes and operators can curl.
 */
export interface OriginNames {
  /** Shared, routed origin name CloudFront uses. */
  shared: string;
  /** This region's own origin name. */
  regional: string;
}

export function originNames(domain: string, originLabel: string, region: string): OriginNames {
  return { shared: `${originLabel}.${domain}`, regional: `${originLabel}-${regionCode(region)}.${domain}` };
}

/** The public names viewers use: the apex and each alias label (`www`, `api`) under it. */
export function publicNames(domain: string, aliases: readonly string[]): string[] {
  return [domain, ...aliases.map((a) => `${a}.${domain}`)];
}

/**
 * ALB and target group names are limited to 32 characters and may not start or end with a
 * hyphen; physicalName hashes the tail of long names so two regions never collide.
 */
export function albName(regionPhysicalName: string): string {
  return physicalName([regionPhysicalName, "alb"], 32);
}

export function targetGroupName(regionPhysicalName: string): string {
  return physicalName([regionPhysicalName, "gw"], 32);
}

/** S3 bucket names are global: qualify with the account id (3..63 characters). */
export function logBucketName(prefix: string, purpose: string, accountId: string): string {
  return physicalName([prefix, purpose, accountId], 63);
}

/** WAF log groups must be named `aws-waf-logs-*`. */
export function wafLogGroupName(prefix: string): string {
  return `aws-waf-logs-${prefix}`;
}

/** The header CloudFront adds and the ALB demands; anything else gets the 403 default action. */
export const ORIGIN_VERIFY_HEADER = "X-Origin-Verify";
