import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config";
import { GlobalCache } from "./cache";
import { type ConnectionInfo, POSTGRES_PORT, REDIS_PORT } from "./connection";
import { GlobalDatabase } from "./database";
import type { DataRegionInput } from "./regional";
import { createFailover, type Failover } from "../failover";

export { GlobalCache } from "./cache";
export { GlobalDatabase } from "./database";
export { connectionEnv, serviceDatabaseUser, type ConnectionInfo } from "./connection";
export type { DataRegionInput } from "./regional";

/** The global data tier: what the Platform creates in its data stage. */
export class DataTier {
  public readonly database?: GlobalDatabase;
  public readonly cache?: GlobalCache;
  /** The cache writer name and the writer promotion (components/failover). */
  public readonly failover: Failover;

  constructor(
    config: PlatformConfig,
    /** Each region's context (RegionContext satisfies DataRegionInput), keyed by region name. */
    regions: Readonly<Record<string, DataRegionInput>>,
    parent: pulumi.Resource,
  ) {
    // Pulumi names are fixed words: stable across region, engine and topology changes.
    if (config.database.enabled) this.database = new GlobalDatabase("database", { config, regions }, { parent });
    if (config.cache.enabled) this.cache = new GlobalCache("cache", { config, regions }, { parent });
    this.failover = createFailover(config, regions, { database: this.database, cache: this.cache }, parent);
  }

  /**
   * Everything services in `region` need (see connectionEnv). Empty strings for a disabled
   * database or cache, so the ConfigMap keeps one shape.
   */
  public connectionInfo(region: string): pulumi.Output<ConnectionInfo> {
    const db =
      this.database?.connectionInfo(region) ??
      pulumi.output({
        writerEndpoint: "",
        writeForwarding: false,
        globalWriterEndpoint: "",
        readerEndpoint: "",
        port: POSTGRES_PORT,
        databaseName: "",
      });
    const cache =
      this.cache?.connectionInfo(region) ?? pulumi.output({ writerEndpoint: "", readerEndpoint: "", port: REDIS_PORT });
    return pulumi.all([db, cache]).apply(([d, c]) => ({
      writerEndpoint: d.writerEndpoint,
      writeForwarding: d.writeForwarding,
      globalWriterEndpoint: d.globalWriterEndpoint,
      readerEndpoint: d.readerEndpoint,
      databasePort: d.port,
      databaseName: d.databaseName,
      redisWriterEndpoint: this.failover.cacheWriterHost ?? c.writerEndpoint,
      redisReaderEndpoint: c.readerEndpoint,
      redisPort: c.port,
    }));
  }

  /**
   * The rds-db:connect ARN of a service's own database user in `region` (IAM database
   * authentication); undefined without a database. Services never get the master secret.
   */
  public databaseUserArn(region: string, user: string): pulumi.Output<string> | undefined {
    return this.database?.dbUserArn(region, user);
  }

  /**
   * The data tier's secrets as seen from `region` (the master secret is for operators and
   * rotation only, cacheAuth the disabled default cache user's password; services get neither, only
   * their own database and cache users), one Output per secret,
   * each depending only on its Secrets Manager secret: never on clusters, groups or other
   * regions' resources. Undefined for a disabled store.
   */
  public secretArns(region: string): { database?: pulumi.Output<string>; cacheAuth?: pulumi.Output<string> } {
    return { database: this.database?.secretArns[region], cacheAuth: this.cache?.authSecretArns[region] };
  }
}
