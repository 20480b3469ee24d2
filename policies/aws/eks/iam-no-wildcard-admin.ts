import type { ResourceValidationPolicy } from "@pulumi/policy";
import { UNKNOWN, read } from "./cluster";
import { asList, policyStatements } from "../../lib/iam";

/** IAM resources that carry a policy document, and where it sits. */
const DOCUMENTS: Record<string, (props: Record<string, unknown>) => { where: string; doc: unknown }[]> = {
  "aws:iam/policy:Policy": (p) => [{ where: "policy", doc: read(() => p.policy) }],
  "aws:iam/rolePolicy:RolePolicy": (p) => [{ where: "policy", doc: read(() => p.policy) }],
  "aws:iam/role:Role": (p) => {
    const inline = read(() => p.inlinePolicies);
    if (inline === UNKNOWN || !Array.isArray(inline)) return [];
    return inline.map((ip: { name?: string; policy?: unknown }, i) => ({
      where: `inlinePolicies[${ip?.name ?? i}]`,
      doc: read(() => ip?.policy),
    }));
  },
};

const isAll = (v: unknown) => v === "*" || v === "*:*";

/** Statements that Allow every action on every resource (the AdministratorAccess shape). */
export function adminStatements(doc: unknown): number[] {
  const statements = policyStatements(doc);
  const hits: number[] = [];
  statements.forEach((s, i) => {
    const st = s as { Effect?: unknown; Action?: unknown; Resource?: unknown };
    if (st?.Effect === "Allow" && asList(st.Action).some(isAll) && asList(st.Resource).some(isAll)) hits.push(i);
  });
  return hits;
}

/**
 * Mandatory: a role that may do anything to anything turns one compromised pod or controller
 * into account takeover. Every role here is scoped (Pod Identity roles name their actions and
 * resources); AWS managed policies attached by ARN are reviewed by AWS and out of scope. A
 * document computed from outputs is unknown during preview and checked at `up`.
 */
export function iamNoWildcardAdmin(): ResourceValidationPolicy {
  return {
    name: "aws-iam-no-wildcard-admin",
    description: 'IAM policies never Allow Action "*" on Resource "*".',
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      const docs = DOCUMENTS[args.type]?.(args.props);
      if (!docs) return;
      for (const { where, doc } of docs) {
        if (doc === UNKNOWN) continue;
        for (const i of adminStatements(doc))
          reportViolation(
            `IAM ${args.type.split(":").pop()} "${args.name}" ${where} Statement[${i}] allows Action "*" on Resource "*"`,
          );
      }
    },
  };
}
