/**
 * KEDA triggers that read mesh telemetry and the seed 004 schedule. The queries use the metric
 * names and labels components/mesh/telemetry.ts guarantees (the waypoint's istio_* metrics), so
 * they do not depend on what an app image exports. Every Prometheus trigger sets
 * `ignoreNullValues: "false"` (keda.sh/docs/2.20/scalers/prometheus: default true, "Set to false
 * the scaler will return error when Prometheus target is lost"): an empty result is an error
 * (and the ScaledObject's fallback), never a silent 0 that parks the service at its minimum.
 * Where "no traffic" is a legitimate 0 (an idle service, or one the waypoint has not seen yet), the
 * query itself answers 0, but only while the waypoint is scraped. The error ratio is no trigger: when a dependency fails, more
 * pods would only add load to it (a 5 % error rate would ask for 5 times the pods); errors feed the
 * HighErrorRate alert and the availability SLO instead.
 */
import type { AutoscalingConfig } from "../../config/types";
import { NAMESPACES, PROMETHEUS_URL } from "../../k8s-names";
import { WAYPOINT_NAME } from "../../mesh/values";
import { MESH_METRICS, requestRateQuery, serviceSelector } from "../../mesh/telemetry";
import type { Manifest } from "./common";

/** Mesh trigger settings of one service (autoscaling.mesh merged with the HPA's CPU/memory targets). */
export interface MeshTriggerSettings {
  service: string;
  requestsPerSecondPerPod: number;
  p95Milliseconds: number;
  cpuPercent: number;
  memoryPercent: number;
}

const WINDOW = { rate: "2m", slo: "5m" } as const;

/**
 * 0 while the apps namespace's waypoint is scraped and up, empty when it is not. A service the
 * waypoint has not seen a request for yet (idle dev, just after a waypoint restart) has no series:
 * that is 0, not a scaler error; a lost waypoint scrape stays an error (KEDA's fallback). The job
 * label is the one the Prometheus Operator gives a PodMonitor's targets: <namespace>/<name>.
 */
export function waypointUpAsZero(): string {
  return `(sum(up{job="${NAMESPACES.monitoring}/${WAYPOINT_NAME}",namespace="${NAMESPACES.apps}"} == 1) * 0)`;
}

/** Requests per second into the service (AverageValue: KEDA divides by the replica count). */
export function meshRateQuery(service: string): string {
  return `${requestRateQuery(service, WINDOW.rate)} or on() ${waypointUpAsZero()}`;
}

/**
 * CPU the service's app containers use as a share of what they request (cAdvisor usage over
 * kube-state-metrics requests). Pods are `<deployment>-<replicaset hash>-<suffix>`.
 */
export function appCpuShareQuery(service: string): string {
  const pods = `namespace="${NAMESPACES.apps}",container="app",pod=~"${service}-[a-z0-9]+-[a-z0-9]+"`;
  return (
    `(sum(rate(container_cpu_usage_seconds_total{${pods}}[${WINDOW.rate}]))` +
    ` / sum(kube_pod_container_resource_requests{${pods},resource="cpu"}))`
  );
}

/**
 * p95 in ms, counted only while the service's own pods are busy: CPU at least half the HPA's CPU
 * target (`cpuGatePercent`). Slow answers from idle pods come from a dependency (the database, a
 * peer, the cache), where more pods only add load to what is already slow; then the query reads 0
 * and the other triggers decide. 0 without requests (NaN) or without series while the waypoint is
 * up; empty (error) when it is not.
 */
export function meshP95Query(service: string, cpuGatePercent: number): string {
  const sel = serviceSelector(service);
  const base = MESH_METRICS.requestDuration.name;
  const p95 = `histogram_quantile(0.95, sum by (le) (rate(${base}_bucket{${sel}}[${WINDOW.slo}])))`;
  const busy = `${appCpuShareQuery(service)} >= ${cpuGatePercent / 100}`;
  return (
    `((${p95} >= 0) and on() (${busy}))` +
    ` or on() (sum(rate(${base}_count{${sel}}[${WINDOW.slo}])) * 0) or on() ${waypointUpAsZero()}`
  );
}

const prometheus = (name: string, query: string, threshold: number, metricType: "AverageValue" | "Value") => ({
  type: "prometheus",
  name,
  metricType,
  metadata: { serverAddress: PROMETHEUS_URL, query, threshold: String(threshold), ignoreNullValues: "false" },
});

/**
 * Request rate (AverageValue: replicas = rate / per-pod target), p95 (Value: replicas grow with
 * value / threshold, in the steps the HPA behavior allows; only while the pods are CPU-busy), CPU and memory utilisation
 * (seed 000/002). The HPA takes the largest of them.
 */
export function meshTriggers(m: MeshTriggerSettings): Manifest[] {
  return [
    prometheus("request-rate", meshRateQuery(m.service), m.requestsPerSecondPerPod, "AverageValue"),
    prometheus("p95-latency", meshP95Query(m.service, m.cpuPercent / 2), m.p95Milliseconds, "Value"),
    { type: "cpu", name: "cpu", metricType: "Utilization", metadata: { value: String(m.cpuPercent) } },
    { type: "memory", name: "memory", metricType: "Utilization", metadata: { value: String(m.memoryPercent) } },
  ];
}

export type Schedule = AutoscalingConfig["keda"]["businessHours"];

/**
 * Seed 004 schedule as two cron triggers in the region's time zone: weekdays all day at the
 * off-hours floor, business hours at the business floor; weekends fall back to the
 * ScaledObject's minimum (the weekend floor). A cron trigger is a floor, not a pin: the HPA takes
 * the max over all triggers, so the rate trigger still adds replicas above it up to the max.
 * The weekday window ends at 23:59 because KEDA's start and end must differ.
 */
export function scheduleTriggers(schedule: Schedule, region: string): Manifest[] {
  const timezone = schedule.timeZones[region];
  if (timezone === undefined) throw new Error(`region ${region}: not a configured region (no resolved time zone)`);
  return [
    {
      type: "cron",
      name: "weekday-off-hours",
      metadata: {
        timezone,
        start: "0 0 * * 1-5",
        end: "59 23 * * 1-5",
        desiredReplicas: String(schedule.offHoursReplicas),
      },
    },
    {
      type: "cron",
      name: "business-hours",
      metadata: {
        timezone,
        start: schedule.start,
        end: schedule.end,
        desiredReplicas: String(schedule.desiredReplicas),
      },
    },
  ];
}
