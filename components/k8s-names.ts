/** Namespaces and in-cluster names several components agree on. */
export const NAMESPACES = {
  apps: "apps",
  monitoring: "monitoring",
  keda: "keda",
  karpenter: "kube-system",
  lbController: "kube-system",
  chaos: "chaos-mesh",
} as const;

/** Helm release of kube-prometheus-stack; its Prometheus selects rules/monitors labelled `release: <this>`. */
export const PROMETHEUS_RELEASE = "kube-prometheus-stack";
/** In-cluster Prometheus URL (KEDA prometheus triggers). */
export const PROMETHEUS_URL = `http://${PROMETHEUS_RELEASE}-prometheus.${NAMESPACES.monitoring}.svc:9090`;

/** The gateway Service the ALB's TargetGroupBinding targets. */
export const GATEWAY_SERVICE = { name: "nginx-gateway", namespace: NAMESPACES.apps, port: 80 } as const;

/** ConfigMap in the apps namespace with the data tier's endpoints and secret ARNs (env for services). */
export const DATA_ENDPOINTS_CONFIGMAP = "data-endpoints";
