import type { ConfigIssue } from "../errors";
import type { ParsedSections } from "../schema";
import { isIanaZone } from "../../workloads/timezones";

type Sections = { [K in keyof ParsedSections]?: ParsedSections[K] };
type Add = (path: string, value: unknown, expected: string) => void;
const key = (section: string, rest = "") => `platform:${section}${rest}`;

/**
 * Cross-field rules of request-rate and scheduled scaling (issue 16), beside ./workloads.ts.
 * A schedule floor at or above a service's maxReplicas pins it at the max (the rate trigger can
 * add nothing, HPAMaxedOut fires all day), so it is refused here rather than found in production.
 */
export function autoscalingIssues(c: Sections): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add: Add = (path, value, expected) => issues.push({ path, value, expected });
  const a = c.autoscaling;
  if (!a) return issues;
  const bh = a.keda.businessHours;
  const schedule = key("autoscaling", ".keda.businessHours");
  if (bh.timezone !== undefined && !isIanaZone(bh.timezone))
    add(
      `${schedule}.timezone`,
      bh.timezone,
      'an IANA time zone like "America/New_York" (or unset: each region\'s own zone)',
    );
  if (bh.offHoursReplicas > bh.desiredReplicas)
    add(`${schedule}.offHoursReplicas`, bh.offHoursReplicas, `at most desiredReplicas (${bh.desiredReplicas})`);
  if (bh.weekendReplicas > bh.offHoursReplicas)
    add(`${schedule}.weekendReplicas`, bh.weekendReplicas, `at most offHoursReplicas (${bh.offHoursReplicas})`);
  if (a.mesh.minReplicas > a.mesh.maxReplicas)
    add(
      key("autoscaling", ".mesh.minReplicas"),
      a.mesh.minReplicas,
      `at most autoscaling.mesh.maxReplicas (${a.mesh.maxReplicas})`,
    );

  const meshOn = c.mesh?.enabled ?? true;
  (c.services ?? []).forEach((s, i) => {
    const keda = s.autoscaling.keda;
    if (!keda || s.autoscaling.hpa) return;
    const at = key("services", `[${i}].autoscaling.keda`);
    if (keda.mesh && s.kind === "worker")
      add(`${at}.mesh`, true, "false for a worker (no Service, so the mesh sees no requests to scale on)");
    if (keda.mesh && !meshOn)
      add(`${at}.mesh`, true, "false while platform:mesh.enabled is false (nothing exports istio_requests_total)");
    const max = keda.maxReplicas ?? (keda.mesh ? a.mesh.maxReplicas : a.keda.maxReplicas);
    const maxFrom =
      keda.maxReplicas !== undefined
        ? `${at}.maxReplicas`
        : keda.mesh
          ? "autoscaling.mesh.maxReplicas"
          : "autoscaling.keda.maxReplicas";
    if (keda.mesh && keda.minReplicas === undefined && !keda.businessHours && a.mesh.minReplicas > max)
      add(`${at}.maxReplicas`, max, `at least autoscaling.mesh.minReplicas (${a.mesh.minReplicas})`);
    if (!keda.businessHours) return;
    const floors = [
      ["desiredReplicas", bh.desiredReplicas],
      ["offHoursReplicas", bh.offHoursReplicas],
    ] as const;
    for (const [field, floor] of floors) {
      if (floor >= max)
        add(
          `${schedule}.${field}`,
          floor,
          `below the maxReplicas (${max}, ${maxFrom}) of services[${i}] (${s.name}), so its rate trigger can still add capacity`,
        );
    }
  });
  return issues;
}
