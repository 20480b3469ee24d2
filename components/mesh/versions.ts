/**
 * What the mesh is pinned to, and the facts about that release the plan relies on. Every entry
 * was read from the upstream repository at the tag (istio/istio 1.30.3, kubernetes-sigs/gateway-api
 * v1.5.1) on 2026-12-02; the chart pins themselves live in components/charts.ts.
 */
import { CHARTS } from "../charts";

export const ISTIO_VERSION = CHARTS.istiod.version;

/**
 * Kubernetes minors Istio 1.30 runs on: minimum 1.32 (istioctl/pkg/install/k8sversion/version.go
 * `MinK8SVersion = 32`), integration CI on kind node v1.35.0 (prow/integ-suite-kind.sh), client
 * libraries k8s.io/api v0.35.3 (go.mod). 1.36 is not tested by this release.
 */
export const ISTIO_KUBERNETES_VERSIONS = ["1.32", "1.33", "1.34", "1.35"] as const;

/**
 * Gateway API CRDs: the waypoint is a `gateway.networking.k8s.io/v1` Gateway, and neither EKS nor
 * Istio's base chart installs these CRDs. v1.5.1 is the version Istio 1.30.3 is built against
 * (go.mod `sigs.k8s.io/gateway-api v1.5.1`); the standard channel is enough (Gateway with
 * `infrastructure.parametersRef`), retries stay in VirtualServices (HTTPRoute `retry` is
 * experimental-channel only in v1.5.1).
 */
export const GATEWAY_API = {
  version: "v1.5.1",
  /** The release asset the vendored file reproduces (its README says how). */
  release: "https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.5.1/standard-install.yaml",
  /**
   * Applied from the repository, never fetched at deploy: a file under review, relative to the
   * Pulumi project directory (where Pulumi runs the program and the provider).
   */
  file: "components/mesh/vendor/gateway-api-v1.5.1/standard-install.yaml",
  /** SHA-256 of `file` as committed; test/ci/gateway-api-vendor.spec.ts and verify-charts recompute it. */
  sha256: "751002b3b91a87f7ae3bd2517c79a47a8d7ed6702901808a1cf9bd97d284f9b8",
} as const;

/**
 * Helm value paths each chart reads (manifests/charts/<chart>/values.yaml at 1.30.3, under
 * `_internal_defaults_do_not_set`, plus `profile`, read by every chart's zzz_profile.yaml). The
 * plan may set only these: a misspelt key is silently ignored by Helm, so a test walks the values
 * and fails on any other path. A map value (resources, selectors) is a leaf here.
 */
export const CHART_VALUE_PATHS = {
  base: ["profile", "global.istioNamespace", "defaultRevision"],
  istiod: [
    "profile",
    "autoscaleEnabled",
    "autoscaleMin",
    "autoscaleMax",
    "resources",
    "seccompProfile",
    "topologySpreadConstraints",
    "gateways.seccompProfile",
    "global.logAsJson",
    "global.waypoint.topologySpreadConstraints",
    "global.waypoint.resources",
    "pdb.minAvailable",
    "meshConfig.extensionProviders",
  ],
  cni: ["profile", "seccompProfile", "resources", "ambient.dnsCapture", "excludeNamespaces"],
  ztunnel: ["profile", "resources", "logAsJson", "terminationGracePeriodSeconds"],
} as const;

/**
 * `global.platform` selects files/profile-platform-<name>.yaml; the charts `fail` ("unknown
 * platform") for any other name. 1.30.3 ships gke, k3d, k3s, microk8s, minikube and openshift:
 * there is no "eks" profile, and EKS with the VPC CNI needs none (istio.io, ambient
 * platform-specific prerequisites: only Pod ENI trunking with security groups for pods in strict
 * mode needs a change, which this platform does not use).
 */
export const ISTIO_PLATFORM_PROFILES = ["gke", "k3d", "k3s", "microk8s", "minikube", "openshift"] as const;
