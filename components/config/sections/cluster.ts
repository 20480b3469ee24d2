import { z } from "zod";
import { ipv4Cidr, positiveInt } from "../primitives";

/**
 * EKS versions this program pins add-ons for (components/cluster/addon-versions.ts). 1.32 left
 * standard support in 2026 (extended support is billed per cluster hour); 1.34 is the default.
 */
export const SUPPORTED_KUBERNETES_VERSIONS = ["1.33", "1.34", "1.35"] as const;
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** `platform:cluster` */
export const clusterSchema = z
  .strictObject({
    kubernetesVersion: z
      .enum(SUPPORTED_KUBERNETES_VERSIONS, {
        error: `one of the supported EKS versions ${SUPPORTED_KUBERNETES_VERSIONS.join(", ")}`,
      })
      .default("1.34"),
    /** Control-plane logs; api, audit and authenticator are always on. */
    logTypes: z
      .array(z.enum(CONTROL_PLANE_LOG_TYPES, { error: `one of ${CONTROL_PLANE_LOG_TYPES.join(", ")}` }))
      .default(["api", "audit", "authenticator"]),
    logRetentionDays: positiveInt.default(90),
    /** Public API endpoint; off by default. When on, only `publicAccessCidrs` may reach it. */
    publicEndpoint: z.boolean({ error: "true or false" }).default(false),
    publicAccessCidrs: z.array(ipv4Cidr).default([]),
    /** EKS deletion protection; unset means on in prod, off elsewhere. Turn it off before destroying prod. */
    deletionProtection: z.boolean({ error: "true or false" }).optional(),
    /** IAM principals granted cluster-admin through EKS access entries. */
    adminPrincipalArns: z
      .array(z.string().regex(/^arn:aws:iam::\d{12}:(role|user)\/.+$/, { error: "an IAM role or user ARN" }))
      .default([]),
    /** Small on-demand, tainted managed node group for Karpenter, CoreDNS and controllers. */
    systemNodeGroup: z
      .strictObject({
        instanceTypes: z
          .array(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { error: "an EC2 instance type like m7i.large" }))
          .min(1, { error: "at least one instance type" })
          .default(["m7i.large", "m6i.large"]),
        amiType: z
          .enum(["AL2023_x86_64_STANDARD", "AL2023_ARM_64_STANDARD", "BOTTLEROCKET_x86_64", "BOTTLEROCKET_ARM_64"], {
            error: "an AL2023 or Bottlerocket AMI type",
          })
          .default("AL2023_x86_64_STANDARD"),
        minSize: positiveInt.default(2),
        desiredSize: positiveInt.default(2),
        maxSize: positiveInt.default(3),
        diskSizeGiB: positiveInt.default(50),
      })
      .prefault({}),
  })
  .prefault({});
