import { z } from "zod";
import { dnsLabel, duration, memoryQuantity, positiveInt } from "../primitives";

export const nodePoolSchema = z.strictObject({
  name: dnsLabel,
  capacityTypes: z.array(z.enum(["spot", "on-demand"], { error: '"spot" or "on-demand"' })).min(1, { error: "at least one capacity type" }).default(["spot", "on-demand"]),
  architectures: z.array(z.enum(["amd64", "arm64"], { error: '"amd64" or "arm64"' })).min(1, { error: "at least one architecture" }).default(["amd64", "arm64"]),
  /** EC2 instance families (karpenter.k8s.aws/instance-family). */
  instanceFamilies: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/, { error: "an instance family like m7i" })).min(1, { error: "at least one instance family" }).default(["m6i", "m7i", "c6i", "c7i", "m7g", "c7g"]),
  /** Upper bound on what this pool may launch (seed 002: 1000 CPU / 1000Gi). */
  limits: z
    .strictObject({ cpu: positiveInt.default(1000), memory: memoryQuantity.default("1000Gi") })
    .prefault({}),
  consolidationPolicy: z.enum(["WhenEmptyOrUnderutilized", "WhenEmpty"], { error: '"WhenEmptyOrUnderutilized" or "WhenEmpty"' }).default("WhenEmptyOrUnderutilized"),
  consolidateAfter: duration.default("30s"),
  /** Node lifetime before replacement (drift/patching). "Never" disables. */
  expireAfter: z.union([duration, z.literal("Never")], { error: 'a duration like "720h" or "Never"' }).default("720h"),
  /** Share of a pool's nodes that may be disrupted at once (percentage). */
  disruptionBudgetPercent: z.number().int().min(1).max(100).default(10),
  weight: z.number().int().min(1).max(100).optional(),
});

/** `platform:karpenter` */
export const karpenterSchema = z
  .strictObject({
    nodePools: z.array(nodePoolSchema).min(1, { error: "at least one NodePool" }).default([nodePoolSchema.parse({ name: "general-purpose" })]),
    rootVolumeGiB: positiveInt.default(50),
  })
  .prefault({});
