import { MESH_METRICS } from "../mesh/telemetry";
import type { AlertName, AlertThresholds, AlertingRule } from "./rules-types";

/** A rule before its `for` is applied, plus the group it belongs to. */
export interface CatalogEntry {
  group: "workloads" | "nodes" | "autoscaling";
  rule: Omit<AlertingRule, "for">;
}

/** Ratios in PromQL without binary float noise (0.1 + 0.2 style). */
export function promNumber(x: number): string {
  return String(Number(x.toPrecision(12)));
}

/**
 * The alert catalog (seeds 002/003). Why these expressions:
 * - Pod CPU divides cAdvisor usage by the kube-state-metrics CPU *limit*, matching the seed's
 *   "80% of quota" intent without depending on cgroup quota metrics (absent on cgroup v2).
 * - Request latency and errors come from the mesh (waypoint-reported istio_* metrics,
 *   components/mesh/telemetry.ts), never from what app images may or may not export.
 * - Aggregations name labels that some exporter versions lack (e.g. KEDA `scaledObject`):
 *   `by` on an absent label is harmless, so the rules survive label changes across versions.
 */
export function alertCatalog(t: AlertThresholds, w: string): Record<AlertName, CatalogEntry> {
  const cpu = promNumber(t.podCpuPercent / 100);
  const errors = promNumber(t.errorRatePercent / 100);
  const sat = promNumber(t.saturationPercent / 100);
  const by = "destination_service_namespace, destination_service_name";
  const requests = MESH_METRICS.requests.name;
  const bucket = `${MESH_METRICS.requestDuration.name}_bucket`;

  return {
    HighPodCPUUsage: {
      group: "workloads",
      rule: {
        alert: "HighPodCPUUsage",
        expr:
          `sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container!="", container!="POD"}[${w}]))` +
          ` / sum by (namespace, pod) (kube_pod_container_resource_limits{resource="cpu"}) > ${cpu}`,
        labels: { severity: "warning" },
        annotations: {
          summary:
            "Pod {{ $labels.namespace }}/{{ $labels.pod }} uses more than " + `${t.podCpuPercent}% of its CPU limit`,
          description: "CPU usage is {{ $value | humanizePercentage }} of the pod's CPU limit.",
          runbook:
            "Check whether the HPA/KEDA is scaling the workload (HPAMaxedOut); if it is at max replicas, raise maxReplicas or the CPU limit. " +
            "If one pod is hot while others are idle, look for uneven load (sticky clients, a hot key) or a busy loop in that pod's logs. " +
            "Pods without a CPU limit are not covered by this alert.",
        },
      },
    },
    KubernetesNodeNotReady: {
      group: "nodes",
      rule: {
        alert: "KubernetesNodeNotReady",
        expr: `kube_node_status_condition{condition="Ready", status="true"} == 0`,
        labels: { severity: "critical" },
        annotations: {
          summary: "Node {{ $labels.node }} is not Ready",
          description: "Node {{ $labels.node }} has reported Ready=false or Unknown.",
          runbook:
            "kubectl describe node <node> and check kubelet/containerd on the instance (SSM). " +
            "Karpenter-managed nodes that stay NotReady are replaced by node auto-repair or can be drained and deleted; " +
            "for the system node group check the EKS managed node group health.",
        },
      },
    },
    HighRequestLatencyP95: {
      group: "workloads",
      rule: {
        alert: "HighRequestLatencyP95",
        expr: `histogram_quantile(0.95, sum by (${by}, le) (rate(${bucket}{reporter="waypoint"}[${w}]))) > ${t.latencyP95Ms}`,
        labels: { severity: "warning" },
        annotations: {
          summary:
            "p95 latency of {{ $labels.destination_service_namespace }}/{{ $labels.destination_service_name }} is above " +
            `${t.latencyP95Ms}ms`,
          description: "p95 request latency is {{ $value | humanize }} ms (waypoint-reported).",
          runbook:
            `Uses the mesh histogram ${bucket} (reporter="waypoint"), so it covers every service behind the waypoint whatever its image exports. ` +
            "Compare with upstream timings in the gateway access log, then check saturation (CPU throttling, DB connections, cache hit ratio). " +
            "Scale out or roll back the latest deploy if latency started with it.",
        },
      },
    },
    HighErrorRate: {
      group: "workloads",
      rule: {
        alert: "HighErrorRate",
        expr:
          `sum by (${by}) (rate(${requests}{reporter="waypoint",response_code=~"5.."}[${w}]))` +
          ` / sum by (${by}) (rate(${requests}{reporter="waypoint"}[${w}])) > ${errors}`,
        labels: { severity: "critical" },
        annotations: {
          summary:
            "{{ $labels.destination_service_namespace }}/{{ $labels.destination_service_name }} returns more than " +
            `${t.errorRatePercent}% 5xx responses`,
          description: "5xx ratio is {{ $value | humanizePercentage }}.",
          runbook:
            `Counts ${requests} with response_code=~"5.." as the waypoint reports them. Check the service logs and recent deploys, ` +
            "then pod restarts and readiness (a pod-failure chaos run should stay under this threshold). Roll back if the errors started with a release.",
        },
      },
    },
    NodeCPUSaturation: {
      group: "nodes",
      rule: {
        alert: "NodeCPUSaturation",
        expr: `1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[${w}])) > ${sat}`,
        labels: { severity: "warning" },
        annotations: {
          summary: "Node {{ $labels.instance }} CPU is above " + `${t.saturationPercent}%`,
          description: "CPU utilisation is {{ $value | humanizePercentage }}.",
          runbook:
            "Karpenter should add capacity for pending pods; check the NodePool CPU limit and KarpenterNodeLaunchFailing. " +
            "If pods are not pending, requests are too low for actual use: raise requests so the scheduler spreads load.",
        },
      },
    },
    NodeMemorySaturation: {
      group: "nodes",
      rule: {
        alert: "NodeMemorySaturation",
        expr: `1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes > ${sat}`,
        labels: { severity: "warning" },
        annotations: {
          summary: "Node {{ $labels.instance }} memory is above " + `${t.saturationPercent}%`,
          description: "Memory utilisation is {{ $value | humanizePercentage }}.",
          runbook:
            "Look for pods whose usage exceeds requests (kubectl top pods) and OOMKilled restarts. " +
            "Raise memory requests to match real use so Karpenter provisions enough memory, or evict the offender.",
        },
      },
    },
    HPAMaxedOut: {
      group: "autoscaling",
      rule: {
        alert: "HPAMaxedOut",
        expr: "kube_horizontalpodautoscaler_status_current_replicas >= kube_horizontalpodautoscaler_spec_max_replicas",
        labels: { severity: "warning" },
        annotations: {
          summary: "HPA {{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler }} is at its maximum replicas",
          description: "The workload cannot scale further; load above this point degrades latency.",
          runbook:
            "Confirm the load is real (traffic dashboards), then raise maxReplicas (HPA or KEDA ScaledObject; KEDA HPAs are named keda-hpa-*) " +
            "and check that Karpenter NodePool limits leave room for the extra pods.",
        },
      },
    },
    KedaScalerErrors: {
      group: "autoscaling",
      rule: {
        alert: "KedaScalerErrors",
        expr: `sum by (namespace, scaledObject, scaler) (rate(keda_scaler_detail_errors_total[${w}])) > 0`,
        labels: { severity: "warning" },
        annotations: {
          summary: "KEDA scaler {{ $labels.scaler }} of {{ $labels.namespace }}/{{ $labels.scaledObject }} is failing",
          description:
            "The scaler returns errors ({{ $value | humanize }}/s); KEDA falls back to the last known or fallback replica count.",
          runbook:
            "kubectl describe scaledobject and the keda-operator logs. Typical causes: Pod Identity role missing sqs:GetQueueAttributes, " +
            "queue URL/region wrong, Prometheus trigger query or serverAddress unreachable. Uses keda_scaler_detail_errors_total (KEDA >= 2.15).",
        },
      },
    },
    KarpenterNodeLaunchFailing: {
      group: "autoscaling",
      rule: {
        alert: "KarpenterNodeLaunchFailing",
        expr: `sum by (controller, error) (rate(karpenter_cloudprovider_errors_total{method="Create", error!="NodeClaimNotFoundError"}[${w}])) > 0`,
        labels: { severity: "critical" },
        annotations: {
          summary: "Karpenter cannot launch nodes ({{ $labels.error }})",
          description: "CloudProvider.Create calls are failing; pending pods will not get capacity.",
          runbook:
            "Check karpenter controller logs and NodeClaim events. InsufficientInstanceCapacity: widen instance types/zones or allow on-demand; " +
            "UnauthorizedOperation: the node role or controller Pod Identity policy; subnet/security group discovery tags on the EC2NodeClass.",
        },
      },
    },
  };
}
