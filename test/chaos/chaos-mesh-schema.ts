import { z } from "zod";

/**
 * A strict schema of the part of the Chaos Mesh chaos-mesh.org/v1alpha1 API our builders
 * emit. There is no npm model package for Chaos Mesh, so this is written from:
 *  - https://chaos-mesh.org/docs/define-scheduling-rules/ (Schedule: schedule, historyLimit,
 *    concurrencyPolicy Forbid|Allow, type + the matching embedded spec; names <= 57 chars)
 *  - https://chaos-mesh.org/docs/define-chaos-experiment-scope/ (selector.namespaces,
 *    labelSelectors; mode one|all|fixed|fixed-percent|random-max-percent with value)
 *  - https://chaos-mesh.org/docs/simulate-pod-chaos-on-kubernetes/ (action, duration, gracePeriod)
 *  - https://chaos-mesh.org/docs/simulate-network-chaos-on-kubernetes/ (action delay,
 *    delay.latency/correlation/jitter, direction to|from|both, target {mode, value, selector})
 *  - https://chaos-mesh.org/docs/simulate-heavy-stress-on-kubernetes/ (stressors.cpu.workers/load)
 *  - the CRDs in chaos-mesh/chaos-mesh config/crd/bases/chaos-mesh.org_{schedules,podchaos,
 *    networkchaos,stresschaos}.yaml for enums, required fields and the latency pattern.
 * Stricter than the CRD on purpose where our safety rules apply: selectors must name
 * namespaces and labels, every experiment must carry a duration.
 */

const goDuration = z.string().regex(/^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/, "a Go duration");
const tcDuration = z.string().regex(/^[0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h)$/, "the CRD latency pattern");
const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
  .max(63);

const selector = z.strictObject({
  namespaces: z.array(dnsLabel).min(1, "selector.namespaces must scope the experiment"),
  labelSelectors: z
    .record(z.string(), z.string())
    .refine((l) => Object.keys(l).length > 0, "labelSelectors must not be empty"),
});

const MODES = ["one", "all", "fixed", "fixed-percent", "random-max-percent"] as const;

/** `value` is required by fixed/fixed-percent/random-max-percent and is a 0..100 percentage for the latter two. */
function modeValueRules(s: { mode: (typeof MODES)[number]; value?: string }, ctx: z.RefinementCtx): void {
  const needsValue = s.mode === "fixed" || s.mode === "fixed-percent" || s.mode === "random-max-percent";
  if (needsValue && s.value === undefined) ctx.addIssue({ code: "custom", message: `mode ${s.mode} requires value` });
  if (!needsValue && s.value !== undefined) ctx.addIssue({ code: "custom", message: `mode ${s.mode} takes no value` });
  if (s.mode.endsWith("percent") && s.value !== undefined && !(/^[0-9]+$/.test(s.value) && Number(s.value) <= 100)) {
    ctx.addIssue({ code: "custom", message: "percent value must be 0..100" });
  }
}

const selectorFields = { selector, mode: z.enum(MODES), value: z.string().optional() };
const podSelector = z.strictObject(selectorFields).superRefine(modeValueRules);

export const podChaosSpec = z
  .strictObject({
    ...selectorFields,
    action: z.enum(["pod-kill", "pod-failure", "container-kill"]),
    duration: goDuration,
    gracePeriod: z.number().int().min(0).optional(),
  })
  .superRefine(modeValueRules);

export const networkChaosSpec = z
  .strictObject({
    ...selectorFields,
    action: z.enum(["netem", "delay", "loss", "duplicate", "corrupt", "partition", "bandwidth"]),
    direction: z.enum(["to", "from", "both"]),
    target: podSelector.optional(),
    delay: z
      .strictObject({
        latency: tcDuration,
        correlation: z
          .string()
          .regex(/^[0-9]+(\.[0-9]+)?$/)
          .optional(),
        jitter: tcDuration.optional(),
      })
      .optional(),
    duration: goDuration,
  })
  .superRefine((s, ctx) => {
    modeValueRules(s, ctx);
    if (s.action === "delay" && !s.delay) ctx.addIssue({ code: "custom", message: "action delay requires delay" });
  });

export const stressChaosSpec = z
  .strictObject({
    ...selectorFields,
    stressors: z
      .strictObject({
        cpu: z
          .strictObject({
            workers: z.number().int().min(1).max(8192),
            load: z.number().int().min(0).max(100).optional(),
          })
          .optional(),
        memory: z.strictObject({ workers: z.number().int().min(1).max(8192), size: z.string().optional() }).optional(),
      })
      .refine((s) => s.cpu !== undefined || s.memory !== undefined, "at least one stressor"),
    duration: goDuration,
  })
  .superRefine(modeValueRules);

const metadata = z.strictObject({
  name: dnsLabel.max(57, "Schedule names are limited to 57 characters"),
  namespace: dnsLabel,
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const EMBED = { PodChaos: "podChaos", NetworkChaos: "networkChaos", StressChaos: "stressChaos" } as const;

export const scheduleSchema = z.strictObject({
  apiVersion: z.literal("chaos-mesh.org/v1alpha1"),
  kind: z.literal("Schedule"),
  metadata,
  spec: z
    .strictObject({
      schedule: z.string().min(1),
      concurrencyPolicy: z.enum(["Forbid", "Allow"]),
      historyLimit: z.number().int().min(1),
      startingDeadlineSeconds: z.number().int().positive().optional(),
      type: z.enum(["PodChaos", "NetworkChaos", "StressChaos"]),
      podChaos: podChaosSpec.optional(),
      networkChaos: networkChaosSpec.optional(),
      stressChaos: stressChaosSpec.optional(),
    })
    .superRefine((s, ctx) => {
      for (const [type, key] of Object.entries(EMBED)) {
        const present = s[key] !== undefined;
        if (type === s.type && !present)
          ctx.addIssue({ code: "custom", message: `type ${type} requires spec.${key}`, path: [key] });
        if (type !== s.type && present)
          ctx.addIssue({ code: "custom", message: `spec.${key} does not match type ${s.type}`, path: [key] });
      }
    }),
});

export const experimentSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    apiVersion: z.literal("chaos-mesh.org/v1alpha1"),
    kind: z.literal("PodChaos"),
    metadata,
    spec: podChaosSpec,
  }),
  z.strictObject({
    apiVersion: z.literal("chaos-mesh.org/v1alpha1"),
    kind: z.literal("NetworkChaos"),
    metadata,
    spec: networkChaosSpec,
  }),
  z.strictObject({
    apiVersion: z.literal("chaos-mesh.org/v1alpha1"),
    kind: z.literal("StressChaos"),
    metadata,
    spec: stressChaosSpec,
  }),
]);

/** Issue messages as "path: message", for readable assertions. */
export function schemaErrors(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}
