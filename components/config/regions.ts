/**
 * Commercial AWS regions the platform may be deployed to. Kept as data (not an
 * API lookup) so a typo in a region name is rejected before anything is created.
 */
export const AWS_REGIONS: readonly string[] = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "ca-west-1",
  "mx-central-1",
  "sa-east-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "ap-south-1",
  "ap-south-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-7",
  "ap-east-1",
  "af-south-1",
  "me-south-1",
  "me-central-1",
  "il-central-1",
];

/**
 * `platform:allowedRegions` when a stack does not set it: the seeds' footprint (primary us-east-1,
 * secondaries us-west-2 and eu-west-1). The policy pack keeps the same default
 * (policies/stack/aws-allowed-regions.ts; a test holds them equal).
 */
export const DEFAULT_ALLOWED_REGIONS: readonly string[] = ["us-east-1", "us-west-2", "eu-west-1"];

/** CloudFront, its ACM certificate and its WAF web ACL must live here. */
export const GLOBAL_EDGE_REGION = "us-east-1";

export function isKnownRegion(name: string): boolean {
  return AWS_REGIONS.includes(name);
}
