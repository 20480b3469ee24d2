/**
 * Helm values for Istio's four ambient charts, as plain objects. Only paths listed in
 * CHART_VALUE_PATHS (read from each chart's values.yaml at the pinned tag) are set.
 */
import type { Environment, MeshConfig } from "../config/types";
import { CHART_VALUE_PATHS } from "./versions";

export type IstioChart = keyof typeof CHART_VALUE_PATHS;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Values = Record<string, any>;

export const ISTIO_NAMESPACE = "istio-system";
/** The waypoint Gateway of the apps namespace; its Deployment and ServiceAccount carry the same name. */
export const WAYPOINT_NAME = "waypoint";
/** Pod label the waypoint template puts on its pods (files/waypoint.yaml at 1.30.3). */
export const WAYPOINT_POD_LABEL = "gateway.networking.k8s.io/gateway-name";

const RUNTIME_DEFAULT = { type: "RuntimeDefault" } as const;

const zoneSpread = (matchLabels: Record<string, string>) => [
  {
    maxSkew: 1,
    topologyKey: "topology.kubernetes.io/zone",
    whenUnsatisfiable: "ScheduleAnyway",
    labelSelector: { matchLabels },
  },
];

export interface IstioValuesInput {
  mesh: MeshConfig;
  environment: Environment;
  /** meshConfig.extensionProviders entry of the tracing collector; omitted: no tracing provider. */
  tracingProvider?: Values;
}

/**
 * Values per chart, in install order (base -> istiod -> cni -> ztunnel, as Istio's Helm
 * install guide for ambient orders them).
 * - profile "ambient" on istiod, cni and ztunnel: PILOT_ENABLE_AMBIENT, HBONE, cni.ambient.
 * - istiod: two replicas minimum, spread over zones; waypoint pods get seccomp RuntimeDefault
 *   (`gateways.seccompProfile`), without which Pod Security "restricted" in the apps namespace
 *   rejects them (the template sets it only from this value).
 * - No `global.platform`: the charts have no "eks" profile and fail on unknown names.
 */
export function istioValues(input: IstioValuesInput): Record<IstioChart, Values> {
  const { mesh, environment } = input;
  const json = environment !== "dev";
  return {
    base: { defaultRevision: "default" },
    istiod: {
      profile: "ambient",
      autoscaleEnabled: true,
      autoscaleMin: mesh.istiodMinReplicas,
      autoscaleMax: Math.max(5, mesh.istiodMinReplicas),
      seccompProfile: { ...RUNTIME_DEFAULT },
      topologySpreadConstraints: zoneSpread({ app: "istiod" }),
      gateways: { seccompProfile: { ...RUNTIME_DEFAULT } },
      global: {
        logAsJson: json,
        waypoint: { topologySpreadConstraints: zoneSpread({ [WAYPOINT_POD_LABEL]: WAYPOINT_NAME }) },
      },
      pdb: { minAvailable: 1 },
      ...(input.tracingProvider ? { meshConfig: { extensionProviders: [input.tracingProvider] } } : {}),
    },
    cni: { profile: "ambient", seccompProfile: { ...RUNTIME_DEFAULT } },
    ztunnel: { profile: "ambient", logAsJson: json },
  };
}

/**
 * Every value path set, down to CHART_VALUE_PATHS' granularity: a path that is itself listed is
 * a leaf (its object value is the chart's business), anything else is walked.
 */
export function valuePaths(values: Values, known: readonly string[], prefix = ""): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const isObject = value !== null && typeof value === "object" && !Array.isArray(value);
    if (known.includes(path) || !isObject) out.push(path);
    else out.push(...valuePaths(value as Values, known, path));
  }
  return out;
}

/** Paths set in `values` that `chart` does not read, each as a readable problem. */
export function unknownValuePaths(chart: IstioChart, values: Values): string[] {
  const known: readonly string[] = CHART_VALUE_PATHS[chart];
  return valuePaths(values, known)
    .filter((p) => !known.includes(p))
    .map((p) => `${chart} values: ${p} is not a value of the ${chart} chart (values.yaml at the pinned tag)`);
}
