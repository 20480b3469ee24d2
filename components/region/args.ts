import type * as aws from "@pulumi/aws";
import { ADDONS } from "../addons";
import type { PlatformConfig, RegionConfig } from "../config";
import { clusterName, physicalName, regionCode } from "../naming";
import { defaultTags } from "../tags";
import type { RegionFoundationArgs } from "./foundation";

/** The foundation arguments of one region, read from the validated config (names, sections, tags). */
export function foundationArgs(
  config: PlatformConfig,
  region: RegionConfig,
  provider: aws.Provider,
): RegionFoundationArgs {
  return {
    region,
    provider,
    physicalName: physicalName([config.name, config.stack, regionCode(region.name)]),
    clusterName: clusterName(config.name, config.stack, region.name),
    environment: config.environment,
    network: config.network,
    cluster: config.cluster,
    karpenter: config.karpenter,
    alarmEmails: config.observability.alarmEmails,
    protect: config.environment === "prod",
    nodeTags: defaultTags(config, region.name),
    primaryVpcCidr: config.regions.find((r) => r.isPrimary)!.vpcCidr,
    addons: ADDONS,
  };
}
