import * as aws from "@pulumi/aws";
import { GLOBAL_EDGE_REGION, PlatformConfig } from "./config";
import { defaultTags } from "./tags";

export interface Providers {
  /** One provider per configured region, keyed by region name. */
  readonly regional: Readonly<Record<string, aws.Provider>>;
  /** us-east-1 provider for CloudFront, its ACM certificate and WAF (reuses the regional one when present). */
  readonly edge: aws.Provider;
}

/**
 * Explicit providers. The stack files disable default providers, so any
 * resource created without one of these fails at preview instead of landing
 * in whatever region the environment happens to point at.
 */
export function createProviders(config: PlatformConfig): Providers {
  const make = (region: string, name: string) =>
    new aws.Provider(name, { region: region as aws.Region, defaultTags: { tags: defaultTags(config, region) } });
  const regional: Record<string, aws.Provider> = {};
  for (const r of config.regions) regional[r.name] = make(r.name, `aws-${r.name}`);
  const edge = regional[GLOBAL_EDGE_REGION] ?? make(GLOBAL_EDGE_REGION, "aws-edge");
  return { regional, edge };
}
