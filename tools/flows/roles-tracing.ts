import type { PlanResource } from "../../policies/lib/offline";
import { podEndpoint, type PlanView, type RegionView } from "./endpoints";
import type { Side } from "./roles";

/**
 * The tracing stack's pods (components/tracing), resolved only where the plan installs its Helm
 * releases. Pod labels are the charts' selector labels at the pinned versions:
 * opentelemetry-collector 0.170.0 (`opentelemetry-collector.selectorLabels`: name and instance)
 * and jaeger 4.11.1 (`jaeger.selectorLabels` plus `app.kubernetes.io/component: all-in-one`).
 * Both run on Karpenter nodes.
 */
const release = (rv: RegionView, chart: string): PlanResource | undefined =>
  rv.k8s.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === chart);

function chartPods(rv: RegionView, chart: string, label: string, name: string): Side[] {
  const r = release(rv, chart);
  if (!r) return [];
  const labels = { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": String(r.inputs.name) };
  return [{ endpoint: podEndpoint(rv, `${rv.region} ${label}`, String(r.inputs.namespace), labels, false, r.urn) }];
}

export const TRACING_ROLES: Record<string, (view: PlanView, rv: RegionView) => Side[]> = {
  "otel-collector": (_v, rv) =>
    chartPods(rv, "opentelemetry-collector", "OpenTelemetry Collector", "opentelemetry-collector"),
  jaeger: (_v, rv) => chartPods(rv, "jaeger", "Jaeger", "jaeger"),
};
