import {
  CHAOS_API_VERSION,
  DEFAULT_HYPOTHESIS,
  DEFAULT_SERVICE_LABEL_KEY,
  EXERCISES_ANNOTATION,
  HYPOTHESIS_ANNOTATION,
  STEADY_STATE_ANNOTATION,
  type Hypothesis,
} from "./types";
import type {
  ChaosExperimentInput,
  ChaosExperimentManifest,
  ChaosKind,
  ChaosMetadata,
  ChaosScheduleManifest,
  ChaosSelector,
  ServiceSelector,
} from "./types";
import { formatChaosIssues, validateChaosExperiment, type ValidateOptions } from "./validate";
import { GATEWAY_STEADY_STATE_ALERTS } from "./hypotheses";

export * from "./types";
export { validateChaosExperiment, isChaosSchedule, formatChaosIssues } from "./validate";

/** Alerts each "fires-alert" kind is expected to fire (annotation platform.io/exercises). */
export const DEFAULT_EXERCISES: Readonly<Record<ChaosExperimentInput["kind"], readonly string[]>> = Object.freeze({
  "pod-failure": [],
  "network-delay": ["HighRequestLatencyP95"],
  "cpu-stress": ["HighPodCPUUsage"],
  "pod-kill": [],
});

/** Alerts that must not fire while a "steady-state" kind runs (annotation platform.io/steady-state). */
export const DEFAULT_STEADY_STATE: Readonly<Record<ChaosExperimentInput["kind"], readonly string[]>> = Object.freeze({
  "pod-failure": ["SLOAvailabilityFastBurn", "SLOLatencyFastBurn"],
  "network-delay": [],
  "cpu-stress": [],
  // The gateway's own counters: requests lost at a killed nginx never reach the waypoint's SLO series.
  "pod-kill": GATEWAY_STEADY_STATE_ALERTS,
});

/** The hypothesis annotations: the kind, then the alerts it fires or the alerts that must stay silent. */
export function hypothesisAnnotations(hypothesis: Hypothesis, alerts: readonly string[]): Record<string, string> {
  return {
    [HYPOTHESIS_ANNOTATION]: hypothesis,
    [hypothesis === "fires-alert" ? EXERCISES_ANNOTATION : STEADY_STATE_ANNOTATION]: alerts.join(","),
  };
}

const DEFAULT_HISTORY_LIMIT = 3;

/** Always namespace-scoped and label-scoped: an empty selector would hit every pod in the cluster. */
export function chaosSelector(s: ServiceSelector): ChaosSelector {
  return { namespaces: [s.namespace], labelSelectors: { [s.labelKey ?? DEFAULT_SERVICE_LABEL_KEY]: s.service } };
}

function metadata(input: ChaosExperimentInput): ChaosMetadata {
  return {
    name: input.name,
    namespace: input.namespace,
    labels: {
      "app.kubernetes.io/part-of": "platform",
      "app.kubernetes.io/component": "chaos",
      "platform.io/chaos-kind": input.kind,
    },
    annotations:
      DEFAULT_HYPOTHESIS[input.kind] === "fires-alert"
        ? hypothesisAnnotations("fires-alert", input.exercises ?? DEFAULT_EXERCISES[input.kind])
        : hypothesisAnnotations("steady-state", DEFAULT_STEADY_STATE[input.kind]),
  };
}

function embedded(
  input: ChaosExperimentInput,
): Pick<ChaosScheduleManifest["spec"], "type" | "podChaos" | "networkChaos" | "stressChaos"> {
  switch (input.kind) {
    case "pod-failure":
      return {
        type: "PodChaos",
        podChaos: {
          action: "pod-failure",
          mode: "fixed-percent",
          value: String(input.percent),
          duration: input.duration,
          selector: chaosSelector(input.target),
        },
      };
    case "pod-kill":
      return {
        type: "PodChaos",
        // One pod at a time: the gateway runs 2+ replicas behind a PDB, so one kill tests failover, not an outage.
        podChaos: {
          action: "pod-kill",
          mode: "one",
          duration: input.duration,
          gracePeriod: input.gracePeriod ?? 0,
          selector: chaosSelector(input.target),
        },
      };
    case "network-delay":
      return {
        type: "NetworkChaos",
        networkChaos: {
          action: "delay",
          mode: "all",
          selector: chaosSelector(input.target),
          // No target: every packet the pods send, i.e. every reply, waits `latency` (see NetworkDelayInput).
          direction: "to",
          delay: { latency: input.latency, correlation: input.correlation ?? "0", jitter: input.jitter ?? "0ms" },
          duration: input.duration,
        },
      };
    case "cpu-stress":
      return {
        type: "StressChaos",
        stressChaos: {
          mode: "all",
          selector: chaosSelector(input.target),
          stressors: { cpu: { workers: input.workers, load: input.load } },
          duration: input.duration,
        },
      };
  }
}

/**
 * A Chaos Mesh Schedule running the experiment on its schedule, never two at once
 * (concurrencyPolicy Forbid). Throws one error listing every problem in the input.
 */
export function chaosSchedule(input: ChaosExperimentInput, options: ValidateOptions = {}): ChaosScheduleManifest {
  const issues = validateChaosExperiment(input, options);
  if (issues.length > 0) throw new Error(formatChaosIssues(issues));
  return {
    apiVersion: CHAOS_API_VERSION,
    kind: "Schedule",
    metadata: metadata(input),
    spec: {
      schedule: input.schedule,
      concurrencyPolicy: "Forbid",
      historyLimit: input.historyLimit ?? DEFAULT_HISTORY_LIMIT,
      ...embedded(input),
    },
  };
}

/** The experiment a Schedule wraps, as a standalone object that runs once when applied. */
export function experimentFromSchedule(schedule: ChaosScheduleManifest): ChaosExperimentManifest {
  const key = {
    PodChaos: "podChaos",
    NetworkChaos: "networkChaos",
    StressChaos: "stressChaos",
  } as const satisfies Record<ChaosKind, string>;
  const spec = schedule.spec[key[schedule.spec.type]];
  if (!spec)
    throw new Error(
      `Schedule ${schedule.metadata.name}: spec.${key[schedule.spec.type]} is missing for type ${schedule.spec.type}`,
    );
  return { apiVersion: CHAOS_API_VERSION, kind: schedule.spec.type, metadata: schedule.metadata, spec };
}
