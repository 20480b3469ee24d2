import { DATA_ENDPOINTS_CONFIGMAP } from "../workloads/manifests/common";

export const POSTGRES_PORT = 5432;
export const REDIS_PORT = 6379;

/**
 * What a region's services need to reach the data tier, as plain strings. Credentials are
 * referenced by Secrets Manager ARN (region-local replica), never inlined.
 */
export interface ConnectionInfo {
  /** Global writer endpoint (follows the primary through switchover/failover); the primary cluster endpoint without a global database. */
  readonly writerEndpoint: string;
  /** This region's cluster reader endpoint: reads stay local. */
  readonly readerEndpoint: string;
  readonly databasePort: number;
  readonly databaseName: string;
  /** Master credentials secret, this region's replica. */
  readonly secretArn: string;
  /** Primary endpoint of this region's replication group; on a Global Datastore secondary (read-only) its reader endpoint. */
  readonly redisEndpoint: string;
  /** This region's replication group reader endpoint. */
  readonly redisReaderEndpoint: string;
  readonly redisPort: number;
  /** Redis/Valkey AUTH token secret, this region's replica. */
  readonly cacheAuthSecretArn: string;
  /** True where writes must go elsewhere (a Global Datastore secondary). */
  readonly redisReadOnly: boolean;
}

export interface Manifest {
  [key: string]: unknown;
}

/**
 * The ConfigMap services load with envFrom: endpoints and secret references only (no secret
 * values, so a ConfigMap is the right object). Keys are environment-variable names.
 */
export function connectionManifests(
  info: ConnectionInfo,
  namespace: string,
  name: string = DATA_ENDPOINTS_CONFIGMAP,
): Manifest[] {
  return [
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name,
        namespace,
        labels: { "app.kubernetes.io/part-of": "platform", "app.kubernetes.io/component": "data-endpoints" },
      },
      data: {
        DATABASE_WRITER_HOST: info.writerEndpoint,
        DATABASE_READER_HOST: info.readerEndpoint,
        DATABASE_PORT: String(info.databasePort),
        DATABASE_NAME: info.databaseName,
        DATABASE_SSLMODE: "require",
        DATABASE_SECRET_ARN: info.secretArn,
        REDIS_HOST: info.redisEndpoint,
        REDIS_READER_HOST: info.redisReaderEndpoint,
        REDIS_PORT: String(info.redisPort),
        REDIS_TLS: "true",
        REDIS_READ_ONLY: String(info.redisReadOnly),
        REDIS_AUTH_SECRET_ARN: info.cacheAuthSecretArn,
      },
    },
  ];
}
