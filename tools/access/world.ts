/**
 * What the access model knows about a plan: the account, each role with its identity policies
 * (inline, attached customer and AWS managed) and permissions boundary, and each resource policy
 * (bucket, queue, topic, KMS key, role trust), keyed by the ARNs the mock engine gives resources.
 * Defaults AWS applies when a resource has no policy are data with their source (defaults.ts).
 */
import { readFileSync } from "fs";
import { join } from "path";
import type { PlanResource } from "../../policies/lib/offline";
import { mockState } from "../engine/mock-state";
import { defaultKeyPolicy, defaultTopicPolicy } from "./defaults";
import { statementsOf, type RawPolicy, type Statement } from "./policy-doc";

export interface Role {
  arn: string;
  urn: string;
  name: string;
  identity: Statement[];
  boundary?: Statement[];
  /** The permissions boundary ARN the role is created with. */
  boundaryArn?: string;
  /** Managed policies attached but not pinned: their grants are unknown to the model. */
  unknownManaged: string[];
}

export interface World {
  account: string;
  resources: readonly PlanResource[];
  roles: Map<string, Role>;
  /** Role by any reference a resource may hold: ARN, name, or engine id. */
  roleRef(ref: unknown): Role | undefined;
  /** The policy deciding a resource (bucket, queue, topic, key, role trust), with its kind. */
  resourcePolicy(arn: string, action: string): { statements: Statement[]; kms: boolean } | undefined;
  /** Outputs as the engine answers them (arn, url, clusterResourceId, ...). */
  out(r: PlanResource): Record<string, unknown>;
  ofType(type: string): PlanResource[];
}

// Read as data (not imported) so the policy pack's own compiler settings need no JSON modules.
const MANAGED_POLICIES = JSON.parse(readFileSync(join(__dirname, "managed-policies.json"), "utf8")) as Record<
  string,
  { document: RawPolicy; versionId: string }
>;

/** A pinned AWS managed policy's statements, tagged `<arn>@<version>`. */
export function managedStatements(arn: string): Statement[] | undefined {
  const m = MANAGED_POLICIES[arn];
  return m ? statementsOf(m.document, `${arn}@${m.versionId}`) : undefined;
}

const ACCOUNT_IN_ARN = /arn:aws:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/g;

/** The plan's own account: the one its resources' ARNs name most often. */
function accountOf(resources: readonly PlanResource[]): string {
  const counts = new Map<string, number>();
  for (const r of resources)
    for (const m of JSON.stringify(r.inputs).matchAll(ACCOUNT_IN_ARN)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "000000000000";
}

const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

export function buildWorld(resources: readonly PlanResource[]): World {
  const account = accountOf(resources);
  const outCache = new Map<string, Record<string, unknown>>();
  const out = (r: PlanResource) => {
    let o = outCache.get(r.urn);
    if (!o) {
      const args = { type: r.type, name: r.name, inputs: r.inputs, provider: r.provider ?? "", id: undefined };
      o = { id: `${r.name}-id`, ...mockState(args as never, r.region).state };
      outCache.set(r.urn, o);
    }
    return o;
  };
  const ofType = (type: string) => resources.filter((r) => r.type === type);
  const customPolicies = new Map<string, PlanResource>();
  for (const p of ofType("aws:iam/policy:Policy")) customPolicies.set(String(out(p).arn), p);
  const policyStatements = (arn: string): Statement[] | undefined => {
    const custom = customPolicies.get(arn);
    if (custom && typeof custom.inputs.policy === "string") return statementsOf(custom.inputs.policy, custom.urn);
    return managedStatements(arn);
  };

  const roles = new Map<string, Role>();
  const refs = new Map<string, Role>();
  for (const r of ofType("aws:iam/role:Role")) {
    const o = out(r);
    const role: Role = { arn: String(o.arn), urn: r.urn, name: String(o.name), identity: [], unknownManaged: [] };
    for (const p of (r.inputs.inlinePolicies as { policy?: string }[] | undefined) ?? [])
      if (p.policy) role.identity.push(...statementsOf(p.policy, r.urn));
    for (const arn of (r.inputs.managedPolicyArns as string[] | undefined) ?? []) attach(role, arn);
    const boundary = text(r.inputs.permissionsBoundary);
    if (boundary) [role.boundary, role.boundaryArn] = [policyStatements(boundary) ?? [], boundary];
    roles.set(role.arn, role);
    for (const k of [role.arn, role.name, String(o.id)]) refs.set(k, role);
  }
  function attach(role: Role, arn: string) {
    const s = policyStatements(arn);
    if (s) role.identity.push(...s);
    else role.unknownManaged.push(arn);
  }
  const roleRef = (ref: unknown) => (typeof ref === "string" ? refs.get(ref) : undefined);
  for (const p of ofType("aws:iam/rolePolicy:RolePolicy")) {
    const role = roleRef(p.inputs.role);
    if (role && typeof p.inputs.policy === "string") role.identity.push(...statementsOf(p.inputs.policy, p.urn));
  }
  for (const a of ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")) {
    const role = roleRef(a.inputs.role);
    if (role && typeof a.inputs.policyArn === "string") attach(role, a.inputs.policyArn);
  }

  // Resource policies by the ARN of what they protect.
  const policies = new Map<string, Statement[]>();
  const add = (arn: unknown, policy: unknown, source: string) => {
    if (typeof arn === "string" && typeof policy === "string")
      policies.set(arn, [...(policies.get(arn) ?? []), ...statementsOf(policy, source)]);
  };
  const bucketArn = new Map<string, string>();
  for (const b of ofType("aws:s3/bucket:Bucket")) {
    const o = out(b);
    for (const k of [String(o.id), String(o.bucket)]) bucketArn.set(k, String(o.arn));
    add(o.arn, b.inputs.policy, b.urn);
  }
  for (const p of ofType("aws:s3/bucketPolicy:BucketPolicy"))
    add(bucketArn.get(String(p.inputs.bucket)), p.inputs.policy, p.urn);
  const queueByUrl = new Map<string, string>();
  for (const q of ofType("aws:sqs/queue:Queue")) {
    const o = out(q);
    queueByUrl.set(String(o.url), String(o.arn));
    add(o.arn, q.inputs.policy, q.urn);
  }
  for (const p of ofType("aws:sqs/queuePolicy:QueuePolicy"))
    add(queueByUrl.get(String(p.inputs.queueUrl)), p.inputs.policy, p.urn);
  const topics = new Set<string>();
  for (const t of ofType("aws:sns/topic:Topic")) {
    topics.add(String(out(t).arn));
    add(out(t).arn, t.inputs.policy, t.urn);
  }
  for (const p of ofType("aws:sns/topicPolicy:TopicPolicy")) add(p.inputs.arn, p.inputs.policy, p.urn);
  const keys = new Set<string>();
  for (const k of ofType("aws:kms/key:Key")) {
    keys.add(String(out(k).arn));
    add(out(k).arn, k.inputs.policy, k.urn);
  }
  const trust = new Map<string, Statement[]>();
  for (const r of ofType("aws:iam/role:Role"))
    if (typeof r.inputs.assumeRolePolicy === "string")
      trust.set(String(out(r).arn), statementsOf(r.inputs.assumeRolePolicy, r.urn));

  const resourcePolicy = (arn: string, action: string) => {
    if (arn.startsWith("arn:aws:s3:::")) {
      const bucket = arn.slice("arn:aws:s3:::".length).split("/")[0];
      const s = policies.get(`arn:aws:s3:::${bucket}`);
      return s ? { statements: s, kms: false } : undefined;
    }
    if (keys.has(arn)) return { statements: policies.get(arn) ?? defaultKeyPolicy(account), kms: true };
    if (topics.has(arn)) return { statements: policies.get(arn) ?? defaultTopicPolicy(arn, account), kms: false };
    if (/^sts:AssumeRole/i.test(action) || /^sts:TagSession$/i.test(action)) {
      const t = trust.get(arn);
      return t ? { statements: t, kms: false } : undefined;
    }
    const s = policies.get(arn);
    return s ? { statements: s, kms: false } : undefined;
  };
  return { account, resources, roles, roleRef, resourcePolicy, out, ofType };
}
