import type { ResourceValidationPolicy } from "@pulumi/policy";
import { evaluate } from "../../lib/access/evaluate";
import { statementsOf, type Statement } from "../../lib/access/policy-doc";
import { known } from "../../lib/policy";

/** Resources whose `policy` input is a resource policy, and whether it is a KMS key policy. */
const RESOURCE_POLICIES: Readonly<Record<string, { kms: boolean }>> = {
  "aws:s3/bucket:Bucket": { kms: false },
  "aws:s3/bucketPolicy:BucketPolicy": { kms: false },
  "aws:sqs/queue:Queue": { kms: false },
  "aws:sqs/queuePolicy:QueuePolicy": { kms: false },
  "aws:sns/topic:Topic": { kms: false },
  "aws:sns/topicPolicy:TopicPolicy": { kms: false },
  "aws:secretsmanager/secretPolicy:SecretPolicy": { kms: false },
  "aws:kms/key:Key": { kms: true },
};

/** An administrator of an account that is not the stack's (a documentation account id). */
const OUTSIDER = { id: "arn:aws:iam::210987654321:role/administrator", kind: "role" as const, account: "210987654321" };
const ADMIN: Statement[] = [{ effect: "Allow", action: ["*"], resource: ["*"], condition: {}, ref: "outsider#Admin" }];

/** A concrete resource of the kind a pattern names (wildcards filled in), so the statement applies. */
const concrete = (pattern: string) => (pattern === "*" ? "arn:aws:s3:::x0/x0" : pattern.replace(/\*/g, "x0"));

/**
 * Mandatory: no resource policy lets an identity of another account act, decided with the IAM
 * evaluator (lib/access) as AWS evaluates a cross-account request: the outsider's own policies allow
 * everything, so the resource policy alone decides, conditions included (aws:SourceAccount,
 * aws:PrincipalAccount, aws:SourceArn ... that an outsider's request does not carry or does not
 * match). Each Allow statement is tried with its own actions on its own resources. Services named
 * by a policy (a log delivery account, an AWS service) are not the outsider and keep their grants.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html (read 2026-12-07).
 */
export function noForeignAccess(): ResourceValidationPolicy {
  return {
    name: "aws-no-foreign-access",
    description: "No bucket, queue, topic, secret or key policy lets an identity of another account act.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      const kind = RESOURCE_POLICIES[args.type];
      if (!kind) return;
      const doc = known(() => args.props.policy);
      if (typeof doc !== "string" || doc === "") return;
      const statements = statementsOf(doc, args.name);
      const found = new Set<string>();
      for (const s of statements.filter((x) => x.effect === "Allow" && x.action?.length))
        for (const action of s.action!)
          for (const resource of (s.resource ?? ["*"]).map(concrete)) {
            const d = evaluate({
              principal: OUTSIDER,
              action,
              resource,
              resourceAccount: "000000000000",
              context: {
                "aws:PrincipalAccount": OUTSIDER.account,
                "aws:PrincipalArn": OUTSIDER.id,
                "aws:SecureTransport": true,
              },
              identity: ADMIN,
              resourcePolicy: statements,
              kmsKey: kind.kms,
            });
            if (d.allowed) found.add(`${action} (${d.decidedBy.filter((r) => r !== "outsider#Admin").join(", ")})`);
          }
      if (found.size > 0)
        reportViolation(`policy of "${args.name}" lets another account's identity ${[...found].join("; ")}`);
    },
  };
}
