import { SYSTEM_NODE_LABEL, SYSTEM_TOLERATIONS } from "../cluster/types";
import { NAMESPACES, PROMETHEUS_RELEASE } from "../k8s-names";

/**
 * Helm values for kube-prometheus-stack, from plain values only (ARNs and URLs are resolved
 * by the caller), so every field is testable without the engine.
 *
 * Selectors: the chart's defaults stay on (`*SelectorNilUsesHelmValues: true`), so Prometheus
 * selects PrometheusRules, ServiceMonitors and PodMonitors labelled `release: <release>` in
 * every namespace. Our rules and monitors carry that label (policy `k8s-prometheus-rule-label`);
 * anything else in the cluster is ignored rather than silently scraped.
 *
 * Placement: the operator, kube-state-metrics, Prometheus and Alertmanager run on the tainted
 * system nodes. The alerting path must not depend on Karpenter-launched capacity, because
 * "Karpenter cannot launch nodes" is one of the things it alerts on. Grafana is a convenience
 * and runs on ordinary (Karpenter) nodes. node-exporter tolerates every taint: it must run on
 * every node, system nodes included.
 */

export const GRAFANA_ADMIN_SECRET_KEYS = { user: "admin-user", password: "admin-password" } as const;
/** ServiceAccounts named explicitly: Pod Identity associations bind to these names. */
export const PROMETHEUS_SERVICE_ACCOUNT = `${PROMETHEUS_RELEASE}-prometheus`;
export const ALERTMANAGER_SERVICE_ACCOUNT = `${PROMETHEUS_RELEASE}-alertmanager`;
/** StorageClass the EKS area creates: gp3, encrypted, WaitForFirstConsumer. */
export const STORAGE_CLASS = "gp3";

/**
 * The Role Grafana's sidecars run under (grafana.rbac.useExistingRole): read ConfigMaps in the
 * monitoring namespace, nothing else. The chart's own Role (grafana-10.2.0 templates/role.yaml)
 * would also grant get/list/watch on every Secret there (Alertmanager's config, the admin secret).
 */
export const GRAFANA_SIDECAR_ROLE = "grafana-sidecar-configmaps";

export function grafanaSidecarRoleManifest() {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1" as const,
    kind: "Role" as const,
    metadata: { name: GRAFANA_SIDECAR_ROLE, namespace: NAMESPACES.monitoring },
    rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }],
  };
}

export type Severity = "critical" | "warning" | "info";

export interface AlertRoute {
  severity: Severity;
  /** "sns": the region's alarm topic; "null": dropped. */
  receiver: "sns" | "null";
  /** How often a still-firing alert is re-sent, e.g. "1h". */
  repeatInterval: string;
}

export interface PrometheusStackValuesInput {
  clusterName: string;
  region: string;
  /** Prometheus TSDB retention, e.g. "360h". */
  retention: string;
  /** Size of the Prometheus volume, GiB. */
  storageGiB: number;
  /** Scrape and rule-evaluation interval, e.g. "15s". */
  scrapeInterval: string;
  /** Accept remote writes (k6 load-test results); only while load tests are enabled. */
  remoteWriteReceiver?: boolean;
  /** Amazon Managed Prometheus remote_write URL; omitted = no remote write. */
  remoteWriteUrl?: string;
  /** SNS topic Alertmanager publishes to (SigV4 through Pod Identity). */
  alarmTopicArn: string;
  routes: readonly AlertRoute[];
  /** Secret (in the release namespace) holding the Grafana admin user and password. */
  grafanaAdminSecret: string;
  /**
   * Enrol Prometheus in the ambient mesh (pod label istio.io/dataplane-mode): its scrapes of the
   * STRICT-mTLS apps namespace then carry its identity, which the mesh's AuthorizationPolicies allow.
   */
  meshMember?: boolean;
}

const system = () => ({
  nodeSelector: { ...SYSTEM_NODE_LABEL },
  tolerations: SYSTEM_TOLERATIONS.map((t) => ({ ...t })),
});

/** Prometheus `retentionSize`: 85 % of the volume, so a full disk never stops ingestion (units are 2^30 bytes). */
export function retentionSize(storageGiB: number): string {
  return `${Math.max(1, Math.floor(storageGiB * 0.85))}GB`;
}

/** Alertmanager configuration: critical/warning as configured, Watchdog and unrouted severities dropped. */
export function alertmanagerConfig(
  input: Pick<PrometheusStackValuesInput, "alarmTopicArn" | "routes" | "region" | "clusterName">,
): Record<string, unknown> {
  return {
    global: { resolve_timeout: "5m" },
    route: {
      receiver: "null",
      group_by: ["alertname", "cluster", "region", "namespace"],
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: "12h",
      routes: [
        // Watchdog always fires by design (dead man's switch); it must never page.
        { receiver: "null", matchers: ['alertname = "Watchdog"'] },
        ...input.routes.map((r) => ({
          receiver: r.receiver,
          matchers: [`severity = "${r.severity}"`],
          repeat_interval: r.repeatInterval,
        })),
      ],
    },
    receivers: [
      { name: "null" },
      {
        name: "sns",
        sns_configs: [
          {
            topic_arn: input.alarmTopicArn,
            sigv4: { region: input.region },
            send_resolved: true,
            subject: `[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} (${input.clusterName})`,
            message:
              "{{ range .Alerts }}{{ .Annotations.summary }}\n{{ .Annotations.description }}\nRunbook: {{ .Annotations.runbook }}\n\n{{ end }}",
          },
        ],
      },
    ],
    // A critical alert silences the matching warning for the same thing.
    inhibit_rules: [
      {
        source_matchers: ['severity = "critical"'],
        target_matchers: ['severity = "warning"'],
        equal: ["alertname", "namespace", "service"],
      },
    ],
  };
}

export function kubePrometheusStackValues(input: PrometheusStackValuesInput): Record<string, unknown> {
  const remoteWrite = input.remoteWriteUrl
    ? [
        {
          url: input.remoteWriteUrl,
          // Credentials come from EKS Pod Identity through the SDK's default chain; no keys in values.
          sigv4: { region: input.region },
          // AMP's recommended queue settings for its ingestion limits.
          queueConfig: { maxSamplesPerSend: 1000, maxShards: 200, capacity: 2500 },
        },
      ]
    : [];
  return {
    // EKS runs the control plane: these targets cannot be scraped and would only raise TargetDown.
    kubeControllerManager: { enabled: false },
    kubeScheduler: { enabled: false },
    kubeEtcd: { enabled: false },
    kubeProxy: { enabled: false },
    prometheusOperator: { ...system() },
    "kube-state-metrics": { ...system() },
    "prometheus-node-exporter": { tolerations: [{ operator: "Exists" }] },
    prometheus: {
      serviceAccount: { create: true, name: PROMETHEUS_SERVICE_ACCOUNT },
      prometheusSpec: {
        externalLabels: { cluster: input.clusterName, region: input.region },
        retention: input.retention,
        retentionSize: retentionSize(input.storageGiB),
        scrapeInterval: input.scrapeInterval,
        evaluationInterval: input.scrapeInterval,
        // The chart defaults, stated so a values change cannot silently widen or drop selection.
        ruleSelectorNilUsesHelmValues: true,
        serviceMonitorSelectorNilUsesHelmValues: true,
        podMonitorSelectorNilUsesHelmValues: true,
        storageSpec: {
          volumeClaimTemplate: {
            spec: {
              storageClassName: STORAGE_CLASS,
              accessModes: ["ReadWriteOnce"],
              resources: { requests: { storage: `${input.storageGiB}Gi` } },
            },
          },
        },
        securityContext: {
          runAsNonRoot: true,
          runAsUser: 1000,
          runAsGroup: 2000,
          fsGroup: 2000,
          seccompProfile: { type: "RuntimeDefault" },
        },
        resources: { requests: { cpu: "200m", memory: "1Gi" }, limits: { memory: "3Gi" } },
        remoteWrite,
        // k6's experimental-prometheus-rw output posts to /api/v1/write, which Prometheus serves
        // only with --web.enable-remote-write-receiver (prometheus-operator: enableRemoteWriteReceiver).
        ...(input.remoteWriteReceiver ? { enableRemoteWriteReceiver: true } : {}),
        ...(input.meshMember ? { podMetadata: { labels: { "istio.io/dataplane-mode": "ambient" } } } : {}),
        ...system(),
      },
    },
    alertmanager: {
      serviceAccount: { create: true, name: ALERTMANAGER_SERVICE_ACCOUNT },
      config: alertmanagerConfig(input),
      alertmanagerSpec: {
        securityContext: {
          runAsNonRoot: true,
          runAsUser: 1000,
          runAsGroup: 2000,
          fsGroup: 2000,
          seccompProfile: { type: "RuntimeDefault" },
        },
        resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "256Mi" } },
        ...system(),
      },
    },
    grafana: {
      // The password lives only in the Secret; nothing secret is in these values.
      admin: {
        existingSecret: input.grafanaAdminSecret,
        userKey: GRAFANA_ADMIN_SECRET_KEYS.user,
        passwordKey: GRAFANA_ADMIN_SECRET_KEYS.password,
      },
      securityContext: { runAsNonRoot: true, runAsUser: 472, runAsGroup: 472, fsGroup: 472 },
      defaultDashboardsTimezone: "utc",
      // kube-prometheus-stack 79.9.0 (Chart.yaml at tag kube-prometheus-stack-79.9.0) pulls grafana
      // chart 10.2.0 and sets sidecar.dashboards.searchNamespace: ALL in its values.yaml. Checked at
      // tag grafana-10.2.0 (grafana/helm-charts, charts/grafana): rbac.namespaced renders a Role in
      // the release namespace and no ClusterRole (templates/role.yaml, clusterrole.yaml);
      // searchNamespace is a namespace list joined into the sidecar's NAMESPACE env (_pod.tpl);
      // resource (configmap|secret|both, default both) is what the sidecar lists and watches. The
      // chart's dashboards and datasource are ConfigMaps, so the sidecars read no Secret; and
      // useExistingRole binds the chart's RoleBinding (rolebinding.yaml) to our ConfigMap-only
      // Role instead of the chart's Role, which role.yaml always renders with secrets too.
      rbac: { namespaced: true, useExistingRole: GRAFANA_SIDECAR_ROLE },
      sidecar: {
        dashboards: { searchNamespace: [NAMESPACES.monitoring], resource: "configmap" },
        datasources: { searchNamespace: [NAMESPACES.monitoring], resource: "configmap" },
      },
    },
  };
}

/**
 * Pod Security for the monitoring namespace: "privileged" enforced, because node-exporter
 * needs hostNetwork, hostPID and hostPath mounts of /proc and /sys, which "baseline" forbids.
 * Audit and warn stay at "baseline", so anything else that starts needing host access there
 * shows up in the audit log and in kubectl warnings.
 */
export function monitoringNamespaceLabels(): Record<string, string> {
  return {
    "pod-security.kubernetes.io/enforce": "privileged",
    "pod-security.kubernetes.io/audit": "baseline",
    "pod-security.kubernetes.io/warn": "baseline",
    "app.kubernetes.io/managed-by": "pulumi",
  };
}
