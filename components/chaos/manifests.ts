import { CHAOS_API_VERSION, DEFAULT_SERVICE_LABEL_KEY, EXERCISES_ANNOTATION, STEADY_STATE_ANNOTATION } from "./types";
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

export * from "./types";
export { validateChaosExperiment, isChaosSchedule, formatChaosIssues } from "./validate";

/**
 * Alerts each experiment is expected to fire (annotation platform.io/exercises). It must last at
 * least each alert's `for` + range window + two scrape intervals (test/chaos/alert-windows.spec.ts).
 * Seed 002's 30 s pod-failure and the gateway pod-kill cannot outlast any alert by design: they
 * claim the opposite, that the SLO holds, so they name the burn alert that must stay silent in
 * platform.io/steady-state instead.
 */
export const DEFAULT_EXERCISES: Readonly<Record<ChaosExperimentInput["kind"], readonly string[]>> = Object.freeze({
  "pod-failure": [],
  "network-delay": ["HighRequestLatencyP95"],
  "cpu-stress": ["HighPodCPUUsage"],
  "pod-kill": [],
});

/** Alerts that must not fire while the experiment runs (its steady-state hypothesis). */
export const DEFAULT_STEADY_STATE: Readonly<Record<ChaosExperimentInput["kind"], readonly string[]>> = Object.freeze({
  "pod-failure": ["SLOAvailabilityFastBurn"],
  "network-delay": [],
  "cpu-stress": [],
  "pod-kill": ["SLOAvailabilityFastBurn"],
});

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
    annotations: {
      [EXERCISES_ANNOTATION]: (input.exercises ?? DEFAULT_EXERCISES[input.kind]).join(","),
      ...(DEFAULT_STEADY_STATE[input.kind].length > 0
        ? { [STEADY_STATE_ANNOTATION]: DEFAULT_STEADY_STATE[input.kind].join(",") }
        : {}),
    },
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
          selector: chaosSelector(input.source),
          direction: "to",
          target: { mode: "all", selector: chaosSelector(input.target) },
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
