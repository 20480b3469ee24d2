import type * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config";

/**
 * Whether the data tier's stateful resources carry Pulumi `protect` (`database.protect` /
 * `cache.protect`, resolved by config: default on in prod). Protected resources make
 * `pulumi destroy` and any update that would delete or replace them fail before touching AWS
 * (docs/operations.md, destroy order). Protected: the GlobalCluster, the Aurora clusters, the ElastiCache
 * replication groups and Global Datastore, and the data tier's KMS keys (losing a key loses its
 * data and snapshots). Not protected: Aurora instances (the data lives in the cluster volume;
 * readers come and go), subnet and parameter groups, security groups and rules, secrets (their
 * values are generated and kept in state; deletion has a 30-day recovery window in prod).
 */
export function dataProtection(config: Pick<PlatformConfig, "database" | "cache">): {
  database: boolean;
  cache: boolean;
} {
  return { database: config.database.protect, cache: config.cache.protect };
}

/** `opts` plus `protect` when on; leaves opts untouched (no `protect: false` noise) when off. */
export function withProtect<T extends pulumi.CustomResourceOptions>(opts: T, protect: boolean): T {
  return protect ? { ...opts, protect: true } : opts;
}
