/** In-cluster names of the tracing stack several components agree on (the mesh names the collector). */
export const TRACING = {
  namespace: "tracing",
  collectorRelease: "otel-collector",
  jaegerRelease: "jaeger",
  /** Istio extension provider name the Telemetry object refers to. */
  provider: "otel-tracing",
  otlpGrpcPort: 4317,
  queryPort: 16686,
} as const;

/**
 * The collector's Service: `<release>-opentelemetry-collector` (the chart's fullname template,
 * `opentelemetry-collector.fullname` in templates/_helpers.tpl at chart 0.170.0).
 */
export const COLLECTOR_SERVICE = `${TRACING.collectorRelease}-opentelemetry-collector.${TRACING.namespace}.svc.cluster.local`;
/** Jaeger's Service: the release name, which contains the chart name (jaeger.fullname at chart 4.11.1). */
export const JAEGER_SERVICE = `${TRACING.jaegerRelease}.${TRACING.namespace}.svc.cluster.local`;

/** Istio meshConfig.extensionProviders entry: waypoints export spans over OTLP/gRPC to the collector. */
export function tracingExtensionProvider() {
  return { name: TRACING.provider, opentelemetry: { service: COLLECTOR_SERVICE, port: TRACING.otlpGrpcPort } };
}
