/** A container that passes every Kubernetes workload policy. */
export function goodContainer(name = "app"): Record<string, any> {
  return {
    name,
    // Pinned by digest (k8s-image-digest); test data, not a real image.
    image: `ghcr.io/acme/user-service:1.4.2@sha256:${"0123456789abcdef".repeat(4)}`,
    ports: [{ containerPort: 8000 }],
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "200m", memory: "256Mi" } },
    livenessProbe: { httpGet: { path: "/api/v1/health/", port: 8000 }, initialDelaySeconds: 20, periodSeconds: 10 },
    readinessProbe: { httpGet: { path: "/api/v1/health/", port: 8000 }, initialDelaySeconds: 5, periodSeconds: 5 },
    securityContext: {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    },
  };
}

export const APP_LABELS = { "app.kubernetes.io/name": "user-service" };

/** A compliant Deployment manifest (the props Pulumi sees for kubernetes:apps/v1:Deployment). */
export function goodDeployment(name = "user-service", namespace = "apps"): Record<string, any> {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace, labels: { ...APP_LABELS } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { ...APP_LABELS } },
      template: {
        metadata: { labels: { ...APP_LABELS, "app.kubernetes.io/version": "1.4.2" } },
        spec: {
          securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
          containers: [goodContainer()],
        },
      },
    },
  };
}

export function pdbFor(
  name = "user-service",
  namespace = "apps",
  matchLabels: Record<string, string> = { ...APP_LABELS },
): Record<string, any> {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name, namespace },
    spec: { minAvailable: 1, selector: { matchLabels } },
  };
}

export function hpaFor(target: string, namespace = "apps", kind = "Deployment"): Record<string, any> {
  return {
    metadata: { name: target, namespace },
    spec: { scaleTargetRef: { apiVersion: "apps/v1", kind, name: target }, minReplicas: 3, maxReplicas: 10 },
  };
}

export function scaledObjectFor(target: string, namespace = "apps", kind?: string): Record<string, any> {
  return {
    metadata: { name: target, namespace },
    spec: {
      scaleTargetRef: { name: target, ...(kind ? { kind } : {}) },
      minReplicaCount: 3,
      maxReplicaCount: 10,
      triggers: [],
    },
  };
}
