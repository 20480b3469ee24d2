import type { PlatformConfig, ServiceConfig } from "./types";

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);

/** The dotted paths of the leaves a stack file set under `value` (lists count as one leaf). */
function setPaths(value: unknown, prefix: string): string[] {
  if (!isObject(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => setPaths(v, `${prefix}.${k}`));
}

interface InertRule {
  /** Keys below the namespace this rule covers (prefix match on dotted paths). */
  readonly keys: readonly string[];
  /** Why they affect nothing in this stack, or undefined when something reads them. */
  readonly why: (c: PlatformConfig) => string | undefined;
}

const scaled = (c: PlatformConfig, test: (s: ServiceConfig) => boolean) => c.services.some(test);

/**
 * Settings that only matter when some part of the stack reads them. A stack that sets one while
 * nothing reads it gets a warning naming the key and why: it is either a mistake or a leftover.
 */
const RULES: readonly InertRule[] = [
  {
    keys: ["autoscaling.hpa.minReplicas", "autoscaling.hpa.maxReplicas"],
    why: (c) =>
      scaled(c, (s) => s.autoscaling.hpa !== undefined)
        ? undefined
        : "no service scales with a plain HPA (the gateway takes gateway.minReplicas/maxReplicas; KEDA-scaled services autoscaling.keda or autoscaling.mesh)",
  },
  {
    keys: ["autoscaling.mesh"],
    why: (c) =>
      scaled(c, (s) => s.autoscaling.keda?.mesh === true)
        ? undefined
        : "no service scales on mesh telemetry (autoscaling.keda.mesh)",
  },
  {
    keys: ["autoscaling.keda.businessHours"],
    why: (c) =>
      scaled(c, (s) => s.autoscaling.keda?.businessHours === true)
        ? undefined
        : "no service follows the business-hours schedule (autoscaling.keda.businessHours)",
  },
  {
    keys: ["autoscaling.keda.minReplicas", "autoscaling.keda.maxReplicas"],
    why: (c) =>
      scaled(c, (s) => s.autoscaling.keda !== undefined && s.autoscaling.keda.mesh !== true)
        ? undefined
        : "no service is scaled by KEDA without mesh telemetry (mesh-scaled services take autoscaling.mesh's range)",
  },
  ...(["database", "cache"] as const).map((section) => ({
    keys: [section],
    why: (c: PlatformConfig) => (c[section].enabled ? undefined : `${section}.enabled is false`),
  })),
];

/**
 * Warnings for keys a stack file sets that affect no resource in this stack. `values` are the
 * decoded sections as written; `config` is the resolved result.
 */
export function inertKeyWarnings(values: Raw, config: PlatformConfig, ns: string): string[] {
  const set = Object.entries(values).flatMap(([k, v]) => setPaths(v, k));
  const out: string[] = [];
  for (const rule of RULES) {
    const hits = set.filter((p) => rule.keys.some((k) => p === k || p.startsWith(`${k}.`)) && !p.endsWith(".enabled"));
    const why = hits.length > 0 ? rule.why(config) : undefined;
    if (why) for (const p of hits) out.push(`${ns}${p} is set but affects nothing in this stack: ${why}`);
  }
  const written = Array.isArray(values.services) ? (values.services as unknown[]) : [];
  written.forEach((entry, i) => {
    if (!isObject(entry) || entry.replicas === undefined || entry.remove === true) return;
    const s = config.services.find((x) => x.name === entry.name);
    const scaler = s?.autoscaling.hpa ? "an HPA" : s?.autoscaling.keda ? "a KEDA ScaledObject" : undefined;
    if (scaler)
      out.push(
        `${ns}services[${i}].replicas is set but affects nothing in this stack: ${String(entry.name)} is scaled by ${scaler}, which sets its replica count`,
      );
  });
  return out;
}
