import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface PodIdentityRoleArgs {
  /** EKS cluster the association belongs to. */
  clusterName: pulumi.Input<string>;
  namespace: string;
  serviceAccount: string;
  /** Inline policy statements (JSON IAM statements). Prefer scoped resources over "*". */
  statements?: pulumi.Input<pulumi.Input<Record<string, unknown>>[]>;
  /** AWS managed or customer policy ARNs to attach. */
  managedPolicyArns?: pulumi.Input<string>[];
}

/** Who may assume a Pod Identity role: one ServiceAccount of one cluster, in our account. */
export interface PodIdentitySubject {
  accountId: string;
  clusterName: string;
  namespace: string;
  serviceAccount: string;
}

/**
 * Trust policy for EKS Pod Identity (not IRSA): the pods.eks.amazonaws.com service principal,
 * limited by the session tags EKS Pod Identity sets when it assumes the role (cluster name,
 * namespace, service account) and by aws:SourceAccount. Without them any Pod Identity
 * association in the account could bind the role (e.g. the prod Karpenter role) to its own
 * ServiceAccount. Source: Amazon EKS User Guide, "Create IAM role with trust policy required by
 * EKS Pod Identity" (pod-id-role.html, Setting Conditions) and "Enable or disable session tags"
 * (pod-id-abac.html: eks-cluster-name, kubernetes-namespace, kubernetes-service-account), read
 * 2026-12-02. Cluster names carry the region (platform-prod-use1), so the name is unique per account.
 */
export function podIdentityTrust(s: PodIdentitySubject): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AllowEksAuthToAssumeRoleForPodIdentity",
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
          StringEquals: {
            "aws:SourceAccount": s.accountId,
            "aws:RequestTag/eks-cluster-name": s.clusterName,
            "aws:RequestTag/kubernetes-namespace": s.namespace,
            "aws:RequestTag/kubernetes-service-account": s.serviceAccount,
          },
        },
      },
    ],
  });
}

/** podIdentityTrust with the account resolved through the region's provider (STS GetCallerIdentity). */
export function podIdentityTrustOutput(
  subject: Omit<PodIdentitySubject, "accountId" | "clusterName"> & { clusterName: pulumi.Input<string> },
  opts: { parent?: pulumi.Resource; provider?: pulumi.ProviderResource },
): pulumi.Output<string> {
  const accountId = aws.getCallerIdentityOutput({}, { parent: opts.parent, provider: opts.provider }).accountId;
  return pulumi
    .all([accountId, subject.clusterName])
    .apply(([a, c]) => podIdentityTrust({ ...subject, accountId: a, clusterName: c }));
}

/**
 * An IAM role trusted by EKS Pod Identity plus the association that binds it
 * to one ServiceAccount. Children are named `${name}-role`, `${name}-policy`,
 * `${name}-association`; pass `{ parent, provider }` (the region's provider).
 */
export function podIdentityRole(
  name: string,
  args: PodIdentityRoleArgs,
  opts: pulumi.CustomResourceOptions,
): { role: aws.iam.Role; association: aws.eks.PodIdentityAssociation } {
  const role = new aws.iam.Role(
    `${name}-role`,
    {
      assumeRolePolicy: podIdentityTrustOutput(
        { clusterName: args.clusterName, namespace: args.namespace, serviceAccount: args.serviceAccount },
        opts,
      ),
      description: `Pod Identity for ${args.namespace}/${args.serviceAccount}`,
    },
    opts,
  );
  const policies: pulumi.Resource[] = [];
  if (args.statements) {
    policies.push(
      new aws.iam.RolePolicy(
        `${name}-policy`,
        {
          role: role.id,
          policy: pulumi.output(args.statements).apply((s) => JSON.stringify({ Version: "2012-10-17", Statement: s })),
        },
        opts,
      ),
    );
  }
  (args.managedPolicyArns ?? []).forEach((arn, i) =>
    policies.push(new aws.iam.RolePolicyAttachment(`${name}-managed-${i}`, { role: role.name, policyArn: arn }, opts)),
  );
  const association = new aws.eks.PodIdentityAssociation(
    `${name}-association`,
    {
      clusterName: args.clusterName,
      namespace: args.namespace,
      serviceAccount: args.serviceAccount,
      roleArn: role.arn,
    },
    { ...opts, dependsOn: policies },
  );
  return { role, association };
}
