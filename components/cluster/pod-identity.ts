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

/** Trust policy for EKS Pod Identity (not IRSA): the pods.eks.amazonaws.com service principal. */
export const POD_IDENTITY_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] },
  ],
});

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
    { assumeRolePolicy: POD_IDENTITY_TRUST, description: `Pod Identity for ${args.namespace}/${args.serviceAccount}` },
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
