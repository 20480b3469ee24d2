import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ADDON_NAMES, type AddonName } from "../config/sections/cluster";

export { ADDON_NAMES, type AddonName };

/** EKS add-ons a component installs on its own clusters only (Jenkins' EFS home), beside ADDON_NAMES. */
export type OptionalAddonName = "aws-efs-csi-driver";

/**
 * EKS managed add-on versions are not kept here: AWS publishes which builds exist for each
 * Kubernetes version, and the one it marks default is the one to run (`aws eks
 * describe-addon-versions --kubernetes-version <v> --addon-name <a>`, `defaultVersion: true`).
 * The program asks AWS at deploy time through `aws.eks.getAddonVersion` (mostRecent false =
 * the default version) on the region's provider, unless `platform:cluster.addonVersions` pins
 * one. Offline the mock engine answers with a labelled placeholder (tools/engine/mock-state.ts).
 * Source, checked 2026-12-02:
 * https://docs.aws.amazon.com/eks/latest/userguide/updating-an-add-on.html
 */
export const ADDON_VERSION_SOURCE = "https://www.pulumi.com/registry/packages/aws/api-docs/eks/getaddonversion/";

/** The version an add-on runs: the config pin, else AWS's default for the cluster's Kubernetes version. */
export function resolveAddonVersion(
  addonName: AddonName | OptionalAddonName,
  kubernetesVersion: string,
  pinned: string | undefined,
  opts: { parent: pulumi.Resource; provider: aws.Provider },
): pulumi.Input<string> {
  if (pinned) return pinned;
  return aws.eks.getAddonVersionOutput({ addonName, kubernetesVersion, mostRecent: false }, opts).version;
}
