import { KNOWN_REGIONS, regionFacts } from "./region-facts";

/** Commercial AWS regions the platform may be deployed to: the regions with facts (./region-facts.ts). */
export const AWS_REGIONS: readonly string[] = KNOWN_REGIONS;

/**
 * `platform:allowedRegions` when a stack does not set it: the seeds' footprint (primary us-east-1,
 * secondaries us-west-2 and eu-west-1). The policy pack keeps the same default
 * (policies/stack/aws-allowed-regions.ts; a test holds them equal).
 */
export const DEFAULT_ALLOWED_REGIONS: readonly string[] = ["us-east-1", "us-west-2", "eu-west-1"];

/** CloudFront, its ACM certificate and its WAF web ACL must live here. */
export const GLOBAL_EDGE_REGION = "us-east-1";

export function isKnownRegion(name: string): boolean {
  return regionFacts(name) !== undefined;
}
