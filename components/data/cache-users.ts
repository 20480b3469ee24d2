import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config";
import { physicalName } from "../naming";

/**
 * Per-service cache users (ElastiCache role-based access control) instead of one AUTH token that
 * lets every pod read and write every service's keys. Each service that declares `uses.cache` gets
 * an IAM-authenticated user (Valkey 7.2+ / Redis OSS 7.0+ with in-transit encryption; its pod role
 * signs a 15-minute token with elasticache:Connect, so no password exists to leak) whose access
 * string admits only its own keys and channels, `<service>:*`. Every user group must hold a user
 * named "default"; ours is switched off (`off`), its password the former AUTH token, so a client
 * that authenticates without a user name gets nothing.
 * Sources (read 2026-12-07): https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html,
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html (user id and user name
 * must be equal for IAM users; the policy names the replication group and the user).
 */

/** The key (and pub/sub channel) prefix a service's cache user may touch. */
export const cacheKeyPattern = (service: string): string => `${service}:*`;

/**
 * A service's access string: on, its own keys and channels, every command but the @dangerous
 * category (FLUSHALL, KEYS, CONFIG, DEBUG, ... which reach beyond a key prefix or the server).
 */
export function cacheAccessString(service: string): string {
  const p = cacheKeyPattern(service);
  return `on ~${p} &${p} +@all -@dangerous`;
}

/** The disabled "default" user every user group must contain. */
export const DEFAULT_USER_ACCESS = "off -@all";

/** A service's cache user id and name (equal: IAM authentication requires it); unique per stack in an account. */
export function cacheUserId(config: Pick<PlatformConfig, "name" | "stack">, service: string): string {
  return physicalName([config.name, config.stack, service], 40);
}

/**
 * The elasticache:Connect resource of a user, in the replication group's partition, region and
 * account (arn:aws:elasticache:<region>:<account>:user:<user-id>).
 */
export function cacheUserArn(replicationGroupArn: string, userId: string): string {
  const [, partition, , region, account] = replicationGroupArn.split(":");
  return `arn:${partition}:elasticache:${region}:${account}:user:${userId}`;
}

/** The services whose pods use the cache, by name. */
export const cacheServices = (config: Pick<PlatformConfig, "services">): string[] =>
  config.services.filter((s) => s.uses.cache).map((s) => s.name);

/**
 * One region's users and user group. Users and user groups are regional: each region whose
 * replication group the services reach holds its own copy with the same ids.
 */
export function regionCacheUsers(
  name: string,
  config: Pick<PlatformConfig, "name" | "stack" | "services" | "cache">,
  defaultPassword: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): aws.elasticache.UserGroup {
  const engine = config.cache.engine;
  const off = new aws.elasticache.User(
    `${name}-user-default`,
    {
      userId: physicalName([config.name, config.stack, "cache-default"], 40),
      userName: "default",
      engine,
      accessString: DEFAULT_USER_ACCESS,
      authenticationMode: { type: "password", passwords: [pulumi.secret(defaultPassword)] },
    },
    opts,
  );
  const users = cacheServices(config).map(
    (service) =>
      new aws.elasticache.User(
        `${name}-user-${service}`,
        {
          userId: cacheUserId(config, service),
          userName: cacheUserId(config, service),
          engine,
          accessString: cacheAccessString(service),
          authenticationMode: { type: "iam" },
        },
        opts,
      ),
  );
  return new aws.elasticache.UserGroup(
    `${name}-users`,
    {
      userGroupId: physicalName([config.name, config.stack, "cache-users"], 40),
      engine,
      userIds: [off.userId, ...users.map((u) => u.userId)],
    },
    opts,
  );
}
