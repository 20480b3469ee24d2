/**
 * A need (who must, or must not, do what on which resource, and why) decided against the plan's
 * policies, as one entry of plan.json `access`.
 */
import type { RequestContext } from "./conditions";
import { evaluate, type Decision } from "./evaluate";
import type { RequestPrincipal } from "./match";
import type { Statement } from "./policy-doc";
import type { World } from "./world";

export type AccessKind = "required" | "forbidden";

/** Who asks: a role of the plan, an AWS service, an identity outside the plan with its policies. */
export type Asker =
  | { role: string }
  | { service: string }
  | { external: string; account: string }
  | { outside: string; account: string; identity: Statement[]; boundary?: Statement[] };

export interface Need {
  requirement: string;
  kind: AccessKind;
  asker: Asker;
  action: string;
  resource: string;
  context?: RequestContext;
  /** The plan resource the need comes from (violations point at it). */
  urn?: string;
  /** Decided outside IAM (an ACL, an EKS access policy): the verdict and its evidence. */
  decided?: Decision;
}

export interface AccessEntry {
  requirement: string;
  kind: AccessKind;
  principal: string;
  action: string;
  resource: string;
  allowed: boolean;
  ok: boolean;
  /** The statements that decide, when the entry holds. */
  via?: string[];
  /** What decides against it, when it does not hold. */
  reason?: string;
  urn?: string;
}

const principalOf = (a: Asker, world: World): RequestPrincipal => {
  if ("role" in a) return { id: a.role, kind: "role", account: a.role.split(":")[4] || world.account };
  if ("service" in a) return { id: a.service, kind: "service" };
  if ("external" in a) return { id: a.external, kind: "account", account: a.account };
  return { id: a.outside, kind: "role", account: a.account };
};

const resourceAccount = (arn: string, world: World) => arn.split(":")[4] || world.account;

const bucketRegions = new WeakMap<World, Map<string, string>>();

/**
 * The region a request for `arn` goes to (aws:RequestedRegion): the ARN's region, or for an S3
 * bucket or object (whose ARNs carry none) the planned bucket's region; undefined for global
 * resources such as IAM roles.
 */
function requestedRegion(arn: string, world: World): string | undefined {
  const region = arn.split(":")[3];
  if (region) return region;
  if (!arn.startsWith("arn:aws:s3:::")) return undefined;
  let buckets = bucketRegions.get(world);
  if (!buckets) {
    buckets = new Map();
    for (const b of world.ofType("aws:s3/bucket:Bucket")) if (b.region) buckets.set(String(world.out(b).arn), b.region);
    bucketRegions.set(world, buckets);
  }
  return buckets.get(`arn:aws:s3:::${arn.slice("arn:aws:s3:::".length).split("/")[0]}`);
}

export function decide(world: World, need: Need): Decision {
  if (need.decided) return need.decided;
  const a = need.asker;
  const principal = principalOf(a, world);
  const role = "role" in a ? world.roles.get(a.role) : undefined;
  if ("role" in a && !role) return { allowed: false, decidedBy: [], reason: `role ${a.role} is not in the plan` };
  const rp = world.resourcePolicy(need.resource, need.action);
  const region = requestedRegion(need.resource, world);
  const identity = role?.identity ?? ("identity" in a ? a.identity : []);
  const d = evaluate({
    principal,
    action: need.action,
    resource: need.resource,
    resourceAccount: resourceAccount(need.resource, world),
    context: {
      "aws:PrincipalAccount": principal.account ?? "",
      "aws:ResourceAccount": resourceAccount(need.resource, world),
      "aws:SecureTransport": true,
      ...(region !== undefined ? { "aws:RequestedRegion": region } : {}),
      ...need.context,
    },
    identity,
    boundary: role?.boundary ?? ("boundary" in a ? a.boundary : undefined),
    resourcePolicy: rp?.statements,
    kmsKey: rp?.kms,
    externalIdentity: "external" in a,
  });
  if (!d.allowed && role && role.unknownManaged.length > 0)
    return { ...d, reason: `${d.reason} (not pinned, so unknown: ${role.unknownManaged.join(", ")})` };
  return d;
}

export function toEntry(world: World, need: Need): AccessEntry {
  const d = decide(world, need);
  const a = need.asker;
  const principal = "role" in a ? a.role : "service" in a ? a.service : "external" in a ? a.external : a.outside;
  const ok = need.kind === "required" ? d.allowed : !d.allowed;
  const base = {
    requirement: need.requirement,
    kind: need.kind,
    principal,
    action: need.action,
    resource: need.resource,
    allowed: d.allowed,
    ok,
    ...(need.urn ? { urn: need.urn } : {}),
  };
  if (ok) return { ...base, via: d.decidedBy.length > 0 ? d.decidedBy : [`implicit deny: ${d.reason}`] };
  const reason = d.allowed
    ? `allowed by ${d.decidedBy.join(", ")}`
    : `${d.reason}${d.decidedBy.some((r) => !d.reason.includes(r)) ? ` (${d.decidedBy.join(", ")})` : ""}`;
  return { ...base, reason };
}
