/**
 * One request, decided as AWS documents its policy evaluation logic for a single account and across
 * accounts (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html,
 * ..._evaluation-logic_policy-eval-denyallow.html, ..._evaluation-logic-cross-account.html and
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html; read 2026-12-07):
 * 1. an explicit Deny in any applicable policy (identity, permissions boundary, resource) decides;
 * 2. a KMS key is reachable only if its key policy allows: naming the principal, or naming the
 *    account, which delegates the decision to the principal's IAM policies;
 * 3. in the resource's own account, an Allow in the resource policy naming the role, or in the
 *    role's identity policies, grants; a permissions boundary must allow as well (a boundary also
 *    limits resource-policy grants to a role ARN);
 * 4. across accounts both sides must allow: the resource policy (naming the principal or its
 *    account) and the principal's identity policies;
 * 5. an AWS service principal has no identity policies: only a resource policy can grant it.
 * Not modelled: SCPs/RCPs, session policies, role-session principals, ACLs (see docs/access.md).
 */
import { conditionHolds, type RequestContext } from "./conditions";
import { coversRequest, statementPrincipal, type RequestPrincipal } from "./match";
import type { Statement } from "./policy-doc";

export interface AccessRequest {
  principal: RequestPrincipal;
  action: string;
  resource: string;
  /** Account that owns the resource. */
  resourceAccount: string;
  context: RequestContext;
  /** The principal's identity policies (inline and managed); none for services. */
  identity: readonly Statement[];
  /** The principal's permissions boundary, if it has one. */
  boundary?: readonly Statement[];
  /** The resource's policy (bucket, topic, queue, key, trust policy), if any. */
  resourcePolicy?: readonly Statement[];
  /** The resource is a KMS key: its policy (resourcePolicy) must allow. */
  kmsKey?: boolean;
  /**
   * The principal's identity side is outside this model (another account's service, e.g. ELB log
   * delivery): only the resource policy is decided here.
   */
  externalIdentity?: boolean;
}

export interface Decision {
  allowed: boolean;
  /** The statements that decide: the deny, or the allows that together grant. */
  decidedBy: string[];
  /** Why, in one sentence (always set for a denial). */
  reason: string;
}

const applies = (s: Statement, r: AccessRequest) =>
  coversRequest(s, r.action, r.resource) && conditionHolds(s.condition, r.context);

/** Resource-policy statements of an effect that apply to the requester, by how they name it. */
function resourceStatements(r: AccessRequest, effect: "Allow" | "Deny") {
  const direct: Statement[] = [];
  const account: Statement[] = [];
  for (const s of r.resourcePolicy ?? []) {
    if (s.effect !== effect) continue;
    const m = statementPrincipal(s, r.principal);
    if (m && applies(s, r)) (m === "direct" ? direct : account).push(s);
  }
  return { direct, account };
}

export function evaluate(r: AccessRequest): Decision {
  const denies = [
    ...r.identity.filter((s) => s.effect === "Deny" && applies(s, r)),
    ...(r.boundary ?? []).filter((s) => s.effect === "Deny" && applies(s, r)),
    ...(() => {
      const d = resourceStatements(r, "Deny");
      return [...d.direct, ...d.account];
    })(),
  ];
  if (denies.length > 0)
    return { allowed: false, decidedBy: denies.map((s) => s.ref), reason: `explicit deny in ${denies[0].ref}` };

  const res = resourceStatements(r, "Allow");
  const identityAllows = r.identity.filter((s) => s.effect === "Allow" && applies(s, r));
  const boundaryAllows = r.boundary ? r.boundary.filter((s) => s.effect === "Allow" && applies(s, r)) : [];
  const boundaryOk = !r.boundary || boundaryAllows.length > 0;
  const identityOk = r.externalIdentity || (identityAllows.length > 0 && boundaryOk);
  const refs = (xs: Statement[]) => xs.map((s) => s.ref);
  const noBoundary = `the permissions boundary does not allow ${r.action} (${r.boundary?.[0]?.ref.split("#")[0]})`;
  const noIdentity =
    r.principal.kind === "service"
      ? `${r.principal.id} is an AWS service: only a resource policy can grant it, and none does`
      : identityAllows.length === 0
        ? `no identity policy of ${r.principal.id} allows it`
        : noBoundary;

  if (r.kmsKey) {
    if (res.direct.length > 0) {
      if (r.principal.kind === "role" && !boundaryOk) return { allowed: false, decidedBy: [], reason: noBoundary };
      return { allowed: true, decidedBy: [...refs(res.direct), ...refs(boundaryAllows)], reason: "key policy allows" };
    }
    if (res.account.length === 0)
      return {
        allowed: false,
        decidedBy: [],
        reason:
          r.principal.kind === "service"
            ? `no statement of the key policy allows ${r.principal.id} ${r.action}`
            : `the key policy allows ${r.action} to neither ${r.principal.id} nor its account ${r.principal.account}`,
      };
    return identityOk
      ? {
          allowed: true,
          decidedBy: [...refs(res.account), ...refs(identityAllows), ...refs(boundaryAllows)],
          reason: "key policy delegates to IAM, whose policies allow",
        }
      : { allowed: false, decidedBy: refs(res.account), reason: `the key policy delegates to IAM, but ${noIdentity}` };
  }

  const sameAccount = r.principal.account !== undefined && r.principal.account === r.resourceAccount;
  const serviceGrant = r.principal.kind === "service" && res.direct.length > 0;
  if (serviceGrant) return { allowed: true, decidedBy: refs(res.direct), reason: "resource policy allows the service" };
  if (sameAccount) {
    if (res.direct.length > 0 && boundaryOk)
      return { allowed: true, decidedBy: [...refs(res.direct), ...refs(boundaryAllows)], reason: "resource policy" };
    if (identityOk)
      return { allowed: true, decidedBy: [...refs(identityAllows), ...refs(boundaryAllows)], reason: "identity" };
    const resNote = r.resourcePolicy ? "" : " and the resource has no policy naming it";
    return { allowed: false, decidedBy: [], reason: `${noIdentity}${resNote}` };
  }
  const resourceSide = [...res.direct, ...res.account];
  if (resourceSide.length === 0)
    return {
      allowed: false,
      decidedBy: [],
      reason:
        r.principal.kind === "service"
          ? noIdentity
          : `cross-account: the resource policy of ${r.resource} grants nothing to ${r.principal.id} or its account`,
    };
  if (!identityOk) return { allowed: false, decidedBy: refs(resourceSide), reason: `cross-account: ${noIdentity}` };
  return {
    allowed: true,
    decidedBy: [...refs(resourceSide), ...refs(identityAllows), ...refs(boundaryAllows)],
    reason: "resource policy and identity allow",
  };
}
