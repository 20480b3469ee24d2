/**
 * Who may reach each cluster's Kubernetes API (issue 11.5), as EKS access entries (authentication
 * mode API). Pure: config in, entries out.
 *
 * Least access that works, per role:
 * - admins: people on call; AmazonEKSClusterAdminPolicy (cluster-admin).
 * - deployers: `pulumi up` creates CRDs, ClusterRoles/Bindings, webhooks and namespaced objects in
 *   every namespace through Helm and the Kubernetes provider. Creating RBAC objects also passes
 *   Kubernetes' escalation check (you may only grant what you hold), so only cluster-admin works.
 * - previewers: `pulumi preview` with server-side apply sends every object as a dry-run request,
 *   and "authorization for dry and non-dry requests is identical"
 *   (https://kubernetes.io/docs/reference/using-api/api-concepts/#dry-run-authorization): a
 *   read-only policy (AmazonEKSViewPolicy, AmazonEKSAdminViewPolicy) makes every preview fail
 *   with Forbidden. The preview role therefore needs the same cluster-admin policy; its risk is
 *   bounded outside Kubernetes (who may assume it: the PR workflow's OIDC trust), not inside.
 * EKS access policies: https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html
 * (checked 2026-12-02). One principal has one access entry per cluster, so the lists are disjoint
 * (config rejects overlaps).
 */
export const CLUSTER_ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

export const ACCESS_ROLES = ["admins", "deployers", "previewers"] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

export interface AccessEntryPlan {
  key: string;
  principalArn: string;
  role: AccessRole;
  policyArn: string;
}

/** The policy each role gets (see above for why all three are cluster-admin). */
export const ACCESS_POLICY: Readonly<Record<AccessRole, string>> = {
  admins: CLUSTER_ADMIN_POLICY,
  deployers: CLUSTER_ADMIN_POLICY,
  previewers: CLUSTER_ADMIN_POLICY,
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
