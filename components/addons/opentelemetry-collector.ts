import { TRACING } from "../tracing/names";
import type { HelmAddon } from "./addon";

/** OpenTelemetry Collector (Deployment mode): the waypoints' OTLP spans to Jaeger; installed by components/tracing. */
export const OTEL_COLLECTOR: HelmAddon = {
  id: "opentelemetry-collector",
  chart: "otelCollector",
  releaseName: TRACING.collectorRelease,
  namespace: TRACING.namespace,
  release: { atomic: true, timeout: 600, maxHistory: 5 },
  provides: {
    crds: [],
    webhooks: [],
    source:
      "open-telemetry/opentelemetry-helm-charts opentelemetry-collector-0.170.0 (f5178cb): charts/opentelemetry-collector/templates (no CRDs, no webhook configurations); read 2026-12-07",
  },
};
