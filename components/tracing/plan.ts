/**
 * The tracing stack's Kubernetes objects as plain values: its namespace, Jaeger's volume claim,
 * the mesh-wide Telemetry that turns tracing on, and the NetworkPolicies that admit spans from
 * the waypoints to the collector and from the collector to Jaeger only.
 */
import type { TracingConfig } from "../config/sections/tracing";
import { NAMESPACES } from "../k8s-names";
import { STORAGE_CLASS } from "../observability/values";
import { ISTIO_NAMESPACE, WAYPOINT_NAME, WAYPOINT_POD_LABEL } from "../mesh/values";
import { TRACING } from "./names";
import { BADGER_CLAIM } from "./values";
import { KUBE_DNS_EGRESS, namespaceSelector, networkPolicy } from "../network-policy";

/** Pod labels the charts put on their pods (selector labels at the pinned chart versions). */
export const COLLECTOR_POD_LABELS = {
  "app.kubernetes.io/name": "opentelemetry-collector",
  "app.kubernetes.io/instance": TRACING.collectorRelease,
} as const;
export const JAEGER_POD_LABELS = {
  "app.kubernetes.io/name": "jaeger",
  "app.kubernetes.io/instance": TRACING.jaegerRelease,
} as const;

/** Not in the ambient mesh: its pods receive plain OTLP, which the waypoints send outside HBONE. */
export function tracingNamespace() {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: TRACING.namespace,
      labels: {
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/warn": "restricted",
        "app.kubernetes.io/managed-by": "pulumi",
      },
    },
  };
}

/** Jaeger's Badger volume on the cluster's encrypted gp3 StorageClass, sized from config. */
export function badgerClaim(t: Pick<TracingConfig, "storageGiB">) {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: {
      name: BADGER_CLAIM,
      namespace: TRACING.namespace,
      // gp3 binds when Jaeger's pod is scheduled (WaitForFirstConsumer), after this claim exists.
      annotations: { "pulumi.com/skipAwait": "true" },
    },
    spec: {
      accessModes: ["ReadWriteOnce"],
      storageClassName: STORAGE_CLASS,
      resources: { requests: { storage: `${t.storageGiB}Gi` } },
    },
  };
}

/**
 * The mesh-wide default (a Telemetry in Istio's root namespace): every waypoint reports spans to
 * the collector provider at `samplingPercent`. Istio reference: telemetry.istio.io/v1 Telemetry,
 * `tracing[].providers` and `randomSamplingPercentage`.
 */
export function meshTracingTelemetry(t: Pick<TracingConfig, "samplingPercent">) {
  return {
    apiVersion: "telemetry.istio.io/v1",
    kind: "Telemetry",
    metadata: { name: "mesh-default", namespace: ISTIO_NAMESPACE },
    spec: { tracing: [{ providers: [{ name: TRACING.provider }], randomSamplingPercentage: t.samplingPercent }] },
  };
}

/**
 * The namespace starts default-deny both ways; then only the span path is open: the waypoints
 * (apps namespace) send OTLP/gRPC to the collector, the collector resolves Jaeger's Service and
 * writes to it (4317). Jaeger (Badger on its own volume) sends nothing; its UI (16686) admits
 * nothing, being reached by `kubectl port-forward` through the kubelet. The collector calls no
 * Kubernetes API (no k8sattributes processor, no token mounted). Kubelet probes come from the
 * node's IP, which the VPC CNI's policy agent always admits (aws/aws-network-policy-agent
 * pull 65, read 2026-12-07). Nothing scrapes the collector's own metrics (no monitor is planned
 * for 8888), so no rule admits them: a rule no flow uses fails the plan.
 */
export function tracingNetworkPolicies() {
  return [
    networkPolicy("default-deny", TRACING.namespace, { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
    networkPolicy("otel-collector-egress", TRACING.namespace, {
      podSelector: { matchLabels: { ...COLLECTOR_POD_LABELS } },
      policyTypes: ["Egress"],
      egress: [
        {
          to: [{ podSelector: { matchLabels: { ...JAEGER_POD_LABELS } } }],
          ports: [{ protocol: "TCP", port: TRACING.otlpGrpcPort }],
        },
        KUBE_DNS_EGRESS,
      ],
    }),
    networkPolicy("otel-collector-ingress", TRACING.namespace, {
      podSelector: { matchLabels: { ...COLLECTOR_POD_LABELS } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespaceSelector: namespaceSelector(NAMESPACES.apps),
              podSelector: { matchLabels: { [WAYPOINT_POD_LABEL]: WAYPOINT_NAME } },
            },
          ],
          ports: [{ protocol: "TCP", port: TRACING.otlpGrpcPort }],
        },
      ],
    }),
    networkPolicy("jaeger-ingress", TRACING.namespace, {
      podSelector: { matchLabels: { ...JAEGER_POD_LABELS } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [{ podSelector: { matchLabels: { ...COLLECTOR_POD_LABELS } } }],
          ports: [{ protocol: "TCP", port: TRACING.otlpGrpcPort }],
        },
      ],
    }),
  ];
}

/**
 * Egress of the apps namespace's waypoint to the collector: the apps namespace denies all egress
 * by default (components/mesh), so without this the waypoint's spans never leave it.
 */
export function waypointEgressPolicy() {
  return networkPolicy("waypoint-to-otel-collector", NAMESPACES.apps, {
    podSelector: { matchLabels: { [WAYPOINT_POD_LABEL]: WAYPOINT_NAME } },
    policyTypes: ["Egress"],
    egress: [
      {
        to: [
          {
            namespaceSelector: namespaceSelector(TRACING.namespace),
            podSelector: { matchLabels: { ...COLLECTOR_POD_LABELS } },
          },
        ],
        ports: [{ protocol: "TCP", port: TRACING.otlpGrpcPort }],
      },
    ],
  });
}

/** The port-forward that opens Jaeger's UI on localhost:16686. */
export function uiCommand(): string {
  return `kubectl -n ${TRACING.namespace} port-forward svc/${TRACING.jaegerRelease} ${TRACING.queryPort}:${TRACING.queryPort}`;
}
