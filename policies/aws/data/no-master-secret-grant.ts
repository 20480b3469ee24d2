import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { dependsOn, known, urnTypeChain } from "../../lib/policy";

const GLOBAL_DATABASE = "platform:data:GlobalDatabase";
const SECRET = "aws:secretsmanager/secret:Secret";
const POLICY_DOCS: Record<string, (r: PolicyResource) => unknown[]> = {
  "aws:iam/rolePolicy:RolePolicy": (r) => [known(() => r.props.policy)],
  "aws:iam/policy:Policy": (r) => [known(() => r.props.policy)],
  "aws:iam/role:Role": (r) =>
    ((known(() => r.props.inlinePolicies) as { policy?: unknown }[] | undefined) ?? []).map((p) => p?.policy),
};

/**
 * Mandatory: no IAM policy the program creates grants the Aurora master secret. Services connect
 * as their own database user through IAM authentication (rds-db:connect); the master password is
 * for operators and rotation only, and one compromised pod must not own the database. A grant is
 * recognised by the secret's name in the document (every replica ARN carries it: ":secret:<name>-")
 * or, while ARNs are unknown during preview, by the document depending on the master secret.
 */
export function noMasterSecretGrant(): StackValidationPolicy {
  return {
    name: "aws-no-master-secret-grant",
    description:
      "No IAM policy grants the Aurora master credentials secret (services use their own IAM database user).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      const masters = args.resources.filter((r) => r.type === SECRET && urnTypeChain(r.urn).includes(GLOBAL_DATABASE));
      for (const r of args.resources) {
        const docs = POLICY_DOCS[r.type]?.(r);
        if (!docs) continue;
        for (const secret of masters) {
          const name = String(known(() => secret.props.name) ?? secret.name);
          const named = docs.some((d) => typeof d === "string" && d.includes(`:secret:${name}-`));
          if (named || dependsOn(r, secret))
            reportViolation(
              `IAM ${r.type.split(":").pop()} "${r.name}" grants the Aurora master secret "${name}": services ` +
                "connect as their own database user (rds-db:connect), never with the master credentials",
              r.urn,
            );
        }
      }
    },
  };
}
