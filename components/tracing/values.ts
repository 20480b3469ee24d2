/**
 * Chart values of the tracing stack, as plain objects, checked against each chart's values.yaml at
 * the pinned tag (test/tracing/fixtures). Both run with the restricted Pod Security profile.
 */
import type { TracingConfig } from "../config/sections/tracing";
import { JAEGER_SERVICE, TRACING } from "./names";

const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

/** Where Jaeger's Badger files live: the PersistentVolumeClaim the Tracing component creates. */
export const BADGER_MOUNT = "/badger";
export const BADGER_CLAIM = "jaeger-badger";

/**
 * OpenTelemetry Collector (contrib's k8s distribution, the chart's documented image) as a
 * Deployment: OTLP in, memory_limiter and batch, OTLP/gRPC out to Jaeger. The chart's default
 * Jaeger, Zipkin and Prometheus receivers and its logs and metrics pipelines are removed (null
 * deletes a default key in Helm's merge): only traces pass through.
 */
export function collectorValues(t: Pick<TracingConfig, "collectorReplicas">) {
  const endpoint = (port: number) => `\${env:MY_POD_IP}:${port}`;
  return {
    mode: "deployment",
    image: { repository: "otel/opentelemetry-collector-k8s" },
    replicaCount: t.collectorReplicas,
    podDisruptionBudget: { enabled: t.collectorReplicas > 1, minAvailable: 1 },
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: "topology.kubernetes.io/zone",
        whenUnsatisfiable: "ScheduleAnyway",
        labelSelector: {
          matchLabels: {
            "app.kubernetes.io/name": "opentelemetry-collector",
            "app.kubernetes.io/instance": TRACING.collectorRelease,
          },
        },
      },
    ],
    resources: { requests: { cpu: "200m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
    podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    securityContext: RESTRICTED_CONTAINER,
    serviceAccount: { automountServiceAccountToken: false },
    ports: {
      "jaeger-compact": { enabled: false },
      "jaeger-thrift": { enabled: false },
      "jaeger-grpc": { enabled: false },
      zipkin: { enabled: false },
    },
    config: {
      receivers: {
        jaeger: null,
        zipkin: null,
        prometheus: null,
        otlp: { protocols: { grpc: { endpoint: endpoint(4317) }, http: { endpoint: endpoint(4318) } } },
      },
      exporters: {
        "otlp/jaeger": { endpoint: `${JAEGER_SERVICE}:${TRACING.otlpGrpcPort}`, tls: { insecure: true } },
      },
      service: {
        pipelines: {
          logs: null,
          metrics: null,
          traces: { receivers: ["otlp"], processors: ["memory_limiter", "batch"], exporters: ["otlp/jaeger"] },
        },
      },
    },
  };
}

/**
 * Jaeger v2's own configuration (an OpenTelemetry Collector build): OTLP in, Badger store with
 * the span TTL from `retention`, the query service and UI on 16686, health on 13133 where the
 * chart's probes look (/status). Shape as cmd/jaeger/config-badger.yaml at jaegertracing/jaeger
 * v2.19.0 (the chart's appVersion); endpoints bound to all interfaces, since the collector and
 * the kubelet's probes reach the pod by its IP.
 */
export function jaegerConfig(t: Pick<TracingConfig, "retention">) {
  return {
    service: {
      extensions: ["jaeger_storage", "jaeger_query", "healthcheckv2"],
      pipelines: { traces: { receivers: ["otlp"], processors: ["batch"], exporters: ["jaeger_storage_exporter"] } },
    },
    extensions: {
      healthcheckv2: { use_v2: true, http: { endpoint: "0.0.0.0:13133" } },
      jaeger_query: {
        storage: { traces: "badger_store" },
        http: { endpoint: `0.0.0.0:${TRACING.queryPort}` },
        grpc: { endpoint: "0.0.0.0:16685" },
      },
      jaeger_storage: {
        backends: {
          badger_store: {
            badger: {
              directories: { keys: `${BADGER_MOUNT}/keys`, values: `${BADGER_MOUNT}/values` },
              ephemeral: false,
              ttl: { spans: t.retention },
            },
          },
        },
      },
    },
    receivers: { otlp: { protocols: { grpc: { endpoint: `0.0.0.0:${TRACING.otlpGrpcPort}` } } } },
    processors: { batch: {} },
    exporters: { jaeger_storage_exporter: { trace_storage: "badger_store" } },
  };
}

/**
 * Jaeger chart values: one replica (Badger is a single-writer store; the chart's Deployment uses
 * the Recreate strategy so the old pod releases the volume first), the config above, the Badger
 * volume, restricted security context. `storage.type` only feeds the Elasticsearch/Cassandra
 * helpers the config above does not use.
 */
export function jaegerValues(t: Pick<TracingConfig, "retention">) {
  return {
    userconfig: jaegerConfig(t),
    jaeger: {
      replicas: 1,
      resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "2Gi" } },
      podSecurityContext: {
        runAsUser: 10001,
        runAsGroup: 10001,
        fsGroup: 10001,
        runAsNonRoot: true,
        seccompProfile: { type: "RuntimeDefault" },
      },
      securityContext: RESTRICTED_CONTAINER,
      serviceAccount: { automountServiceAccountToken: false },
      extraVolumes: [{ name: "badger", persistentVolumeClaim: { claimName: BADGER_CLAIM } }],
      extraVolumeMounts: [{ name: "badger", mountPath: BADGER_MOUNT }],
    },
  };
}
