import { z } from "zod";
import { DIGEST_ENVIRONMENTS, type ImageSettings } from "../images";

/**
 * `platform:security`: the account's detection services in every platform region. Each defaults
 * to on in prod and off elsewhere (dev pays for none). Set `delegatedAdministrator: true` when an
 * organization's delegated administrator account already enables GuardDuty, Security Hub and
 * AWS Config for member accounts: the program then creates none of them (a second detector or
 * recorder in the same account and region is refused by AWS: one per account per region).
 */
export const securitySchema = z
  .strictObject({
    guardDuty: z.boolean().optional(),
    awsConfig: z.boolean().optional(),
    securityHub: z.boolean().optional(),
    delegatedAdministrator: z.boolean().default(false),
    /** Days AWS Config snapshots and history stay in the delivery bucket. */
    configRetentionDays: z.number().int().positive().default(365),
    /**
     * Supply chain: `pinDigests` (default true in staging and prod) renders every image the
     * program deploys as repo@sha256:<digest>, the digest read from ECR at deploy time;
     * `mirror` (`<account>.dkr.ecr.<region>.amazonaws.com[/prefix]`) is the ECR registry holding
     * copies of images configured elsewhere (ghcr.io/example/app:1.0 -> <mirror>/example/app:1.0).
     */
    images: z.strictObject({ pinDigests: z.boolean().optional(), mirror: z.string().min(1).optional() }).prefault({}),
  })
  .prefault({});

export type SecuritySection = z.infer<typeof securitySchema>;

/** What the platform creates, fully resolved. */
export interface SecurityPlan {
  readonly guardDuty: boolean;
  readonly awsConfig: boolean;
  readonly securityHub: boolean;
  readonly configRetentionDays: number;
  readonly images: ImageSettings;
}

export function resolveSecurity(section: SecuritySection, environment: string): SecurityPlan {
  const byDefault = environment === "prod" && !section.delegatedAdministrator;
  return {
    guardDuty: section.guardDuty ?? byDefault,
    awsConfig: section.awsConfig ?? byDefault,
    securityHub: section.securityHub ?? byDefault,
    configRetentionDays: section.configRetentionDays,
    images: {
      pinDigests: section.images.pinDigests ?? DIGEST_ENVIRONMENTS.includes(environment),
      ...(section.images.mirror !== undefined ? { mirror: section.images.mirror } : {}),
    },
  };
}
