import type { ConfigIssue } from "../errors";
import type { ParsedSections } from "../schema";
import { duplicates, durationSeconds } from "../primitives";
import { isChaosSchedule } from "../chaos-schedule";
import { DEFAULT_FOR, DEFAULT_RATE_WINDOW } from "../../alert-names";

type Sections = { [K in keyof ParsedSections]?: ParsedSections[K] };
type Add = (path: string, value: unknown, expected: string) => void;
const key = (section: string, rest = "") => `platform:${section}${rest}`;

/** Cross-field rules of `platform:chaos`, beside ./operations.ts. */
export function chaosIssues(c: Sections): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (c.chaos) checkChaos(c, (path, value, expected) => issues.push({ path, value, expected }));
  return issues;
}

function checkChaos(c: Sections, add: Add): void {
  const ch = c.chaos!;
  // Targets only matter when experiments run: a prod catalogue without the seed services must not
  // trip over chaos defaults it never uses (chaos is opt-in outside dev).
  const enabled = ch.enabled ?? c.environment === "dev";
  const names = enabled ? c.services?.map((s) => s.name) : undefined;
  const known = (path: string, target: string) => {
    if (names && !names.includes(target)) add(key("chaos", path), target, `a configured service (${names.join(", ")})`);
  };
  ch.podFailure.targets.forEach((t, i) => known(`.podFailure.targets[${i}]`, t));
  duplicates(ch.podFailure.targets).forEach((t) =>
    add(key("chaos", ".podFailure.targets"), t, "each service listed once (one Schedule per target)"),
  );
  known(".networkDelay.target", ch.networkDelay.target);
  const target = enabled ? c.services?.find((s) => s.name === ch.networkDelay.target) : undefined;
  if (target && target.kind !== "web")
    add(
      key("chaos", ".networkDelay.target"),
      target.name,
      "a web service (HighRequestLatencyP95 reads the mesh latency of web services only)",
    );
  // NetworkChaos hands latency to tc: one number and one unit (the CRD's pattern).
  const latency = ch.networkDelay.latency;
  if (!/^[0-9]+(ms|s|m|h)$/.test(latency) || durationSeconds(latency) <= 0) {
    add(key("chaos", ".networkDelay.latency"), latency, 'a positive delay with one unit, like "100ms"');
  } else {
    // The delay claims to fire HighRequestLatencyP95: every reply must exceed its threshold.
    const thresholdMs = c.observability?.thresholds.latencyP95Ms;
    if (enabled && thresholdMs !== undefined && durationSeconds(latency) * 1000 <= thresholdMs)
      add(
        key("chaos", ".networkDelay.latency"),
        latency,
        `more than platform:observability.thresholds.latencyP95Ms (${thresholdMs}ms), or HighRequestLatencyP95 cannot fire`,
      );
    // Probe replies are delayed too: at the probe timeout the pods turn unready and the run measures an outage instead.
    const timeouts = target ? [target.probes.readiness.timeoutSeconds, target.probes.liveness.timeoutSeconds] : [];
    if (timeouts.length > 0 && durationSeconds(latency) >= Math.min(...timeouts))
      add(
        key("chaos", ".networkDelay.latency"),
        latency,
        `less than ${target!.name}'s shortest probe timeout (${Math.min(...timeouts)}s): its probe replies are delayed too`,
      );
  }
  if (ch.cpuStress.workers > 8192)
    add(key("chaos", ".cpuStress.workers"), ch.cpuStress.workers, "at most 8192 stress-ng workers");
  known(".cpuStress.target", ch.cpuStress.target);
  const schedules: [string, string][] = [
    [".podFailure.schedule", ch.podFailure.schedule],
    [".networkDelay.schedule", ch.networkDelay.schedule],
    [".cpuStress.schedule", ch.cpuStress.schedule],
    [".gatewayPodKill.schedule", ch.gatewayPodKill.schedule],
  ];
  // isChaosSchedule checks field ranges the way Chaos Mesh's cron parser does ("61 * * * *" fails there).
  for (const [path, value] of schedules)
    if (!isChaosSchedule(value)) add(key("chaos", path), value, 'a cron expression ("0 * * * *") or "@every 1h"');
  const runs: [string, string, string][] = [
    [".podFailure", ch.podFailure.duration, ch.podFailure.schedule],
    [".networkDelay", ch.networkDelay.duration, ch.networkDelay.schedule],
    [".cpuStress", ch.cpuStress.duration, ch.cpuStress.schedule],
  ];
  // An experiment that claims to fire an alert must outlast its for + rate window + two scrapes
  // (the first scrape that sees the fault, and the one that fills the window), or it cannot.
  const scrape = durationSeconds(c.observability?.scrapeInterval ?? "15s");
  const claims: [string, string, keyof typeof DEFAULT_FOR][] = [
    [".networkDelay", ch.networkDelay.duration, "HighRequestLatencyP95"],
    [".cpuStress", ch.cpuStress.duration, "HighPodCPUUsage"],
  ];
  for (const [path, d, alert] of claims) {
    const needed = durationSeconds(DEFAULT_FOR[alert]) + durationSeconds(DEFAULT_RATE_WINDOW) + 2 * scrape;
    if (enabled && durationSeconds(d) > 0 && durationSeconds(d) < needed)
      add(
        key("chaos", `${path}.duration`),
        d,
        `at least ${needed}s (${alert}: for ${DEFAULT_FOR[alert]} + rate window ${DEFAULT_RATE_WINDOW} + 2 scrapes of ${scrape}s), or the alert it claims cannot fire`,
      );
  }
  for (const [path, d, schedule] of runs) {
    if (durationSeconds(d) <= 0)
      add(key("chaos", `${path}.duration`), d, "a positive duration (a zero-length fault never runs)");
    const every = /^@every (.+)$/.exec(schedule);
    if (every && durationSeconds(d) >= durationSeconds(every[1]))
      add(key("chaos", `${path}.duration`), d, `shorter than the schedule interval (${every[1]})`);
  }
}
