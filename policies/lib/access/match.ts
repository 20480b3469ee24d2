/**
 * Matching of the Action, Resource and Principal elements, as the IAM User Guide describes them
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html,
 * ..._resource.html, ..._principal.html; read 2026-12-07): `*` matches any run of characters and
 * `?` one character; action names compare without regard to case, ARNs with it. A principal naming
 * an account (its id or `arn:aws:iam::<id>:root`) delegates to that account's IAM policies instead
 * of granting by itself.
 */
import type { PrincipalSpec, Statement } from "./policy-doc";

const cache = new Map<string, RegExp>();

/** `*` / `?` glob to an anchored RegExp (flags: "i" for actions). */
export function glob(pattern: string, flags = ""): RegExp {
  const key = `${flags}|${pattern}`;
  let re = cache.get(key);
  if (!re) {
    const body = pattern
      .split("")
      .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\/]/g, "\\$&")))
      .join("");
    re = new RegExp(`^${body}$`, `s${flags}`);
    cache.set(key, re);
  }
  return re;
}

export const actionMatches = (pattern: string, action: string) => glob(pattern, "i").test(action);
export const resourceMatches = (pattern: string, resource: string) => glob(pattern).test(resource);

/** Whether a statement's Action/NotAction and Resource/NotResource cover the request. */
export function coversRequest(s: Statement, action: string, resource: string): boolean {
  const actionOk = s.action
    ? s.action.some((p) => actionMatches(p, action))
    : s.notAction
      ? !s.notAction.some((p) => actionMatches(p, action))
      : false;
  if (!actionOk) return false;
  if (s.resource) return s.resource.some((p) => resourceMatches(p, resource));
  if (s.notResource) return !s.notResource.some((p) => resourceMatches(p, resource));
  // Trust policies carry no Resource element: they apply to the role they are attached to.
  return true;
}

/** Who asks: a role of some account, an AWS service, or an identity outside the model. */
export interface RequestPrincipal {
  /** Role ARN, service principal (config.amazonaws.com), account root or federated provider ARN. */
  id: string;
  kind: "role" | "service" | "account" | "federated";
  /** The principal's account; undefined for AWS services. */
  account?: string;
}

export type PrincipalMatch = "direct" | "account" | null;

const ACCOUNT_ROOT = /^arn:aws:iam::(\d{12}):root$/;

function matchOne(type: string, value: string, p: RequestPrincipal): PrincipalMatch {
  if (type === "AWS") {
    if (value === "*") return "direct";
    const root = ACCOUNT_ROOT.exec(value)?.[1] ?? (/^\d{12}$/.test(value) ? value : undefined);
    if (root) return p.account === root ? (p.kind === "account" ? "direct" : "account") : null;
    return p.kind === "role" && value === p.id ? "direct" : null;
  }
  if (type === "Service") return p.kind === "service" && value === p.id ? "direct" : null;
  if (type === "Federated") return p.kind === "federated" && value === p.id ? "direct" : null;
  return null;
}

/** How a resource policy's Principal names the requester: directly, through its account, or not. */
export function principalMatch(spec: PrincipalSpec, p: RequestPrincipal): PrincipalMatch {
  if (spec === "*") return "direct";
  let best: PrincipalMatch = null;
  for (const [type, values] of Object.entries(spec))
    for (const v of values) {
      const m = matchOne(type, v, p);
      if (m === "direct") return m;
      best = best ?? m;
    }
  return best;
}

/** A resource-policy statement's applicability to the requester (Principal or NotPrincipal). */
export function statementPrincipal(s: Statement, p: RequestPrincipal): PrincipalMatch {
  if (s.principal) return principalMatch(s.principal, p);
  if (s.notPrincipal) return principalMatch(s.notPrincipal, p) ? null : "direct";
  return null;
}
