import { z } from "zod";
import { domainName, positiveInt } from "../primitives";

/** Route53 health-checker regions (the values HealthCheck.regions accepts). */
export const HEALTH_CHECK_REGIONS = [
  "us-east-1",
  "us-west-1",
  "us-west-2",
  "eu-west-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-northeast-1",
  "sa-east-1",
] as const;

/** `platform:edge`: ALB per region, CloudFront + WAF, Route53 (seed 002). */
export const edgeSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    /** Public domain; must be (or be under) an existing Route53 hosted zone. */
    domain: domainName.default("example.com"),
    /** Hosted zone name to look up; default: the domain. */
    hostedZone: domainName.optional(),
    /** Extra public names under the domain that alias CloudFront. */
    aliases: z
      .array(z.string().regex(/^[a-z0-9-]+$/, { error: 'a sub-domain label like "www" or "api"' }))
      .default(["www", "api"]),
    /** Label of the health-checked origin name (origin.<domain>) CloudFront uses. */
    originLabel: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .default("origin"),
    /** "latency": active-active; "failover": active-passive (seed 002's 100/0). */
    routing: z.enum(["latency", "failover"], { error: '"latency" or "failover"' }).default("latency"),
    healthCheck: z
      .strictObject({
        path: z.string().startsWith("/", { error: 'a path starting with "/"' }).default("/health"),
        intervalSeconds: z
          .union([z.literal(10), z.literal(30)], { error: "10 or 30 (the only Route53 request intervals)" })
          .default(10),
        failureThreshold: z
          .number({ error: "an integer between 1 and 10" })
          .int()
          .min(1, { error: "an integer between 1 and 10" })
          .max(10, { error: "an integer between 1 and 10" })
          .default(3),
        /** Route53 reports per-region latency for the check (CloudWatch); cannot be changed after creation. */
        measureLatency: z.boolean().default(true),
        /** Health-checker regions (Route53 needs at least 3); default: all of them. */
        regions: z
          .array(z.enum(HEALTH_CHECK_REGIONS, { error: `one of ${HEALTH_CHECK_REGIONS.join(", ")}` }))
          .min(3, { error: "at least 3 Route53 health-checker regions" })
          .optional(),
      })
      .prefault({}),
    alb: z
      .strictObject({
        idleTimeoutSeconds: positiveInt.default(60),
        deregistrationDelaySeconds: z.number().int().min(0).max(3600).default(30),
        sslPolicy: z.string().default("ELBSecurityPolicy-TLS13-1-2-2021-06"),
        deletionProtection: z.boolean().default(true),
        accessLogRetentionDays: positiveInt.default(90),
        healthyThreshold: z.number().int().min(2).max(10).default(2),
        unhealthyThreshold: z.number().int().min(2).max(10).default(5),
        healthCheckTimeoutSeconds: z.number().int().min(2).max(120).default(5),
        healthCheckIntervalSeconds: z.number().int().min(5).max(300).default(30),
      })
      .prefault({}),
    cloudfront: z
      .strictObject({
        priceClass: z
          .enum(["PriceClass_All", "PriceClass_200", "PriceClass_100"], {
            error: "PriceClass_All, PriceClass_200 or PriceClass_100",
          })
          .default("PriceClass_All"),
        minimumProtocolVersion: z
          .enum(["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"], { error: "TLSv1.2_2021 or newer" })
          .default("TLSv1.2_2021"),
        logRetentionDays: positiveInt.default(90),
        /** Default TTL of `/media/*` (seed 000: media expires 30d). */
        mediaTtlSeconds: positiveInt.default(30 * 24 * 3600),
        /** Default TTL of static assets (seed 000: static files 1 year). */
        staticTtlSeconds: positiveInt.default(365 * 24 * 3600),
        /** Path patterns cached as static assets (CloudFront path patterns, case-sensitive). */
        staticPaths: z
          .array(
            z
              .string()
              .regex(/^[/*][A-Za-z0-9_./*-]*$/, { error: 'a CloudFront path pattern like "/static/*" or "*.js"' }),
          )
          .default(["/static/*", "*.js", "*.css"]),
      })
      .prefault({}),
    waf: z
      .strictObject({
        /** Requests per 5 minutes per client IP before blocking. */
        rateLimitPer5Min: z.number().int().min(10, { error: "at least 10 (AWS WAF minimum)" }).default(2000),
        /**
         * Send WAF logs to a CloudWatch log group (`aws-waf-logs-*`, us-east-1), the origin-verify
         * header redacted. Default: on in staging and prod (their policy config makes it mandatory),
         * off in dev (resolved in resolve.ts).
         */
        logging: z.boolean().optional(),
        /**
         * Add the AWS Bot Control managed rule group (common inspection level). Off by default: it
         * is billed per request inspected on top of WAF's own fees plus a monthly subscription
         * (https://aws.amazon.com/waf/pricing/); at the seeds' 5,000 RPS that is ~13 billion
         * requests a month, so the per-request charge dominates.
         */
        botControl: z.boolean().default(false),
        /** Days the WAF log group keeps requests: 90 (a quarter of lookback for an incident); prod may not go lower. */
        logRetentionDays: positiveInt.default(90),
      })
      .prefault({}),
  })
  .prefault({});

/** Cross-field edge checks (called from semantic.ts): the names must live in the hosted zone. */
export function edgeIssues(
  edge: z.infer<typeof edgeSchema>,
  environment?: string,
): { path: string; value: unknown; expected: string }[] {
  const out: { path: string; value: unknown; expected: string }[] = [];
  if (environment === "prod" && edge.waf.logRetentionDays < 90)
    out.push({
      path: "platform:edge.waf.logRetentionDays",
      value: edge.waf.logRetentionDays,
      expected: "at least 90 in prod (WAF logs are the record of what reached the edge during an incident)",
    });
  const zone = edge.hostedZone ?? edge.domain;
  if (edge.domain !== zone && !edge.domain.endsWith(`.${zone}`)) {
    out.push({
      path: "platform:edge.hostedZone",
      value: zone,
      expected: `the domain (${edge.domain}) or a parent of it`,
    });
  }
  edge.aliases.forEach((a, i) => {
    if (edge.aliases.indexOf(a) !== i)
      out.push({ path: `platform:edge.aliases[${i}]`, value: a, expected: "each alias listed once" });
    if (a === edge.originLabel || a.startsWith(`${edge.originLabel}-`))
      out.push({
        path: `platform:edge.aliases[${i}]`,
        value: a,
        expected: `a label other than the origin names (${edge.originLabel}, ${edge.originLabel}-<region>): those must only reach the ALBs`,
      });
  });
  return out;
}
