/**
 * Every upstream Helm chart, pinned in one place, each with the release it comes from and the
 * Kubernetes versions its project tests or declares. Bump here, run `npm run plan`, review the
 * diff. EKS managed add-ons (vpc-cni, CoreDNS, kube-proxy, ...) are resolved from AWS at deploy
 * time for the cluster's version (components/cluster/addon-versions.ts). The default Kubernetes
 * version is the newest one every chart here supports (config/sections/eks-versions.ts).
 */
export interface ChartPin {
  readonly chart: string;
  readonly version: string;
  /** Helm repository URL, or undefined for OCI charts whose `chart` is the full oci:// reference. */
  readonly repo?: string;
  /** The upstream release (tag) the pin was read from. */
  readonly release?: string;
  /** Kubernetes minors the project tests or declares for this release, with where that is written. */
  readonly kubernetes?: { readonly min: string; readonly max: string; readonly source: string };
}

export const CHARTS = {
  /**
   * KEDA 2.20.2 (kedacore/charts tag v2.20.2, 2026-07-31; newest 2.20 patch in the Aug 2026 copy
   * read). keda-docs still lists 2.20's tested window as "TBD" (2.19: v1.32-v1.34); kedacore/keda
   * v2.20.2 CI smoke-tests kind v1.32.11-v1.34.3 (amd64, arm64) and v1.35.0 (s390x), built
   * against k8s.io/client-go v0.35.5. Values (components/addons/keda.ts) checked against
   * keda/values.yaml at that tag.
   */
  keda: {
    chart: "keda",
    version: "2.20.2",
    repo: "https://kedacore.github.io/charts",
    release: "https://github.com/kedacore/charts/releases/tag/v2.20.2",
    kubernetes: {
      min: "1.23",
      max: "1.35",
      source: "keda/Chart.yaml kubeVersion at v2.20.2; keda.sh/docs/2.20/operate/cluster",
    },
  },
  /**
   * Vertical Pod Autoscaler chart 11.1.1 (cowboysysop/charts tag vertical-pod-autoscaler-11.1.1,
   * 64dc8d1, 2025-10-06; newest tag in the Feb 2026 copy read): appVersion 1.5.0, images 1.5.1.
   * Chosen over kubernetes/autoscaler's own chart (0.11.0, VPA 1.7.1), whose README still says
   * "under development and is not ready for production use". VPA 1.5.x supports Kubernetes 1.28+
   * (vertical-pod-autoscaler/docs/installation.md at v1.5.0, no upper bound); the chart declares
   * kubeVersion ">=1.24". Values (components/addons/vpa.ts) checked against its values.yaml.
   */
  vpa: {
    chart: "vertical-pod-autoscaler",
    version: "11.1.1",
    repo: "https://cowboysysop.github.io/charts",
    release: "https://github.com/cowboysysop/charts/releases/tag/vertical-pod-autoscaler-11.1.1",
    kubernetes: {
      min: "1.28",
      max: "1.36",
      source: "kubernetes/autoscaler vertical-pod-autoscaler/docs/installation.md at v1.5.0 (1.28+, no upper bound)",
    },
  },
  /** Karpenter 1.14.1 (aws/karpenter-provider-aws tag v1.14.1, 2026-08-20): v1 APIs. */
  karpenter: {
    chart: "oci://public.ecr.aws/karpenter/karpenter",
    version: "1.14.1",
    release: "https://github.com/aws/karpenter-provider-aws/releases/tag/v1.14.1",
    kubernetes: {
      min: "1.26",
      max: "1.36",
      source: "hack/docs/compatibilitymatrix_gen/compatibility.yaml at v1.14.1 (1.14.x)",
    },
  },
  /** AWS Load Balancer Controller chart 3.5.0 = controller v3.5.0 (aws/eks-charts 5239609, 2026-08-03). */
  lbController: {
    chart: "aws-load-balancer-controller",
    version: "3.5.0",
    repo: "https://aws.github.io/eks-charts",
    release: "https://github.com/aws/eks-charts/commit/5239609",
    kubernetes: {
      min: "1.22",
      max: "1.36",
      source: "stable/aws-load-balancer-controller/README.md (chart v1.5.0+ requires 1.22+; no upper bound)",
    },
  },
  /** kube-prometheus-stack 79.9.0 (tag kube-prometheus-stack-79.9.0, 2025-11-28): Prometheus Operator v0.86.2. */
  kubePrometheusStack: {
    chart: "kube-prometheus-stack",
    version: "79.9.0",
    repo: "https://prometheus-community.github.io/helm-charts",
    release: "https://github.com/prometheus-community/helm-charts/releases/tag/kube-prometheus-stack-79.9.0",
    kubernetes: { min: "1.25", max: "1.36", source: 'Chart.yaml kubeVersion ">=1.25.0-0" (no upper bound)' },
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
  /**
   * Chaos Mesh 2.8.3 (chaos-mesh/chaos-mesh tag v2.8.3, 2026-06-09; newest 2.8 patch in the Aug
   * 2026 copy read): e2e matrix Kubernetes v1.33.9, v1.34.5, v1.35.2. Values
   * (components/chaos/values.ts) checked against helm/chaos-mesh/values.yaml at that tag.
   */
  chaosMesh: {
    chart: "chaos-mesh",
    version: "2.8.3",
    repo: "https://charts.chaos-mesh.org",
    release: "https://github.com/chaos-mesh/chaos-mesh/releases/tag/v2.8.3",
    kubernetes: { min: "1.33", max: "1.35", source: ".github/workflows/e2e_test.yml at v2.8.3" },
  },
  /**
   * grafana/k6-operator chart 4.6.0 = operator v1.6.0 (grafana/k6-operator tag v1.6.0, commit
   * cf0ae21 "release: prepare v1.6.0", 2026-08-18; charts/k6-operator/Chart.yaml appVersion 1.6.0,
   * kubeVersion ">=1.16.0-0", no upper bound), read 2026-12-02. Its smoke test runs on kind
   * v1.35.1 (.github/workflows/smoke-test.yaml). Opt-in load tests (components/loadtest).
   */
  k6Operator: {
    chart: "k6-operator",
    version: "4.6.0",
    repo: "https://grafana.github.io/helm-charts",
    release: "https://github.com/grafana/k6-operator/releases/tag/v1.6.0",
    kubernetes: {
      min: "1.16",
      max: "1.35",
      source: 'charts/k6-operator/Chart.yaml kubeVersion ">=1.16.0-0"; .github/workflows/smoke-test.yaml kind v1.35.1',
    },
  },
  /**
   * Jaeger chart 4.11.1 (jaegertracing/helm-charts tag jaeger-4.11.1, 6c602b5, 2026-06-14): Jaeger
   * v2.19.0. Chart.yaml kubeVersion ">= 1.21-0", no upper bound. Values (components/tracing/values.ts)
   * checked against charts/jaeger/values.yaml at that tag.
   */
  jaeger: {
    chart: "jaeger",
    version: "4.11.1",
    repo: "https://jaegertracing.github.io/helm-charts",
    release: "https://github.com/jaegertracing/helm-charts/releases/tag/jaeger-4.11.1",
    kubernetes: {
      min: "1.21",
      max: "1.36",
      source: 'charts/jaeger/Chart.yaml kubeVersion ">= 1.21-0" (no upper bound)',
    },
  },
  /**
   * OpenTelemetry Collector chart 0.170.0 (open-telemetry/opentelemetry-helm-charts tag
   * opentelemetry-collector-0.170.0, f5178cb, 2026-08-14): collector 0.158.0. Chart.yaml declares
   * no kubeVersion. Values (components/tracing/values.ts) checked against its values.yaml.
   */
  otelCollector: {
    chart: "opentelemetry-collector",
    version: "0.170.0",
    repo: "https://open-telemetry.github.io/opentelemetry-helm-charts",
    release: "https://github.com/open-telemetry/opentelemetry-helm-charts/releases/tag/opentelemetry-collector-0.170.0",
    kubernetes: {
      min: "1.24",
      max: "1.36",
      source: "charts/opentelemetry-collector/README.md: Kubernetes 1.24+ (Chart.yaml declares no kubeVersion)",
    },
  },
  /**
   * Jenkins chart 5.9.53 (jenkinsci/helm-charts tag jenkins-5.9.53, 2205541, 2026-08-07; newest tag in
   * the copy read 2026-12-07): Jenkins 2.568.2 (appVersion). Chart.yaml declares no kubeVersion.
   * Values (components/jenkins/values.ts) checked against charts/jenkins/values.yaml at that tag.
   */
  jenkins: {
    chart: "jenkins",
    version: "5.9.53",
    repo: "https://charts.jenkins.io",
    release: "https://github.com/jenkinsci/helm-charts/releases/tag/jenkins-5.9.53",
  },
} as const satisfies Record<string, ChartPin>;

/**
 * Each chart's digest, with where it was read, or why none is recorded. A chart from a Helm
 * repository is held to its archive's SHA-256 (what index.yaml's `digest` field holds); an OCI
 * chart to its manifest digest (`sha256:<hex>`, the registry's Docker-Content-Digest for the
 * pinned tag). .github/scripts/verify-charts.ts checks every record before each deploy and names
 * the unverified ones; docs/security.md says what that leaves open. Read 2026-12-07.
 */
export type ChartDigest =
  | { readonly sha256: string; readonly source: string }
  | { readonly manifest: string; readonly source: string }
  | { readonly unverified: string };

const INDEX = (repo: string, date: string) => `${repo} gh-pages index.yaml (branch head of ${date}), read 2026-12-07`;
const ISTIO = (chart: string) =>
  `istio-release.storage.googleapis.com/charts/index.yaml is a GCS object, not readable here, and no record of ` +
  `${chart}-1.30.3.tgz's SHA-256 was found in public code (searched by archive name); the same chart is served as ` +
  `OCI at oci://gcr.io/istio-release/charts/${chart}, whose manifest digest needs a registry call`;

export const CHART_DIGESTS: Readonly<Record<keyof typeof CHARTS, ChartDigest>> = {
  keda: {
    sha256: "db60b1fa60f0565fefa4ce2f87e855b6a8854363ee82962fbe28a12a70d64c4c",
    source:
      "kedacore/charts main docs/index.yaml (the folder https://kedacore.github.io/charts serves; commit cbb9bb8 of " +
      "2026-07-31), read 2026-12-07; equals the SHA-256 of docs/keda-2.20.2.tgz in that commit",
  },
  vpa: {
    sha256: "fbef3ad036f59dc3cf9fc361cb92fae0564aa11f335f59b8b9e878dc490a4970",
    source: INDEX("cowboysysop/charts", "2026-02-12"),
  },
  karpenter: {
    manifest: "sha256:91434e00fb102d6ee0d1bd34a4457a32fe01a8fa833fe1a2a37da4f50272079b",
    source:
      "third-party records of `helm pull oci://public.ecr.aws/karpenter/karpenter --version 1.14.1`, whose Digest line is " +
      "the manifest digest (helm pkg/registry/client.go prints result.Manifest.Digest): MicroTodoSuite/microservice-app-gitops " +
      "infrastructure/karpenter/vendor/v1.14.1/README.md (commit 00b758b) and tuxpower/opsfleet terraform/VALIDATION.md " +
      "(commit cdab7c8) agree, " +
      "read 2026-12-07; the v1.14.1 docs publish a cosign command, not a digest; verify-charts asks the registry before each deploy",
  },
  lbController: {
    sha256: "45051f634b33e10baccb3354d0681b7de787c60445e599fa276e0c9aedd4ccd5",
    source: `${INDEX("aws/eks-charts", "2026-08-03")}; equals the SHA-256 of aws-load-balancer-controller-3.5.0.tgz in that branch`,
  },
  kubePrometheusStack: {
    unverified:
      "prometheus-community/helm-charts gh-pages (head 93ff578, 2026-08-22) is stored without its index.yaml in any " +
      "commit, and no record of kube-prometheus-stack-79.9.0.tgz's SHA-256 was found in public code (searched by archive name)",
  },
  istioBase: { unverified: ISTIO("base") },
  istiod: { unverified: ISTIO("istiod") },
  istioCni: { unverified: ISTIO("cni") },
  ztunnel: { unverified: ISTIO("ztunnel") },
  chaosMesh: {
    sha256: "c96a2d6490c1fbb0693e18b04e2ab6f60ca45046c64e98ca774f72ac1eaf2a47",
    source:
      "third-party record, not the publisher's index: unict-cclab/kubephos " +
      "plugins/managed-platform/runtime/managed_platform.go (commit 55f2f6b) pins " +
      "https://charts.chaos-mesh.org/chaos-mesh-2.8.3.tgz to this SHA-256, read 2026-12-07 (chaos-mesh/charts gh-pages, " +
      "which serves index.yaml, stops at 2.6.3 in the stored copy); verify-charts holds the live index and archive to it",
  },
  k6Operator: {
    sha256: "e721213e31989fc096233cd73ed90eac674815b66abb9aa7ac39db276414cfac",
    source: INDEX("grafana/helm-charts", "2026-08-20"),
  },
  jaeger: {
    sha256: "120aad01641b88fd73fb097cd63af94aac4e9d49115877f5f63b52b86b512180",
    source: INDEX("jaegertracing/helm-charts", "2026-06-14"),
  },
  otelCollector: {
    sha256: "ed140b332233075c7fd15eaebba571fdf100926f08c0a5a274c7b32895315137",
    source: INDEX("open-telemetry/opentelemetry-helm-charts", "2026-08-20"),
  },
  jenkins: {
    sha256: "dc277e78cab1ab79ebd389534e867ea0e7f5f0283e87b8c12640718ffffdcd00",
    source: INDEX("jenkinsci/helm-charts", "2026-08-07"),
  },
};
