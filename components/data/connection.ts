export const POSTGRES_PORT = 5432;
export const REDIS_PORT = 6379;

/**
 * Where services find the RDS CA bundle (global-bundle.pem) for DATABASE_SSLMODE=verify-full.
 * The bundle is baked into the image at build time (curl
 * https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem, docs/security.md, Application access):
 * this program runs offline and cannot fetch it, and a CA that changes is an image rebuild.
 */
export const RDS_CA_BUNDLE_PATH = "/etc/ssl/certs/rds-global-bundle.pem";

/**
 * A service's own PostgreSQL role for IAM database authentication: the service name with "-"
 * replaced by "_" (a plain identifier, no quoting in GRANTs). Created once by the migration
 * step in docs/security.md (Application access): CREATE USER <user>; GRANT rds_iam TO <user>.
 */
export function serviceDatabaseUser(service: string): string {
  return service.replace(/-/g, "_");
}

/**
 * The rds-db:connect resource for one database user (RDS user guide, "Creating and using an IAM
 * policy for IAM database access", read 2026-12-02):
 * arn:<partition>:rds-db:<region>:<account>:dbuser:<cluster-resource-id>/<user>. Partition,
 * region and account come from the cluster's own ARN.
 */
export function dbUserArn(clusterArn: string, clusterResourceId: string, user: string): string {
  const [, partition, , region, account] = clusterArn.split(":");
  return `arn:${partition}:rds-db:${region}:${account}:dbuser:${clusterResourceId}/${user}`;
}

/**
 * What a region's services need to reach the data tier, as plain strings: which host takes
 * writes and which takes reads, for the database and the cache. Credentials are referenced by
 * Secrets Manager ARN (this region's replica), never inlined.
 */
export interface ConnectionInfo {
  /** Where this region writes: the global writer endpoint in every region (it follows a switchover or failover). */
  readonly writerEndpoint: string;
  /** True where this region's reader endpoint also accepts forwarded writes (Aurora global write forwarding). */
  readonly writeForwarding: boolean;
  /** The global writer endpoint, reachable from every region over the peering (DDL, sequences, after a promotion). */
  readonly globalWriterEndpoint: string;
  /** This region's cluster reader endpoint: reads stay local. */
  readonly readerEndpoint: string;
  readonly databasePort: number;
  readonly databaseName: string;
  /**
   * The cache writer: `cache-writer.<stack>.internal` with a Global Datastore (a name that follows the
   * promotion, components/failover/writer-dns.ts), else the replication group's primary endpoint.
   */
  readonly redisWriterEndpoint: string;
  /** This region's replication group reader endpoint. */
  readonly redisReaderEndpoint: string;
  readonly redisPort: number;
}

/**
 * The environment services load from the data-endpoints ConfigMap (workloads builds that
 * ConfigMap, once): endpoints and secret references only, no secret values, so a ConfigMap is
 * the right object. Keys are environment-variable names; *_WRITER_HOST takes writes,
 * *_READER_HOST takes reads (docs/failover.md).
 */
export function connectionEnv(info: ConnectionInfo): Record<string, string> {
  return {
    DATABASE_WRITER_HOST: info.writerEndpoint,
    DATABASE_WRITE_FORWARDING: String(info.writeForwarding),
    DATABASE_GLOBAL_WRITER_HOST: info.globalWriterEndpoint,
    DATABASE_READER_HOST: info.readerEndpoint,
    DATABASE_PORT: String(info.databasePort),
    DATABASE_NAME: info.databaseName,
    // Each service authenticates as its own user (DATABASE_USER, per Deployment) with an IAM
    // token; verify-full checks the server certificate and host name against the RDS CA.
    DATABASE_AUTH: "iam",
    DATABASE_SSLMODE: "verify-full",
    DATABASE_SSLROOTCERT: RDS_CA_BUNDLE_PATH,
    REDIS_WRITER_HOST: info.redisWriterEndpoint,
    REDIS_READER_HOST: info.redisReaderEndpoint,
    REDIS_PORT: String(info.redisPort),
    REDIS_TLS: "true",
    // Each service authenticates as its own cache user (REDIS_USER, per Deployment) with an IAM token.
    REDIS_AUTH: "iam",
  };
}
