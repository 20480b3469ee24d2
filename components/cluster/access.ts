/**
 * Who may reach each cluster's Kubernetes API, as EKS access entries (authentication mode API).
 * Pure: config in, entries out. EKS access policies and their Kubernetes rules:
 * https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html (read 2026-12-07).
 *
 * - admins: people on call; AmazonEKSClusterAdminPolicy (cluster-admin).
 * - deployers: `pulumi up` creates CRDs, ClusterRoles/Bindings, webhooks and namespaced objects in
 *   every namespace through Helm and the Kubernetes provider; creating RBAC objects also passes
 *   Kubernetes' escalation check (you may only grant what you hold), so only cluster-admin works.
 * - previewers: AmazonEKSViewPolicy, get/list/watch on most built-in resources and no Secrets, no
 *   writes. A preview role runs a pull request's code, so it must not read a Secret or change the
 *   cluster. The Kubernetes provider v4 previews from input diffs; what that leaves unverified
 *   (dry-run fallbacks, Helm state in Secrets, `--refresh` of custom resources) is in docs/access.md.
 * One principal has one access entry per cluster, so the lists are disjoint (config rejects overlaps).
 */
export const CLUSTER_ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
export const VIEW_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";

export const ACCESS_ROLES = ["admins", "deployers", "previewers"] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

export interface AccessEntryPlan {
  key: string;
  principalArn: string;
  role: AccessRole;
  policyArn: string;
}

/** The policy each role gets (see above). */
export const ACCESS_POLICY: Readonly<Record<AccessRole, string>> = {
  admins: CLUSTER_ADMIN_POLICY,
  deployers: CLUSTER_ADMIN_POLICY,
  previewers: VIEW_POLICY,
};

export function accessEntryPlans(access: Readonly<Record<AccessRole, readonly string[]>>): AccessEntryPlan[] {
  return ACCESS_ROLES.flatMap((role) =>
    access[role].map((principalArn, i) => ({
      key: `${role.replace(/s$/, "")}-${i}`,
      principalArn,
      role,
      policyArn: ACCESS_POLICY[role],
    })),
  );
}
