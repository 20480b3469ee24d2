import { NAMESPACES } from "../k8s-names";
import type { HelmAddon } from "./addon";

/** Karpenter: node provisioning from NodePools and EC2NodeClasses (components/cluster/karpenter). */
export const KARPENTER: HelmAddon = {
  id: "karpenter",
  chart: "karpenter",
  releaseName: "karpenter",
  namespace: NAMESPACES.karpenter,
  release: { atomic: true },
  provides: {
    crds: [
      { group: "karpenter.sh", kind: "NodePool", versions: ["v1"] },
      { group: "karpenter.sh", kind: "NodeClaim", versions: ["v1"] },
      { group: "karpenter.sh", kind: "NodeOverlay", versions: ["v1alpha1"] },
      { group: "karpenter.k8s.aws", kind: "EC2NodeClass", versions: ["v1"] },
      { group: "autoscaling.x-k8s.io", kind: "CapacityBuffer", versions: ["v1beta1"] },
    ],
    // The chart registers no admission webhook at this version (charts/karpenter/templates).
    webhooks: [],
    source:
      "aws/karpenter-provider-aws v1.14.1 (bde0065): charts/karpenter/crds -> pkg/apis/crds/*.yaml, charts/karpenter/templates; read 2026-12-07",
  },
};
