import { ALERT_NAMES, SLO_ALERT_NAMES } from "../alert-names";
import { DEFAULT_HYPOTHESIS, type ChaosExperimentInput, type ChaosIssue, type ServiceSelector } from "./types";
import { GO_DURATION_RE, goDurationSeconds, isChaosSchedule } from "../config/chaos-schedule";

export { goDurationSeconds, isChaosSchedule };

/** The NetworkChaos CRD pattern for delay.latency and delay.jitter. */
const TC_DURATION_RE = /^[0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h)$/;
const DNS_LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_KEY_RE = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** Spawned experiments get a 6-character suffix and must still fit 63 characters. */
export const MAX_SCHEDULE_NAME = 57;

export interface ValidateOptions {
  /** Services that exist; a target outside this list is reported. Omit to skip the check. */
  knownServices?: readonly string[];
  /** Alert names `exercises` may reference; default: the rendered alert catalog. */
  knownAlerts?: readonly string[];
  /** Prefix of issue paths; default the experiment name. */
  path?: string;
}

/**
 * Every problem with one experiment, each naming key path, value and expectation.
 * Catches what the Chaos Mesh webhook would reject mid-`pulumi up` (bad duration,
 * cron, percentages) and what it would accept but we never want (empty selectors,
 * unknown services, runs as long as their interval).
 */
export function validateChaosExperiment(input: ChaosExperimentInput, options: ValidateOptions = {}): ChaosIssue[] {
  const issues: ChaosIssue[] = [];
  const at = options.path ?? input.name;
  const add = (key: string, value: unknown, expected: string) => issues.push({ path: `${at}.${key}`, value, expected });
  const intIn = (key: string, value: number | undefined, lo: number, hi: number, what: string) => {
    if (value !== undefined && (!Number.isInteger(value) || value < lo || value > hi))
      add(key, value, `${what} between ${lo} and ${hi}`);
  };

  if (typeof input.name !== "string" || input.name.length > MAX_SCHEDULE_NAME || !DNS_LABEL_RE.test(input.name)) {
    add("name", input.name, `a lowercase DNS label of at most ${MAX_SCHEDULE_NAME} characters (Chaos Mesh appends 6)`);
  }
  if (typeof input.namespace !== "string" || !DNS_LABEL_RE.test(input.namespace))
    add("namespace", input.namespace, "a Kubernetes namespace name");
  const scheduleOk = typeof input.schedule === "string" && isChaosSchedule(input.schedule);
  if (!scheduleOk)
    add("schedule", input.schedule, 'a cron expression ("0 * * * *"), a descriptor like "@hourly", or "@every 1h"');
  const durationOk =
    typeof input.duration === "string" && GO_DURATION_RE.test(input.duration) && goDurationSeconds(input.duration) > 0;
  if (!durationOk) add("duration", input.duration, 'a positive Go duration like "30s", "5m" or "1h30m" (no spaces)');
  const every = scheduleOk ? /^@every (.+)$/.exec(input.schedule) : null;
  if (every && durationOk && goDurationSeconds(input.duration) >= goDurationSeconds(every[1])) {
    add("duration", input.duration, `shorter than the schedule interval (${every[1]}), or the fault never lifts`);
  }
  intIn("historyLimit", input.historyLimit, 1, 100, "an integer");
  const known: readonly string[] = options.knownAlerts ?? [...ALERT_NAMES, ...SLO_ALERT_NAMES];
  if (input.exercises !== undefined && DEFAULT_HYPOTHESIS[input.kind] === "steady-state") {
    add(
      "exercises",
      input.exercises,
      `omitted: ${input.kind} is a steady-state experiment (it names alerts that must stay silent)`,
    );
  } else if (input.exercises !== undefined) {
    if (input.exercises.length === 0) add("exercises", input.exercises, "at least one alert name");
    input.exercises.forEach((a, i) => {
      if (!known.includes(a)) add(`exercises[${i}]`, a, `a known alert (${known.join(", ")})`);
    });
  }

  const selector = (key: string, s: ServiceSelector | undefined) => {
    if (!s) {
      add(key, s, "a { namespace, service } selector");
      return;
    }
    if (typeof s.namespace !== "string" || !DNS_LABEL_RE.test(s.namespace))
      add(`${key}.namespace`, s.namespace, "a Kubernetes namespace name (experiments are never cluster-wide)");
    if (
      typeof s.service !== "string" ||
      s.service.length === 0 ||
      s.service.length > 63 ||
      !/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(s.service)
    ) {
      add(`${key}.service`, s.service, "a service name usable as a label value");
    } else if (options.knownServices && !options.knownServices.includes(s.service)) {
      add(`${key}.service`, s.service, `a configured service (${options.knownServices.join(", ")})`);
    }
    if (s.labelKey !== undefined && !LABEL_KEY_RE.test(s.labelKey))
      add(`${key}.labelKey`, s.labelKey, 'a Kubernetes label key like "app.kubernetes.io/name"');
  };

  switch (input.kind) {
    case "pod-failure":
      selector("target", input.target);
      intIn("percent", input.percent, 1, 100, "an integer percentage");
      if (input.percent === undefined) add("percent", input.percent, "an integer percentage between 1 and 100");
      break;
    case "network-delay":
      selector("target", input.target);
      if (
        typeof input.latency !== "string" ||
        !TC_DURATION_RE.test(input.latency) ||
        goDurationSeconds(input.latency) <= 0
      )
        add("latency", input.latency, 'a positive delay like "100ms" (one number and unit)');
      if (input.jitter !== undefined && !TC_DURATION_RE.test(input.jitter))
        add("jitter", input.jitter, 'a delay like "10ms" (one number and unit)');
      if (
        input.correlation !== undefined &&
        !(/^[0-9]+(\.[0-9]+)?$/.test(input.correlation) && Number(input.correlation) <= 100)
      ) {
        add("correlation", input.correlation, 'a percentage string "0".."100"');
      }
      break;
    case "cpu-stress":
      selector("target", input.target);
      intIn("workers", input.workers, 1, 8192, "an integer");
      if (input.workers === undefined) add("workers", input.workers, "an integer between 1 and 8192");
      intIn("load", input.load, 1, 100, "an integer percentage");
      if (input.load === undefined) add("load", input.load, "an integer percentage between 1 and 100");
      break;
    case "pod-kill":
      selector("target", input.target);
      intIn("gracePeriod", input.gracePeriod, 0, 3600, "an integer number of seconds");
      break;
    default:
      add("kind", (input as { kind: unknown }).kind, 'one of "pod-failure", "network-delay", "cpu-stress", "pod-kill"');
  }
  return issues;
}

export function formatChaosIssues(issues: readonly ChaosIssue[]): string {
  return (
    `Invalid chaos experiment (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n` +
    issues.map((i) => `  - ${i.path}: got ${JSON.stringify(i.value) ?? "(missing)"}; expected ${i.expected}`).join("\n")
  );
}
