import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config";
import type { GlobalCache } from "../data/cache";
import type { GlobalDatabase } from "../data/database";
import type { DataRegionInput } from "../data/regional";
import { physicalName, regionCode } from "../naming";
import { writerLostAlarmName } from "./promotion-plan";
import { WriterDns, writerZoneName } from "./writer-dns";
import { WriterPromotion } from "./promotion";

export { WriterDns, cacheWriterName, writerZoneName } from "./writer-dns";
export { WriterPromotion, promotionRegions } from "./promotion";

/** What the data tier gets back: the cache writer name services write to, when there is one. */
export interface Failover {
  readonly writerDns?: WriterDns;
  readonly promotion?: WriterPromotion;
  /** `cache-writer.<zone>`: follows the Global Datastore primary; undefined without a global cache. */
  readonly cacheWriterHost?: string;
}

/**
 * The write path that survives its region without a `pulumi up`: the cache writer name (a private
 * CNAME, since Global Datastore has no global endpoint) and the promotion documents. The database
 * needs no name of ours: Aurora's global writer endpoint follows the writer (docs/failover.md).
 */
export function createFailover(
  config: PlatformConfig,
  regions: Readonly<Record<string, DataRegionInput>>,
  data: { database?: GlobalDatabase; cache?: GlobalCache },
  parent: pulumi.Resource,
): Failover {
  const cache = data.cache;
  const globalCache = cache?.globalReplicationGroup;
  const primary = regions[config.primaryRegion];
  const promotion = data.database?.globalCluster
    ? new WriterPromotion(
        "writer-promotion",
        { config, regions, globalCacheId: globalCache?.globalReplicationGroupId },
        { parent },
      )
    : undefined;
  const standby = promotion?.standby;
  const alarm = promotion?.standbyAlarm;
  const writerDns =
    cache && globalCache && primary && standby && alarm && cache.replicationGroups[standby]
      ? new WriterDns(
          "writer-dns",
          {
            zoneName: writerZoneName(physicalName([config.name, config.stack])),
            vpcs: Object.values(regions).map((r) => ({ region: r.name, vpcId: r.vpc.vpcId })),
            writerEndpoint: (
              cache.replicationGroups[config.cache.writerRegion] ?? cache.replicationGroups[config.primaryRegion]
            ).primaryEndpointAddress,
            standbyEndpoint: cache.replicationGroups[standby].primaryEndpointAddress,
            alarm: {
              name: writerLostAlarmName(physicalName([config.name, config.stack]), regionCode(standby)),
              region: standby,
              resource: alarm,
            },
            ttlSeconds: config.failover.cacheWriterTtlSeconds,
            provider: primary.provider,
          },
          { parent },
        )
      : undefined;
  return { writerDns, promotion, cacheWriterHost: writerDns?.cacheWriterHost };
}
