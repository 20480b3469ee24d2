import { SUPPORTED_KUBERNETES_VERSIONS } from "../config/sections/cluster";

/** The EKS managed add-ons every cluster runs. */
export const ADDON_NAMES = [
  "vpc-cni",
  "kube-proxy",
  "eks-pod-identity-agent",
  "coredns",
  "aws-ebs-csi-driver",
  "metrics-server",
] as const;
export type AddonName = (typeof ADDON_NAMES)[number];
export type KubernetesVersion = (typeof SUPPORTED_KUBERNETES_VERSIONS)[number];

/**
 * Every EKS add-on version, pinned in one place per Kubernetes minor version (CHARTS in
 * components/charts.ts holds the Helm charts). Bump here, run `npm run plan`, review the diff;
 * check a candidate with `aws eks describe-addon-versions --kubernetes-version <v> --addon-name <a>`.
 *
 * kube-proxy must match the control-plane minor, and CoreDNS moves with it, so both differ per
 * version (AWS "latest version" tables, EKS user guide, autumn 2026). The others are released
 * independently of Kubernetes and are compatible across the supported minors.
 */
const SHARED = {
  /** v1.20.x: prefix delegation + WARM_IP_TARGET honoured, Pod Identity for aws-node. */
  "vpc-cni": "v1.20.4-eksbuild.1",
  "eks-pod-identity-agent": "v1.3.10-eksbuild.3",
  /** Driver 1.53: gp3 default parameters, controller tolerates CriticalAddonsOnly. */
  "aws-ebs-csi-driver": "v1.53.0-eksbuild.1",
  /** EKS community add-on (metrics-server 0.8.0), so EKS upgrades it with the others. */
  "metrics-server": "v0.8.0-eksbuild.5",
} as const;

export const ADDON_VERSIONS: Readonly<Record<KubernetesVersion, Readonly<Record<AddonName, string>>>> = {
  "1.33": { ...SHARED, "kube-proxy": "v1.33.10-eksbuild.13", coredns: "v1.12.4-eksbuild.18" },
  "1.34": { ...SHARED, "kube-proxy": "v1.34.6-eksbuild.13", coredns: "v1.13.2-eksbuild.11" },
  "1.35": { ...SHARED, "kube-proxy": "v1.35.3-eksbuild.13", coredns: "v1.14.3-eksbuild.3" },
};

/** The pinned versions for one Kubernetes version; throws for a version config would have rejected. */
export function addonVersionsFor(kubernetesVersion: string): Readonly<Record<AddonName, string>> {
  const versions = (ADDON_VERSIONS as Record<string, Readonly<Record<AddonName, string>>>)[kubernetesVersion];
  if (!versions)
    throw new Error(`no add-on versions pinned for Kubernetes ${kubernetesVersion}; add them to ADDON_VERSIONS`);
  return versions;
}
