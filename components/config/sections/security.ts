import { z } from "zod";
import { DIGEST_ENVIRONMENTS, type ImageSettings } from "../images";

/** An AWS account id: exactly 12 digits. */
export const ACCOUNT_ID_RE = /^\d{12}$/;

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
    images: z
      .strictObject({
        pinDigests: z.boolean().optional(),
        mirror: z.string().min(1).optional(),
        /** Configured image reference -> its `sha256:` digest; required in prod for every tag. */
        digests: z.record(z.string(), z.string({ error: "a digest sha256:<64 hex>" })).optional(),
      })
      .prefault({}),
    /**
     * The AWS account this stack lives in (12 digits): every AWS provider sets it as its only
     * allowed account, so credentials of any other account fail before the first call. Required
     * in prod (config error without it).
     */
    accountId: z
      .string({ error: "a 12-digit AWS account id as a string" })
      .regex(ACCOUNT_ID_RE, { error: "a 12-digit AWS account id" })
      .optional(),
    /**
     * This account also holds another environment's stack (dev beside prod). Off by default: one
     * account per environment is what keeps dev identities out of prod. On, the plan warns.
     */
    sharedAccount: z.boolean({ error: "true or false" }).default(false),
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
  /** The only account the providers may act in; undefined outside prod when unset. */
  readonly accountId?: string;
  readonly sharedAccount: boolean;
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
      ...(section.images.digests !== undefined ? { digests: section.images.digests } : {}),
    },
    ...(section.accountId !== undefined ? { accountId: section.accountId } : {}),
    sharedAccount: section.sharedAccount,
  };
}

/**
 * The plan's warning for a stack that shares its account with another environment: every
 * identity of that account (dev's deploy role is an administrator) reaches this stack's data.
 */
export function sharedAccountWarnings(
  security: Pick<SecurityPlan, "accountId" | "sharedAccount">,
  environment: string,
): string[] {
  if (!security.sharedAccount) return [];
  return [
    `SHARED ACCOUNT: platform:security.sharedAccount is true, so ${security.accountId ?? "this account"} also holds ` +
      `another environment's stack. Its identities (the other stack's deploy role is an administrator) reach this ` +
      `${environment} stack's secrets and data, and the access model cannot prove otherwise; use one account per ` +
      "environment (docs/security.md, Accounts)",
  ];
}
