import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/types";
import type { PlatformConfig } from "../config";
import type { Region } from "../region";
import { GlobalCache } from "./cache";
import { type ConnectionInfo, POSTGRES_PORT, REDIS_PORT } from "./connection";
import { GlobalDatabase } from "./database";
import type { DataRegionInput } from "./regional";

export { GlobalCache } from "./cache";
export { GlobalDatabase } from "./database";
export { connectionManifests, type ConnectionInfo } from "./connection";
export type { DataRegionInput } from "./regional";

/**
 * The data tier's view of a Region. `cluster` is read if the Region carries one (the EKS
 * component sets it); without it the security groups admit the private subnets instead.
 */
export function fromRegion(region: Region): DataRegionInput {
  const cluster = (region as Region & { cluster?: ClusterHandle }).cluster;
  return {
    name: region.region.name,
    provider: region.provider,
    vpcId: region.vpc.vpcId,
    databaseSubnetIds: region.vpc.databaseSubnetIds,
    privateSubnetCidrs: region.vpc.plan.filter((s) => s.tier === "private").map((s) => s.cidr),
    clusterSecurityGroupId: cluster?.clusterSecurityGroupId,
  };
}

/** The global data tier: what the Platform creates in its data stage. */
export class DataTier {
  public readonly database?: GlobalDatabase;
  public readonly cache?: GlobalCache;

  constructor(
    config: PlatformConfig,
    regions: Readonly<Record<string, DataRegionInput>>,
    parent: pulumi.Resource,
    alarmTopicArn?: pulumi.Input<string>,
  ) {
    // Pulumi names are fixed words: stable across region, engine and topology changes.
    if (config.database.enabled)
      this.database = new GlobalDatabase("database", { config, regions, alarmTopicArn }, { parent });
    if (config.cache.enabled) this.cache = new GlobalCache("cache", { config, regions, alarmTopicArn }, { parent });
  }

  /**
   * Everything services in `region` need (see connectionManifests). Empty strings for a
   * disabled database or cache, so the ConfigMap keeps one shape.
   */
  public connectionInfo(region: string): pulumi.Output<ConnectionInfo> {
    const db =
      this.database?.connectionInfo(region) ??
      pulumi.output({ writerEndpoint: "", readerEndpoint: "", port: POSTGRES_PORT, databaseName: "", secretArn: "" });
    const cache =
      this.cache?.connectionInfo(region) ??
      pulumi.output({
        redisEndpoint: "",
        redisReaderEndpoint: "",
        port: REDIS_PORT,
        authSecretArn: "",
        readOnly: false,
      });
    return pulumi.all([db, cache]).apply(([d, c]) => ({
      writerEndpoint: d.writerEndpoint,
      readerEndpoint: d.readerEndpoint,
      databasePort: d.port,
      databaseName: d.databaseName,
      secretArn: d.secretArn,
      redisEndpoint: c.redisEndpoint,
      redisReaderEndpoint: c.redisReaderEndpoint,
      redisPort: c.port,
      cacheAuthSecretArn: c.authSecretArn,
      redisReadOnly: c.readOnly,
    }));
  }
}
