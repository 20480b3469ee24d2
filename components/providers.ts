import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { GLOBAL_EDGE_REGION, PlatformConfig } from "./config";
import { sharedAccountWarnings } from "./config/sections/security";
import { defaultTags } from "./tags";

export interface Providers {
  /** One provider per configured region, keyed by region name. */
  readonly regional: Readonly<Record<string, aws.Provider>>;
  /** us-east-1 provider for CloudFront, its ACM certificate and WAF (reuses the regional one when present). */
  readonly edge: aws.Provider;
}

/**
 * The provider arguments of one region. `allowedAccountIds` is `platform:security.accountId`: the
 * provider refuses credentials of any other account before its first call (a check in the
 * provider, not a resource input: changing it updates the provider, never replaces a resource).
 */
export function providerArgs(config: PlatformConfig, region: string): aws.ProviderArgs {
  const account = config.security.accountId;
  return {
    region: region as aws.Region,
    defaultTags: { tags: defaultTags(config, region) },
    ...(account !== undefined ? { allowedAccountIds: [account] } : {}),
  };
}

/**
 * Explicit providers. The stack files disable default providers, so any
 * resource created without one of these fails at preview instead of landing
 * in whatever region the environment happens to point at.
 */
export function createProviders(config: PlatformConfig): Providers {
  // `pulumi preview`/`up` print it too, not only `npm run plan`.
  for (const w of sharedAccountWarnings(config.security, config.environment)) void pulumi.log.warn(w);
  const make = (region: string, name: string) => new aws.Provider(name, providerArgs(config, region));
  const regional: Record<string, aws.Provider> = {};
  for (const r of config.regions) regional[r.name] = make(r.name, `aws-${r.name}`);
  const edge = regional[GLOBAL_EDGE_REGION] ?? make(GLOBAL_EDGE_REGION, "aws-edge");
  return { regional, edge };
}
