import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { nameTags } from "../tags";
import { resolveAddonVersion, type AddonName } from "./addon-versions";
import type { AddonPhase, AddonPlan } from "./cluster-plan";
import { podIdentityTrustOutput } from "./pod-identity";

export interface CreateAddonsArgs {
  /** Output of the cluster's name, so every add-on depends on the cluster. */
  clusterName: pulumi.Input<string>;
  /** Plain cluster name for physical names and tags. */
  physicalClusterName: string;
  /** The cluster's Kubernetes minor, e.g. "1.35": unpinned add-ons run AWS's default build for it. */
  kubernetesVersion: string;
  /** From addonPlans(): names, version pins, configuration, Pod Identity needs. */
  plans: readonly AddonPlan[];
  /** Resources each phase must wait for (afterNodes: the system node group). */
  dependsOn?: Partial<Record<AddonPhase, pulumi.Resource[]>>;
}

/**
 * One `aws.eks.Addon` per plan, named `${name}-<addon>`. Add-ons that call AWS get an IAM role
 * trusted by Pod Identity and bound through the add-on's own `podIdentityAssociations`, so EKS
 * creates and removes the association together with the add-on.
 */
export function createAddons(
  name: string,
  args: CreateAddonsArgs,
  opts: { parent: pulumi.Resource; provider: aws.Provider },
): Record<AddonName, aws.eks.Addon> {
  const out = {} as Record<AddonName, aws.eks.Addon>;
  for (const plan of args.plans) {
    const deps: pulumi.Resource[] = [...(args.dependsOn?.[plan.phase] ?? []), ...(plan.after ?? []).map((a) => out[a])];
    let podIdentityAssociations: aws.types.input.eks.AddonPodIdentityAssociation[] | undefined;
    if (plan.podIdentity) {
      const roleName = `${args.physicalClusterName}-${plan.name}`.slice(0, 64);
      const role = new aws.iam.Role(
        `${name}-${plan.name}-role`,
        {
          name: roleName,
          description: `Pod Identity for the ${plan.name} add-on of ${args.physicalClusterName}`,
          // EKS add-ons with podIdentityAssociations run their ServiceAccount in kube-system.
          assumeRolePolicy: podIdentityTrustOutput(
            {
              clusterName: args.clusterName,
              namespace: "kube-system",
              serviceAccount: plan.podIdentity.serviceAccount,
            },
            opts,
          ),
          tags: nameTags(roleName),
        },
        opts,
      );
      deps.push(
        new aws.iam.RolePolicyAttachment(
          `${name}-${plan.name}-policy`,
          {
            role: role.name,
            policyArn: `arn:aws:iam::aws:policy/${plan.podIdentity.managedPolicy}`,
          },
          opts,
        ),
      );
      podIdentityAssociations = [{ roleArn: role.arn, serviceAccount: plan.podIdentity.serviceAccount }];
    }
    out[plan.name] = new aws.eks.Addon(
      `${name}-${plan.name}`,
      {
        clusterName: args.clusterName,
        addonName: plan.name,
        addonVersion: resolveAddonVersion(plan.name, args.kubernetesVersion, plan.pinnedVersion, opts),
        // The cluster is created without self-managed add-ons, so there is nothing to adopt; on
        // update the code is the source of truth and manual edits are overwritten.
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
        ...(plan.configurationValues ? { configurationValues: JSON.stringify(plan.configurationValues) } : {}),
        ...(podIdentityAssociations ? { podIdentityAssociations } : {}),
        tags: nameTags(`${args.physicalClusterName}-${plan.name}`),
      },
      { ...opts, dependsOn: deps },
    );
  }
  return out;
}
