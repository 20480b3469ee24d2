import type { ConfigIssue } from "../errors";
import type { ParsedSections } from "../schema";
import { isIanaZone } from "../timezones";
import { replicaBounds } from "./replicas";

type Sections = { [K in keyof ParsedSections]?: ParsedSections[K] };
type Add = (path: string, value: unknown, expected: string) => void;
const key = (section: string, rest = "") => `platform:${section}${rest}`;

/**
 * Cross-field rules of request-rate and scheduled scaling, beside ./workloads.ts.
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
    // Seeds 001/002: a web service scales on its request rate. An HPA here has only CPU and memory
    // (no custom-metrics adapter is deployed), and KEDA without a rate trigger has none either.
    const rateTrigger =
      "{ keda: { mesh: true } } (request rate, p95 and 5xx from the mesh) or keda.prometheus with a request-rate query";
    if (s.kind === "web" && s.autoscaling.hpa && !keda)
      add(
        key("services", `[${i}].autoscaling.hpa`),
        s.autoscaling.hpa,
        `no plain CPU/memory HPA for a web service (${s.name}): use ${rateTrigger}`,
      );
    const triggers = keda && (keda.mesh || keda.prometheus || keda.sqsQueueLength || keda.businessHours);
    // A block with no trigger at all is reported once, by the schema's own rule.
    if (s.kind === "web" && keda && triggers && !s.autoscaling.hpa && !keda.mesh && !keda.prometheus)
      add(
        key("services", `[${i}].autoscaling.keda`),
        keda,
        `a request-rate trigger for a web service (${s.name}): ${rateTrigger}`,
      );
    if (!keda || s.autoscaling.hpa) return;
    const at = key("services", `[${i}].autoscaling.keda`);
    if (keda.mesh && s.kind === "worker")
      add(`${at}.mesh`, true, "false for a worker (no Service, so the mesh sees no requests to scale on)");
    if (keda.mesh && !meshOn)
      add(`${at}.mesh`, true, "false while platform:mesh.enabled is false (nothing exports istio_requests_total)");
    const max = replicaBounds(s, a)!.max;
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
