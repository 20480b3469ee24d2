/**
 * Every upstream Helm chart and EKS add-on version, pinned in one place.
 * Bump here, run `npm run plan`, review the diff. EKS managed add-on versions
 * (vpc-cni, CoreDNS, kube-proxy, ...) differ per Kubernetes minor and live in
 * ADDON_VERSIONS, components/cluster/addon-versions.ts.
 */
export interface ChartPin {
  readonly chart: string;
  readonly version: string;
  /** Helm repository URL, or undefined for OCI charts whose `chart` is the full oci:// reference. */
  readonly repo?: string;
}

export const CHARTS = {
  /** KEDA 2.18 (K8s 1.30-1.32+); `aws` pod identity provider, aws-eks deprecated. */
  keda: { chart: "keda", version: "2.18.1", repo: "https://kedacore.github.io/charts" },
  /** Karpenter 1.14.1 (Aug 2026, latest 1.x): v1 APIs, supports Kubernetes 1.30-1.36; no breaking changes since 1.12. */
  karpenter: { chart: "oci://public.ecr.aws/karpenter/karpenter", version: "1.14.1" },
  /** AWS Load Balancer Controller chart 3.5.0 = controller v3.5.0 (TargetGroupBinding elbv2.k8s.aws/v1beta1). */
  lbController: { chart: "aws-load-balancer-controller", version: "3.5.0", repo: "https://aws.github.io/eks-charts" },
  /** kube-prometheus-stack 79.x: Prometheus Operator CRDs + Prometheus 3.x, Alertmanager, Grafana. */
  kubePrometheusStack: {
    chart: "kube-prometheus-stack",
    version: "79.9.0",
    repo: "https://prometheus-community.github.io/helm-charts",
  },
  /**
   * Istio 1.30.3 (istio/istio tag 1.30.3, 2026-07-16; newest GA tag in the Aug 2026 repository copy read, 1.31 at rc.0): minimum
   * Kubernetes 1.32 (istioctl/pkg/install/k8sversion MinK8SVersion), CI on Kubernetes 1.35, built
   * against k8s.io/api v0.35.3. One version for the four ambient charts; see components/mesh/versions.ts.
   */
  istioBase: { chart: "base", version: "1.30.3", repo: "https://istio-release.storage.googleapis.com/charts" },
  istiod: { chart: "istiod", version: "1.30.3", repo: "https://istio-release.storage.googleapis.com/charts" },
  istioCni: { chart: "cni", version: "1.30.3", repo: "https://istio-release.storage.googleapis.com/charts" },
  ztunnel: { chart: "ztunnel", version: "1.30.3", repo: "https://istio-release.storage.googleapis.com/charts" },
  /** Chaos Mesh 2.7.3 (Aug 2025 patch of 2.7; chaosctl off by default). */
  chaosMesh: { chart: "chaos-mesh", version: "2.7.3", repo: "https://charts.chaos-mesh.org" },
} as const satisfies Record<string, ChartPin>;
