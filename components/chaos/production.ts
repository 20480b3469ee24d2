/**
 * Seed 002's production experiment: pod-failure on 20 % of a service's pods for 30 s, hourly,
 * opt-in (`platform:chaos.production.enabled`), guarded by an abort condition. Shapes from
 * chaos-mesh/chaos-mesh v2.8.3 api/v1alpha1: a Schedule of `type: Workflow` (schedule_item.go
 * `workflow`), whose entry is a Parallel node running the PodChaos next to a Continuous HTTP
 * StatusCheck with `abortWithStatusCheck: true` (workflow_types.go, statuscheck_types.go): when
 * the check fails `failureThreshold` times in a row the workflow is aborted and the fault lifted.
 *
 * What the check probes: Chaos Mesh 2.8's HTTP criteria compare only the status code
 * (HTTPCriteria.statusCode), and the Prometheus and Alertmanager HTTP APIs answer 200 whether an
 * alert fires or not, so "abort on the SLO burn alert" cannot be expressed without a responder
 * that turns alert state into a status code. The check therefore probes what users depend on:
 * the target service's health route through its Service (ready pods only), which fails when the
 * surviving pods stop answering. The SLO burn alert stays named in platform.io/steady-state.
 */
import { chaosSelector } from "./manifests";
import { CHAOS_API_VERSION, EXERCISES_ANNOTATION, STEADY_STATE_ANNOTATION } from "./types";

export interface ProductionChaosInput {
  namespace: string;
  target: string;
  percent: number;
  duration: string;
  schedule: string;
  /** The target's health URL through its Service, e.g. http://user-service.apps.svc.cluster.local:8000/api/v1/health/. */
  healthUrl: string;
  labelKey?: string;
}

/** Abort after 2 failed probes 5 s apart: at most ~10 s of a 30 s fault once users are hurt. */
export const ABORT_CHECK = { intervalSeconds: 5, timeoutSeconds: 2, failureThreshold: 2, successThreshold: 1 } as const;

export function productionPodFailure(input: ProductionChaosInput) {
  const url = input.healthUrl;
  const name = `chaos-prod-pod-failure-${input.target}`.slice(0, 57);
  return {
    apiVersion: CHAOS_API_VERSION,
    kind: "Schedule" as const,
    metadata: {
      name,
      namespace: input.namespace,
      labels: { "app.kubernetes.io/part-of": "platform", "platform.io/experiment": "production-pod-failure" },
      annotations: { [EXERCISES_ANNOTATION]: "", [STEADY_STATE_ANNOTATION]: "SLOAvailabilityFastBurn" },
    },
    spec: {
      schedule: input.schedule,
      concurrencyPolicy: "Forbid" as const,
      historyLimit: 3,
      type: "Workflow" as const,
      workflow: {
        entry: "guarded",
        templates: [
          {
            name: "guarded",
            templateType: "Parallel",
            deadline: input.duration,
            children: ["abort-check", "pod-failure"],
          },
          {
            name: "abort-check",
            templateType: "StatusCheck",
            deadline: input.duration,
            abortWithStatusCheck: true,
            statusCheck: {
              mode: "Continuous",
              type: "HTTP",
              ...ABORT_CHECK,
              http: { url, method: "GET", criteria: { statusCode: "200" } },
            },
          },
          {
            name: "pod-failure",
            templateType: "PodChaos",
            deadline: input.duration,
            podChaos: {
              action: "pod-failure",
              mode: "fixed-percent",
              value: String(input.percent),
              selector: chaosSelector({ namespace: input.namespace, service: input.target, labelKey: input.labelKey }),
            },
          },
        ],
      },
    },
  };
}
