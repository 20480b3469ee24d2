import type { ResourceValidationPolicy } from "@pulumi/policy";
import { known } from "../../lib/policy";

const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const USER = "aws:elasticache/user:User";

/**
 * Mandatory: a replication group with in-transit encryption (or a Global Datastore secondary, which
 * inherits it) authenticates clients through role-based access control (a user group), not one AUTH
 * token that every client shares: with a token, any pod that has it reads and writes every
 * service's keys. RBAC needs Valkey 7.2+ or Redis OSS 6.0+; IAM users need TLS
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html, read 2026-12-07).
 */
export function elasticacheRbac(): ResourceValidationPolicy {
  return {
    name: "aws-elasticache-rbac",
    description:
      "ElastiCache replication groups with in-transit encryption use RBAC user groups, not a shared AUTH token.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== REPLICATION_GROUP) return;
      const p = args.props;
      const secondary = known(() => p.globalReplicationGroupId) !== undefined;
      if (!secondary && known(() => p.transitEncryptionEnabled) !== true) return;
      const groups = known(() => p.userGroupIds) as unknown[] | undefined;
      const token = known(() => p.authToken ?? p.authTokenWo);
      if (token !== undefined && token !== "")
        reportViolation(
          `replication group "${args.name}" sets authToken: one token shared by every client; use userGroupIds`,
        );
      if (!Array.isArray(groups) || groups.length === 0)
        reportViolation(`replication group "${args.name}" must set userGroupIds (per-service users, RBAC)`);
    },
  };
}

/** Key (`~p`, `%R~p`, `allkeys`) and channel (`&p`, `allchannels`) patterns of an ACL access string. */
export function aclPatterns(access: string): { keys: string[]; channels: string[] } {
  const tokens = access.split(/\s+/).filter((t) => t);
  return {
    keys: tokens.flatMap((t) =>
      /^allkeys$/i.test(t) ? ["*"] : /^(%[RW]{1,2})?~/i.test(t) ? [t.replace(/^(%[RW]{1,2})?~/i, "")] : [],
    ),
    channels: tokens.flatMap((t) => (/^allchannels$/i.test(t) ? ["*"] : t.startsWith("&") ? [t.slice(1)] : [])),
  };
}

/** A pattern confined to one prefix: `<prefix>:*` with no wildcard in the prefix. */
const prefixOnly = (p: string) => /^[^*?[\]\\]+:\*$/.test(p);

/**
 * Mandatory: an enabled cache user reaches one key prefix only (`~<prefix>:*`, likewise its
 * channels), and `+@all` comes with `-@dangerous` (FLUSHALL, KEYS, CONFIG, DEBUG reach beyond any
 * prefix). A user named "default" is the one a client gets without naming a user: it is off.
 * Redis ACL rules: https://valkey.io/topics/acl/ (read 2026-12-07).
 */
export function elasticacheUserScope(): ResourceValidationPolicy {
  return {
    name: "aws-elasticache-user-scope",
    description: "ElastiCache users reach one key prefix, never @dangerous commands; the default user is off.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== USER) return;
      const access = known(() => args.props.accessString);
      const name = known(() => args.props.userName);
      if (typeof access !== "string") return;
      const tokens = access.split(/\s+/);
      const on = tokens.includes("on");
      if (name === "default" && on)
        reportViolation(`cache user "${args.name}" is the default user and is on ("${access}")`);
      if (!on) return;
      const { keys, channels } = aclPatterns(access);
      const wide = [
        ...keys.filter((k) => !prefixOnly(k)),
        ...channels.filter((c) => !prefixOnly(c)).map((c) => `&${c}`),
      ];
      if (wide.length > 0 || keys.length === 0)
        reportViolation(
          `cache user "${args.name}" must reach one key prefix (~<prefix>:*), not ${wide.join(", ") || "no key"} ("${access}")`,
        );
      else if (new Set(keys).size > 1)
        reportViolation(`cache user "${args.name}" reaches ${keys.join(", ")}: one prefix per user ("${access}")`);
      const all = tokens.some((t) => /^\+@all$/i.test(t) || /^allcommands$/i.test(t));
      if ((all && !tokens.some((t) => /^-@dangerous$/i.test(t))) || tokens.some((t) => /^\+@dangerous$/i.test(t)))
        reportViolation(`cache user "${args.name}" may run @dangerous commands ("${access}"): add -@dangerous`);
    },
  };
}
