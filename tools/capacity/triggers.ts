/**
 * The most replicas each autoscaling trigger can ask for at the design peak, read from the planned
 * ScaledObjects and HPAs (what the cluster will run, not the config that produced it). Rules, read
 * 2026-12-07:
 * - Kubernetes HPA (kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#algorithm-details):
 *   desired = ceil(current x metric / target); with several metrics the HPA takes the largest.
 * - KEDA ScaledObject (keda.sh/docs/2.20/reference/scaledobject-spec/#triggers): metricType
 *   AverageValue divides the metric by the replica count, so at a steady rate r the trigger settles at
 *   ceil(r / threshold); Value and Utilization grow with the ratio until maxReplicaCount.
 * - KEDA cron scaler (keda.sh/docs/2.20/scalers/cron): desiredReplicas inside the window.
 * - KEDA kafka scaler (keda.sh/docs/2.20/scalers/apache-kafka): by default (allowIdleConsumers false)
 *   replicas never exceed the topic's partitions.
 * Every ask is capped by maxReplicaCount; the workload gets max(minReplicaCount, largest ask).
 */
import { ASSUMPTIONS, type Assumptions } from "./assumptions";
import type { Demand, PlanLike } from "./model";

type Res = PlanLike["resources"][number];
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface TriggerAsk {
  trigger: string;
  type: string;
  /** Replicas this trigger asks for at the design peak, capped by the maximum. */
  replicas: number;
  /** How the figure follows from the plan and the demand model. */
  why: string;
  /** True for the trigger(s) whose ask sets the replica count (KEDA/HPA take the max). */
  decides: boolean;
}
export interface WorkloadAsks {
  region: string;
  workload: string;
  kind: "ScaledObject" | "HorizontalPodAutoscaler";
  minReplicas: number;
  maxReplicas: number;
  replicas: number;
  triggers: TriggerAsk[];
}

const SO = "kubernetes:keda.sh/v1alpha1:ScaledObject";
const HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
const APPS = "apps";

const regionOf = (r: Res, regions: string[]) =>
  r.region ?? regions.find((g) => r.name.startsWith(`${g}-`)) ?? "unknown";

/** Partitions per region and topic, from the planned Kafka cluster components. */
function partitions(plan: PlanLike, regions: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of plan.resources.filter((x) => x.type === "platform:kafka:KafkaCluster"))
    for (const [topic, t] of Object.entries((r.inputs.topics ?? {}) as Record<string, { partitions?: number }>))
      if (t.partitions) out.set(`${regionOf(r, regions)}/${topic}`, t.partitions);
  return out;
}

function kedaAsk(t: Json, ctx: { max: number; rps?: number; partitions?: number }): Omit<TriggerAsk, "decides"> {
  const name: string = t.name ?? t.type;
  const m: Json = t.metadata ?? {};
  const max = ctx.max;
  const cap = (n: number, why: string) => ({ trigger: name, type: t.type, replicas: Math.min(n, max), why });
  if (t.type === "cron") return cap(Number(m.desiredReplicas), `cron desiredReplicas ${m.desiredReplicas}`);
  if (t.type === "cpu" || t.type === "memory")
    return cap(max, `${t.type} utilization ${m.value} %: can reach maxReplicaCount ${max}`);
  if (t.type === "kafka") {
    const p = ctx.partitions;
    return p === undefined
      ? cap(max, `lag on ${m.topic}: partitions unknown, maxReplicaCount ${max}`)
      : cap(p, `lag on ${m.topic}: at most one consumer per partition, ${p} partitions`);
  }
  if (t.type === "prometheus" && name === "request-rate" && (t.metricType ?? "AverageValue") === "AverageValue") {
    const threshold = Number(m.threshold);
    if (ctx.rps === undefined) return cap(max, `request rate: no route share for this service, maxReplicaCount ${max}`);
    const n = Math.ceil(ctx.rps / threshold);
    return cap(
      n,
      `ceil(${ctx.rps.toFixed(1)} rps / ${threshold} per pod) = ${n}${n > max ? `, capped at ${max}` : ""}`,
    );
  }
  return cap(
    max,
    `${t.type}${t.metricType ? ` ${t.metricType}` : ""}: not bounded by the demand model, maxReplicaCount ${max}`,
  );
}

function hpaAsk(m: Json, max: number): Omit<TriggerAsk, "decides"> {
  const name: string = m.resource?.name ?? m.pods?.metric?.name ?? m.external?.metric?.name ?? m.type;
  const target = m.resource?.target ?? {};
  const what = target.averageUtilization !== undefined ? `utilization ${target.averageUtilization} %` : m.type;
  return { trigger: name, type: m.type, replicas: max, why: `${what}: can reach maxReplicas ${max}` };
}

const decide = (min: number, asks: Omit<TriggerAsk, "decides">[]) => {
  const replicas = Math.max(min, ...asks.map((a) => a.replicas));
  return { replicas, triggers: asks.map((a) => ({ ...a, decides: a.replicas === replicas })) };
};

/**
 * Per region and scaled app workload, each trigger's ask at the design peak with all regions up
 * (the peak split evenly, then by the service's route share).
 */
export function triggerAsks(plan: PlanLike, d: Demand, a: Assumptions = ASSUMPTIONS): WorkloadAsks[] {
  const regions = [...new Set(plan.resources.map((r) => r.region).filter((r): r is string => !!r))].sort();
  const perRegionRps = d.peakRps / Math.max(1, regions.length);
  const parts = partitions(plan, regions);
  const out: WorkloadAsks[] = [];
  for (const r of plan.resources) {
    if ((r.type !== SO && r.type !== HPA) || r.inputs.metadata?.namespace !== APPS) continue;
    const region = regionOf(r, regions);
    const spec: Json = r.inputs.spec;
    const workload: string = spec.scaleTargetRef.name;
    const share = a.routeShare[workload];
    if (r.type === SO) {
      const min = spec.minReplicaCount ?? 0;
      const max = spec.maxReplicaCount ?? 100; // KEDA's default maxReplicaCount
      const asks = ((spec.triggers ?? []) as Json[]).map((t) =>
        kedaAsk(t, {
          max,
          rps: share === undefined ? undefined : perRegionRps * share,
          partitions: t.type === "kafka" ? parts.get(`${region}/${t.metadata?.topic}`) : undefined,
        }),
      );
      out.push({ region, workload, kind: "ScaledObject", minReplicas: min, maxReplicas: max, ...decide(min, asks) });
    } else {
      const min = spec.minReplicas ?? 1;
      const asks = ((spec.metrics ?? []) as Json[]).map((m) => hpaAsk(m, spec.maxReplicas));
      out.push({
        region,
        workload,
        kind: "HorizontalPodAutoscaler",
        minReplicas: min,
        maxReplicas: spec.maxReplicas,
        ...decide(min, asks),
      });
    }
  }
  return out.sort((x, y) => x.region.localeCompare(y.region) || x.workload.localeCompare(y.workload));
}

export function formatTriggerAsks(rows: WorkloadAsks[]): string[] {
  const lines = ["Most replicas each trigger asks for at the design peak (all regions up; * decides):"];
  for (const w of rows) {
    lines.push(`  ${w.region.padEnd(14)} ${w.workload} (${w.minReplicas}..${w.maxReplicas}): ${w.replicas} replicas`);
    for (const t of w.triggers)
      lines.push(`    ${t.decides ? "*" : " "} ${t.trigger.padEnd(24)} ${String(t.replicas).padStart(4)}  ${t.why}`);
  }
  return lines;
}
