import { z } from "zod";
import {
  dnsLabel,
  karpenterDuration,
  karpenterDurationOrNever,
  memoryBytes,
  memoryQuantity,
  positiveInt,
} from "../primitives";

/** A NodePool memory limit of 0 would stop the pool from launching anything: refuse it up front. */
const positiveMemory = memoryQuantity.refine((q) => memoryBytes(q) > 0, {
  error: 'a memory quantity greater than 0, like "1000Gi"',
});

/**
 * EKS-optimised AL2023 AMI through Karpenter's alias. Pinned by default: with `@latest` every
 * AMI release (roughly weekly) drifts and replaces every node in every region at once; a pin
 * makes the upgrade a reviewed config change that shows in the plan diff. "al2023@latest" is
 * accepted for throwaway stacks.
 */
export const AMI_ALIAS_RE = /^al2023@(latest|v[0-9]{8})$/;
/**
 * The default pin: EKS-optimised AMI release v20260714 (awslabs/amazon-eks-ami tag, 2026-07-13),
 * the AMI release Karpenter's `al2023@v20260714` alias resolves to. Bump with the release tag.
 */
export const DEFAULT_AMI_ALIAS = "al2023@v20260714";
export const DEFAULT_AMI_ALIAS_RELEASE = "https://github.com/awslabs/amazon-eks-ami/releases/tag/v20260714";

export const nodePoolSchema = z.strictObject({
  name: dnsLabel,
  capacityTypes: z
    .array(z.enum(["spot", "on-demand"], { error: '"spot" or "on-demand"' }))
    .min(1, { error: "at least one capacity type" })
    .default(["spot", "on-demand"]),
  architectures: z
    .array(z.enum(["amd64", "arm64"], { error: '"amd64" or "arm64"' }))
    .min(1, { error: "at least one architecture" })
    .default(["amd64", "arm64"]),
  /** EC2 instance families (karpenter.k8s.aws/instance-family). */
  instanceFamilies: z
    .array(z.string().regex(/^[a-z][a-z0-9-]*$/, { error: "an instance family like m7i" }))
    .min(1, { error: "at least one instance family" })
    .default(["m6i", "m7i", "c6i", "c7i", "m7g", "c7g"]),
  /** Upper bound on what this pool may launch (seed 002: 1000 CPU / 1000Gi). */
  limits: z.strictObject({ cpu: positiveInt.default(1000), memory: positiveMemory.default("1000Gi") }).prefault({}),
  consolidationPolicy: z
    .enum(["WhenEmptyOrUnderutilized", "WhenEmpty"], { error: '"WhenEmptyOrUnderutilized" or "WhenEmpty"' })
    .default("WhenEmptyOrUnderutilized"),
  consolidateAfter: karpenterDuration.default("30s"),
  /** Node lifetime before replacement (drift/patching). "Never" disables. */
  expireAfter: karpenterDurationOrNever.default("720h"),
  /** Share of a pool's nodes that may be disrupted at once (percentage). */
  disruptionBudgetPercent: z.number().int().min(1).max(100).default(10),
  weight: z.number().int().min(1).max(100).optional(),
});

/** `platform:karpenter` */
export const karpenterSchema = z
  .strictObject({
    nodePools: z
      .array(nodePoolSchema)
      .min(1, { error: "at least one NodePool" })
      .default([nodePoolSchema.parse({ name: "general-purpose" })]),
    rootVolumeGiB: positiveInt.default(50),
    /** EC2NodeClass amiSelectorTerms alias (AMI release v20260714 = amazon-eks-ami tag of 2026-07-14). */
    amiAlias: z
      .string({ error: 'an AL2023 alias like "al2023@v20260714" or "al2023@latest"' })
      .regex(AMI_ALIAS_RE, { error: 'an AL2023 alias like "al2023@v20260714" or "al2023@latest"' })
      .default(DEFAULT_AMI_ALIAS),
  })
  .prefault({});
