/**
 * Every upstream Helm chart and EKS add-on version, pinned in one place.
 * Bump here, run `npm run plan`, review the diff.
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
} as const satisfies Record<string, ChartPin>;
