import type { ResourceValidationPolicy } from "@pulumi/policy";
import { UNKNOWN, read } from "./cluster";

import { asList, policyStatements } from "../../lib/iam";

/** The session tags EKS Pod Identity sets (EKS User Guide, pod-id-abac.html), one per scope. */
const POD_IDENTITY_SCOPES: readonly (readonly string[])[] = [
  ["aws:RequestTag/eks-cluster-name", "aws:RequestTag/eks-cluster-arn"],
  ["aws:RequestTag/kubernetes-namespace"],
  ["aws:RequestTag/kubernetes-service-account"],
];

/**
 * Service principals that act on our behalf and document the aws:SourceAccount / aws:SourceArn
 * confused-deputy keys in their trust policies (VPC Flow Logs user guide, "IAM role for
 * publishing flow logs to CloudWatch Logs"; RDS user guide, "Setting up and enabling Enhanced
 * Monitoring"), read 2026-12-02.
 */
const CONFUSED_DEPUTY_SERVICES = ["vpc-flow-logs.amazonaws.com", "monitoring.rds.amazonaws.com"];

interface Statement {
  Effect?: unknown;
  Principal?: { Service?: unknown };
  Condition?: Record<string, Record<string, unknown>>;
}

/** Condition keys (any operator) of a statement. */
const conditionKeys = (s: Statement): Set<string> =>
  new Set(Object.values(s.Condition ?? {}).flatMap((byKey) => Object.keys(byKey ?? {})));

/** Problems of one trust policy document, as messages without the role name. */
export function trustProblems(doc: unknown): string[] {
  const problems: string[] = [];
  policyStatements(doc).forEach((raw, i) => {
    const s = raw as Statement;
    if (s?.Effect !== "Allow") return;
    const services = asList(s.Principal?.Service).map(String);
    const keys = conditionKeys(s);
    if (services.includes("pods.eks.amazonaws.com")) {
      const missing = POD_IDENTITY_SCOPES.filter((alts) => !alts.some((k) => keys.has(k))).map((alts) => alts[0]);
      if (missing.length > 0)
        problems.push(`Statement[${i}] trusts pods.eks.amazonaws.com without conditions on ${missing.join(", ")}`);
    }
    for (const svc of services.filter((x) => CONFUSED_DEPUTY_SERVICES.includes(x)))
      if (!keys.has("aws:SourceAccount") && !keys.has("aws:SourceArn"))
        problems.push(`Statement[${i}] trusts ${svc} without an aws:SourceAccount or aws:SourceArn condition`);
  });
  return problems;
}

/**
 * Mandatory: a Pod Identity role without cluster, namespace and service-account conditions can
 * be bound by any Pod Identity association in the account (any cluster admin could take the prod
 * Karpenter role); a service role without aws:SourceAccount/aws:SourceArn is open to the
 * confused-deputy problem. A document computed from outputs is unknown during preview and
 * checked at `up`.
 */
export function iamTrustConditions(): ResourceValidationPolicy {
  return {
    name: "aws-iam-trust-conditions",
    description:
      "Pod Identity trust policies are scoped to cluster, namespace and service account; service roles carry aws:SourceAccount/aws:SourceArn.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== "aws:iam/role:Role") return;
      const doc = read(() => args.props.assumeRolePolicy);
      if (doc === UNKNOWN) return;
      for (const p of trustProblems(doc)) reportViolation(`IAM role "${args.name}" assumeRolePolicy ${p}`);
    },
  };
}
