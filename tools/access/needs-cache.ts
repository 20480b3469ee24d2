/**
 * The cache from the pods (ElastiCache role-based access control): a service that names its own
 * cache user (REDIS_USER) connects with IAM authentication as that user to every replication group
 * its endpoints reach (elasticache:Connect on the group and on the user), and that user is an
 * IAM-authenticated member of the group's user group whose access string admits only the
 * service's own keys. No service may connect as another's user, and a service without a cache
 * user may not connect at all. (ElastiCache user guide, "Authenticating with IAM" and
 * "Role-Based Access Control", read 2026-12-07.)
 */
import type { PlanResource } from "../../policies/lib/offline";
import type { Decision } from "./evaluate";
import type { Need } from "./model";
import type { World } from "./world";

/** What a Deployment's pods declare and load (built in needs-pods.ts). */
interface PodUse {
  name: string;
  region: string;
  roleArn: string;
  cacheUser?: string;
  shared: Record<string, string>;
  urn: string;
}

interface Group {
  arn: string;
  region: string;
  urn: string;
  endpoints: string[];
  userGroupIds: string[];
}

/** The user's ARN in the group's partition, region and account. */
const userArn = (groupArn: string, user: string) => {
  const [, partition, , region, account] = groupArn.split(":");
  return `arn:${partition}:elasticache:${region}:${account}:user:${user}`;
};

/** Key patterns of an ACL access string (`~pattern`, `%RW~pattern`, `allkeys`). */
function keyPatterns(access: string): string[] {
  return access
    .split(/\s+/)
    .filter((t) => /^(%R?W?)?~/i.test(t) || /^allkeys$/i.test(t))
    .map((t) => (/^allkeys$/i.test(t) ? "*" : t.replace(/^%R?W?~|^~/i, "")));
}

/**
 * Whether the group admits the user as the service, decided from the plan: the user is in the
 * group's user group, authenticates with IAM, is on, and touches only `<service>:*` keys.
 */
function membership(world: World, g: Group, user: string, service: string): Decision {
  const groups = world
    .ofType("aws:elasticache/userGroup:UserGroup")
    .filter((u) => u.region === g.region && g.userGroupIds.includes(String(u.inputs.userGroupId)));
  const member = groups.find((u) => ((u.inputs.userIds as string[] | undefined) ?? []).includes(user));
  const deny = (reason: string, by: string[] = []): Decision => ({ allowed: false, decidedBy: by, reason });
  if (!member) return deny(`user ${user} is in no user group of ${g.arn} (${g.userGroupIds.join(", ") || "none"})`);
  const u = world
    .ofType("aws:elasticache/user:User")
    .find((x) => x.region === g.region && String(x.inputs.userId) === user);
  if (!u) return deny(`user ${user} is not planned in ${g.region}`, [member.urn]);
  const access = String(u.inputs.accessString ?? "");
  const mode = (u.inputs.authenticationMode as { type?: string } | undefined)?.type;
  if (mode !== "iam") return deny(`user ${user} authenticates with ${mode ?? "no mode"}, not IAM`, [u.urn]);
  if (!/(^|\s)on(\s|$)/.test(access)) return deny(`user ${user} is off ("${access}")`, [u.urn]);
  const wide = keyPatterns(access).filter((p) => p !== `${service}:*`);
  if (wide.length > 0)
    return deny(`user ${user} reaches keys beyond ${service}:* ("${access}": ${wide.join(", ")})`, [u.urn]);
  return { allowed: true, decidedBy: [member.urn, u.urn], reason: "" };
}

function groupsOf(world: World): Group[] {
  return world.ofType("aws:elasticache/replicationGroup:ReplicationGroup").map((r: PlanResource) => {
    const o = world.out(r);
    return {
      arn: String(o.arn),
      region: r.region ?? "",
      urn: r.urn,
      endpoints: [String(o.primaryEndpointAddress), String(o.readerEndpointAddress)],
      userGroupIds: ((r.inputs.userGroupIds as string[] | undefined) ?? []).map(String),
    };
  });
}

/** A host name as clients resolve it: through the plan's CNAME records (a writer name that follows promotion) to the endpoint. */
function resolver(world: World): (host: string) => string[] {
  const cnames = new Map<string, string[]>();
  for (const r of world.ofType("aws:route53/record:Record"))
    if (r.inputs.type === "CNAME" && typeof r.inputs.name === "string") {
      // Failover records share a name: the host resolves to any of them.
      const name = r.inputs.name.replace(/\.$/, "");
      cnames.set(name, [
        ...(cnames.get(name) ?? []),
        ...((r.inputs.records as string[] | undefined) ?? []).map(String),
      ]);
    }
  const resolve = (host: string, depth = 0): string[] =>
    cnames.has(host) && depth < 8 ? [host, ...cnames.get(host)!.flatMap((h) => resolve(h, depth + 1))] : [host];
  return (host) => resolve(host);
}

export function cacheNeeds(world: World, loads: readonly PodUse[]): Need[] {
  const groups = groupsOf(world);
  const resolve = resolver(world);
  const out: Need[] = [];
  for (const w of loads) {
    const hosts = [w.shared.REDIS_WRITER_HOST, w.shared.REDIS_READER_HOST].filter((h) => h).flatMap(resolve);
    const reached = groups.filter((g) => g.endpoints.some((e) => hosts.includes(e)));
    const need = (requirement: string, kind: Need["kind"], resource: string, decided?: Decision): Need => ({
      requirement,
      kind,
      asker: { role: w.roleArn },
      action: "elasticache:Connect",
      resource,
      context: {},
      urn: w.urn,
      ...(decided ? { decided } : {}),
    });
    for (const g of reached) {
      if (!w.cacheUser) {
        out.push(need("service-no-cache", "forbidden", g.arn));
        continue;
      }
      out.push(need("service-own-cache-user", "required", g.arn));
      out.push(need("service-own-cache-user", "required", userArn(g.arn, w.cacheUser)));
      out.push(
        need("cache-user-scoped", "required", `${g.arn}/${w.cacheUser}`, membership(world, g, w.cacheUser, w.name)),
      );
      for (const o of loads)
        if (o !== w && o.region === w.region && o.cacheUser)
          out.push(need("service-other-cache-user", "forbidden", userArn(g.arn, o.cacheUser)));
    }
  }
  return out;
}
