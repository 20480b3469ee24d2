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

export const CHARTS = {} as const satisfies Record<string, ChartPin>;
