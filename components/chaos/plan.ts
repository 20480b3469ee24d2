import { chaosSchedule } from "./manifests";
import type { ChaosExperimentInput, ChaosIssue, ChaosScheduleManifest } from "./types";
import { formatChaosIssues, validateChaosExperiment } from "./validate";

/**
 * Everything needed to plan the platform's experiments. The four experiment blocks have
 * the shape of `platform:chaos` (components/config/sections/operations.ts), so a caller
 * passes `{ ...config.chaos, namespace, services, gateway }`.
 */
export interface ChaosPlanInput {
  /** Namespace the services run in; Schedules are created there too. */
  namespace: string;
  /** Names of the configured services (targets must be among them). */
  services: readonly string[];
  /** Gateway service name (target of pod-kill). Default "gateway". */
  gateway?: string;
  /** Pod label carrying the service name. Default `app.kubernetes.io/name`. */
  labelKey?: string;
  /** Prefix of Schedule names. Default "chaos". */
  namePrefix?: string;
  podFailure: { targets: readonly string[]; percent: number; duration: string; schedule: string };
  networkDelay: { target: string; latency: string; duration: string; schedule: string };
  cpuStress: { target: string; workers: number; load: number; duration: string; schedule: string };
  gatewayPodKill: { schedule: string; duration?: string };
}

const KEY = "platform:chaos";

/** Experiment inputs with the config key each one came from (for error paths). */
export function chaosExperimentInputs(
  p: ChaosPlanInput,
): { path: string; targetPath: string; input: ChaosExperimentInput }[] {
  const gateway = p.gateway ?? "gateway";
  const prefix = p.namePrefix ?? "chaos";
  const sel = (service: string) => ({ namespace: p.namespace, service, labelKey: p.labelKey });
  return [
    ...p.podFailure.targets.map((target, i) => ({
      path: `${KEY}.podFailure`,
      targetPath: `${KEY}.podFailure.targets[${i}]`,
      input: {
        kind: "pod-failure" as const,
        name: `${prefix}-pod-failure-${target}`,
        namespace: p.namespace,
        target: sel(target),
        percent: p.podFailure.percent,
        duration: p.podFailure.duration,
        schedule: p.podFailure.schedule,
      },
    })),
    {
      path: `${KEY}.networkDelay`,
      targetPath: `${KEY}.networkDelay.target`,
      input: {
        kind: "network-delay",
        name: `${prefix}-delay-${p.networkDelay.target}`,
        namespace: p.namespace,
        target: sel(p.networkDelay.target),
        latency: p.networkDelay.latency,
        duration: p.networkDelay.duration,
        schedule: p.networkDelay.schedule,
      },
    },
    {
      path: `${KEY}.cpuStress`,
      targetPath: `${KEY}.cpuStress.target`,
      input: {
        kind: "cpu-stress",
        name: `${prefix}-cpu-stress-${p.cpuStress.target}`,
        namespace: p.namespace,
        target: sel(p.cpuStress.target),
        workers: p.cpuStress.workers,
        load: p.cpuStress.load,
        duration: p.cpuStress.duration,
        schedule: p.cpuStress.schedule,
      },
    },
    {
      path: `${KEY}.gatewayPodKill`,
      targetPath: `${KEY}.gateway`,
      input: {
        kind: "pod-kill",
        name: `${prefix}-pod-kill-${gateway}`,
        namespace: p.namespace,
        target: sel(gateway),
        duration: p.gatewayPodKill.duration ?? "30s",
        schedule: p.gatewayPodKill.schedule,
      },
    },
  ];
}

/** Every problem across the plan, with paths in `platform:chaos.*` terms, each reported once. */
export function validateChaosPlan(p: ChaosPlanInput): ChaosIssue[] {
  const known = [...p.services, p.gateway ?? "gateway"];
  const seen = new Set<string>();
  return (
    chaosExperimentInputs(p)
      .flatMap(({ path, targetPath, input }) =>
        validateChaosExperiment(input, { knownServices: known, path }).map((issue) => ({
          ...issue,
          path: issue.path === `${path}.target.service` ? targetPath : issue.path,
        })),
      )
      // pod-failure expands to one experiment per target; a shared bad field is one problem.
      .filter((issue) => {
        const key = `${issue.path}\u0000${issue.expected}`;
        return seen.has(key) ? false : (seen.add(key), true);
      })
  );
}

/** One Schedule per pod-failure target, plus network delay (egress of the target's pods), CPU stress and gateway pod-kill. */
export function planChaosExperiments(p: ChaosPlanInput): ChaosScheduleManifest[] {
  const issues = validateChaosPlan(p);
  if (issues.length > 0) throw new Error(formatChaosIssues(issues));
  return chaosExperimentInputs(p).map(({ input }) => chaosSchedule(input));
}
