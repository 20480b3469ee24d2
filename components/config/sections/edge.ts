import { z } from "zod";
import { domainName, positiveInt } from "../primitives";

/** `platform:edge`: ALB per region, CloudFront + WAF, Route53 (seed 002). */
export const edgeSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    /** Public domain; must be (or be under) an existing Route53 hosted zone. */
    domain: domainName.default("example.com"),
    /** Hosted zone name to look up; default: the domain. */
    hostedZone: domainName.optional(),
    /** Extra public names under the domain that alias CloudFront. */
    aliases: z.array(z.string().regex(/^[a-z0-9-]+$/, { error: 'a sub-domain label like "www" or "api"' })).default(["www", "api"]),
    /** Label of the health-checked origin name (origin.<domain>) CloudFront uses. */
    originLabel: z.string().regex(/^[a-z0-9-]+$/).default("origin"),
    /** "latency": active-active; "failover": active-passive (seed 002's 100/0). */
    routing: z.enum(["latency", "failover"], { error: '"latency" or "failover"' }).default("latency"),
    healthCheck: z
      .strictObject({
        path: z.string().startsWith("/", { error: 'a path starting with "/"' }).default("/health"),
        intervalSeconds: z.union([z.literal(10), z.literal(30)], { error: "10 or 30 (the only Route53 request intervals)" }).default(10),
        failureThreshold: z.number({ error: "an integer between 1 and 10" }).int().min(1, { error: "an integer between 1 and 10" }).max(10, { error: "an integer between 1 and 10" }).default(3),
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
        priceClass: z.enum(["PriceClass_All", "PriceClass_200", "PriceClass_100"], { error: "PriceClass_All, PriceClass_200 or PriceClass_100" }).default("PriceClass_All"),
        minimumProtocolVersion: z.enum(["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"], { error: "TLSv1.2_2021 or newer" }).default("TLSv1.2_2021"),
        logRetentionDays: positiveInt.default(90),
      })
      .prefault({}),
    waf: z
      .strictObject({
        /** Requests per 5 minutes per client IP before blocking. */
        rateLimitPer5Min: z.number().int().min(10, { error: "at least 10 (AWS WAF minimum)" }).default(2000),
      })
      .prefault({}),
  })
  .prefault({});
