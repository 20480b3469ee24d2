/**
 * Seed 002's production experiment: pod-failure on 20 % of a service's pods for 30 s, hourly,
 * opt-in (`platform:chaos.production.enabled`), guarded by an abort condition on the SLO burn
 * alerts. Shapes from chaos-mesh/chaos-mesh v2.8.3 api/v1alpha1: a Schedule of `type: Workflow`
 * (schedule_item.go `workflow`) whose entry is a Serial node: first a Synchronous StatusCheck
 * (no fault starts while an SLO burn alert fires), then a Parallel node running the PodChaos next
 * to a Continuous StatusCheck. Both checks carry `abortWithStatusCheck: true`: when a check
 * reaches `failureThreshold` the workflow is aborted and the fault lifted
 * (pkg/workflow/controllers/statuscheck_reconciler.go needToAbort).
 *
 * How a status check reads an alert: Chaos Mesh 2.8.3's HTTP check compares only the status code
 * (controllers/statuscheck/http/http.go validateStatusCode; HTTPCriteria has no body matcher).
 * Prometheus' HTTP API answers 422 when an expression cannot be executed
 * (prometheus.io/docs/prometheus/latest/querying/api, "Format overview"). ABORT_QUERY is built to
 * be such an error exactly while a burn alert fires: `vector(1) + on() (ALERTS{...} or vector(0))`
 * has one right-hand series when no alert fires (200), and at least two with the same empty
 * match group when one does, which one-to-one matching rejects ("found duplicate series for the
 * match group", 422). test/chaos/abort-query.prometheus.spec.ts runs it on a real Prometheus.
 *
 * Why this is a steady-state experiment and not one that fires an alert: 30 s is shorter than the
 * `for` of every alert (SLOAvailabilityFastBurn: 2m), so the run can fire nothing by itself. It
 * tests that the SLO holds; the abort keeps it from adding to an SLO that is already burning.
 * The earlier health-URL check could not reach the service: apps is STRICT mTLS behind a
 * deny-by-default AuthorizationPolicy and a default-deny NetworkPolicy, and the controller is not
 * in the mesh, so every probe failed and every run would have been aborted.
 */
import { PROMETHEUS_URL } from "../k8s-names";
import { DEFAULT_STEADY_STATE, chaosSelector, hypothesisAnnotations } from "./manifests";
import { CHAOS_API_VERSION } from "./types";

export interface ProductionChaosInput {
  namespace: string;
  target: string;
  percent: number;
  duration: string;
  schedule: string;
  labelKey?: string;
}

/**
 * The burn alerts that abort a run: the pod-failure steady-state alerts (the two fast burns, which
 * page), for any service in the namespace.
 */
export const ABORT_ALERTS: readonly string[] = DEFAULT_STEADY_STATE["pod-failure"];

/** PromQL that is an execution error (HTTP 422) exactly while one of `alerts` fires in `namespace`. */
export function abortQuery(alerts: readonly string[], namespace: string): string {
  const selector = `alertname=~"${alerts.join("|")}",alertstate="firing",destination_service_namespace="${namespace}"`;
  return `vector(1) + on() (ALERTS{${selector}} or vector(0))`;
}

/** The instant-query URL of the in-cluster Prometheus (the Service kube-prometheus-stack creates). */
export function abortCheckUrl(query: string, prometheusUrl: string = PROMETHEUS_URL): string {
  return `${prometheusUrl}/api/v1/query?query=${encodeURIComponent(query)}`;
}

/**
 * One probe every 5 s with a 2 s timeout; one failure aborts (an alert is already debounced by
 * its `for`, and an unreachable Prometheus means nothing watches the SLO: stop). The pre-check
 * gets 10 s to see one success before the fault starts.
 */
export const ABORT_CHECK = { intervalSeconds: 5, timeoutSeconds: 2, failureThreshold: 1, successThreshold: 1 } as const;
export const PRECHECK_DEADLINE = "10s";

export function productionPodFailure(input: ProductionChaosInput) {
  const name = `chaos-prod-pod-failure-${input.target}`.slice(0, 57);
  const url = abortCheckUrl(abortQuery(ABORT_ALERTS, input.namespace));
  const check = (mode: "Synchronous" | "Continuous") => ({
    mode,
    type: "HTTP",
    ...ABORT_CHECK,
    http: { url, method: "GET", criteria: { statusCode: "200" } },
  });
  return {
    apiVersion: CHAOS_API_VERSION,
    kind: "Schedule" as const,
    metadata: {
      name,
      namespace: input.namespace,
      labels: { "app.kubernetes.io/part-of": "platform", "platform.io/experiment": "production-pod-failure" },
      annotations: hypothesisAnnotations("steady-state", ABORT_ALERTS),
    },
    spec: {
      schedule: input.schedule,
      concurrencyPolicy: "Forbid" as const,
      historyLimit: 3,
      type: "Workflow" as const,
      workflow: {
        entry: "guarded",
        templates: [
          { name: "guarded", templateType: "Serial", children: ["steady-state-before", "run"] },
          {
            name: "steady-state-before",
            templateType: "StatusCheck",
            deadline: PRECHECK_DEADLINE,
            abortWithStatusCheck: true,
            statusCheck: check("Synchronous"),
          },
          { name: "run", templateType: "Parallel", deadline: input.duration, children: ["abort-check", "pod-failure"] },
          {
            name: "abort-check",
            templateType: "StatusCheck",
            deadline: input.duration,
            abortWithStatusCheck: true,
            statusCheck: check("Continuous"),
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
