/**
 * Inputs and outputs of the Chaos Mesh builders. Output field names follow the
 * chaos-mesh.org/v1alpha1 API (api/v1alpha1/{schedule,podchaos,networkchaos,stresschaos}_types.go
 * and selector.go in chaos-mesh/chaos-mesh; https://chaos-mesh.org/docs/define-scheduling-rules/).
 */

export const CHAOS_API_VERSION = "chaos-mesh.org/v1alpha1";
/**
 * Which of the two kinds of hypothesis an experiment tests:
 * - "fires-alert": the fault is big and long enough that the alerts named in
 *   EXERCISES_ANNOTATION must fire (it outlasts each one's for + range window + 2 scrapes and
 *   crosses its threshold); a run where they stay silent is a monitoring defect.
 * - "steady-state": the platform absorbs the fault; the alerts named in STEADY_STATE_ANNOTATION
 *   must stay silent. Seed 002's 30 s pod-failure is one: 30 s is shorter than any alert's
 *   `for`, so it can fire nothing by design; in prod it runs guarded by an abort check on those
 *   alerts (production.ts).
 */
export const HYPOTHESIS_ANNOTATION = "platform.io/hypothesis";
export type Hypothesis = "fires-alert" | "steady-state";
/** Alerts a "fires-alert" experiment is expected to fire (comma-separated, at least one). */
export const EXERCISES_ANNOTATION = "platform.io/exercises";
/** Alerts that must stay silent while a "steady-state" experiment runs (comma-separated, at least one). */
export const STEADY_STATE_ANNOTATION = "platform.io/steady-state";
export const DEFAULT_SERVICE_LABEL_KEY = "app.kubernetes.io/name";

/** Pods of one service in one namespace. Experiments are never cluster-wide. */
export interface ServiceSelector {
  namespace: string;
  service: string;
  /** Pod label carrying the service name; default `app.kubernetes.io/name`. */
  labelKey?: string;
}

interface ExperimentBase {
  /** Schedule name; at most 57 characters (Chaos Mesh appends 6 to each spawned experiment). */
  name: string;
  /** Namespace the Schedule object lives in. */
  namespace: string;
  /** Cron (5 or 6 fields), a descriptor like `@hourly`, or `@every <duration>`. */
  schedule: string;
  /** Go duration each run lasts, e.g. "30s". Must be shorter than an `@every` interval. */
  duration: string;
  /** Finished experiments kept per Schedule; default 3. */
  historyLimit?: number;
  /** Alert names this experiment exercises; defaults per kind. */
  exercises?: string[];
}

export interface PodFailureInput extends ExperimentBase {
  kind: "pod-failure";
  target: ServiceSelector;
  /** Percentage of the service's pods made unavailable (mode fixed-percent), 1..100. Seed 002: 20. */
  percent: number;
}

/**
 * Every packet the target's pods send is delayed, replies included (NetworkChaos direction "to"
 * with no target: tc netem on the pod's eth0). Under the ambient mesh the callers' traffic
 * reaches a pod as HBONE from the waypoint's ztunnel, not from the caller's IP, so a filter on
 * caller or callee IPs would match nothing; delaying the pod's own egress delays every response
 * the waypoint measures (istio_request_duration_milliseconds).
 */
export interface NetworkDelayInput extends ExperimentBase {
  kind: "network-delay";
  /** Pods whose outbound traffic is delayed. */
  target: ServiceSelector;
  /** Added latency, e.g. "100ms". */
  latency: string;
  /** Latency jitter; default "0ms". */
  jitter?: string;
  /** Correlation with the previous packet's delay, percent as a string "0".."100"; default "0". */
  correlation?: string;
}

export interface CpuStressInput extends ExperimentBase {
  kind: "cpu-stress";
  target: ServiceSelector;
  /** stress-ng CPU workers per container, 1..8192. */
  workers: number;
  /** Load per worker, percent 1..100. */
  load: number;
}

export interface PodKillInput extends ExperimentBase {
  kind: "pod-kill";
  target: ServiceSelector;
  /** Seconds before the pod is force-deleted; default 0. */
  gracePeriod?: number;
}

export type ChaosExperimentInput = PodFailureInput | NetworkDelayInput | CpuStressInput | PodKillInput;

/**
 * The hypothesis each kind of experiment tests (types.ts HYPOTHESIS_ANNOTATION). CPU stress and
 * network delay are sized to fire their alerts (test/chaos/alert-windows.spec.ts checks duration
 * and magnitude against the rendered rules). Seed 002's 30 s pod-failure and the gateway pod-kill
 * cannot outlast any alert by design: they claim the opposite, that the SLO holds.
 */
export const DEFAULT_HYPOTHESIS: Readonly<Record<ChaosExperimentInput["kind"], Hypothesis>> = Object.freeze({
  "pod-failure": "steady-state",
  "network-delay": "fires-alert",
  "cpu-stress": "fires-alert",
  "pod-kill": "steady-state",
});

/** Same shape as the config module's ConfigIssue, so reports read the same. */
export interface ChaosIssue {
  path: string;
  value: unknown;
  expected: string;
}

export interface ChaosSelector {
  namespaces: string[];
  labelSelectors: Record<string, string>;
}

export type SelectorMode = "one" | "all" | "fixed" | "fixed-percent" | "random-max-percent";

export interface PodSelectorSpec {
  selector: ChaosSelector;
  mode: SelectorMode;
  value?: string;
}

export interface PodChaosSpec extends PodSelectorSpec {
  action: "pod-failure" | "pod-kill";
  duration: string;
  gracePeriod?: number;
}

/** No `target`/`externalTargets`: Chaos Mesh 2.8.3 then applies netem to all egress (trafficcontrol/impl.go ApplyTc). */
export interface NetworkChaosSpec extends PodSelectorSpec {
  action: "delay";
  direction: "to";
  delay: { latency: string; correlation: string; jitter: string };
  duration: string;
}

export interface StressChaosSpec extends PodSelectorSpec {
  stressors: { cpu: { workers: number; load: number } };
  duration: string;
}

export type ChaosKind = "PodChaos" | "NetworkChaos" | "StressChaos";

export interface ChaosMetadata {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface ChaosScheduleManifest {
  apiVersion: typeof CHAOS_API_VERSION;
  kind: "Schedule";
  metadata: ChaosMetadata;
  spec: {
    schedule: string;
    concurrencyPolicy: "Forbid";
    historyLimit: number;
    type: ChaosKind;
    podChaos?: PodChaosSpec;
    networkChaos?: NetworkChaosSpec;
    stressChaos?: StressChaosSpec;
  };
}

/** A one-off experiment (no schedule), e.g. for a game day. */
export interface ChaosExperimentManifest {
  apiVersion: typeof CHAOS_API_VERSION;
  kind: ChaosKind;
  metadata: ChaosMetadata;
  spec: PodChaosSpec | NetworkChaosSpec | StressChaosSpec;
}
