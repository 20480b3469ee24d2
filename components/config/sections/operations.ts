import { z } from "zod";
import { duration, goDuration, percent, positiveInt, promDuration } from "../primitives";

/** `platform:observability`: kube-prometheus-stack, alerts, CloudWatch alarms (seeds 002/003). */
export const observabilitySchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    retention: promDuration.default("360h"),
    storageGiB: positiveInt.default(50),
    scrapeInterval: promDuration.default("15s"),
    /** Create an Amazon Managed Prometheus workspace per region and remote_write to it. */
    managedPrometheus: z.boolean().default(false),
    /** SNS topic name for CloudWatch alarms and Alertmanager; e-mail subscriptions optional. */
    alarmEmails: z.array(z.string().email({ error: "an e-mail address" })).default([]),
    /**
     * Alertmanager routes by alert severity. "sns" publishes to the region's alarm topic
     * (e-mail subscribers from alarmEmails); "null" drops. Unrouted severities go to "null".
     */
    alertRoutes: z
      .array(
        z.strictObject({
          severity: z.enum(["critical", "warning", "info"], { error: '"critical", "warning" or "info"' }),
          receiver: z.enum(["sns", "null"], { error: '"sns" or "null"' }),
          repeatInterval: promDuration.default("4h"),
        }),
      )
      .default([
        { severity: "critical", receiver: "sns", repeatInterval: "1h" },
        { severity: "warning", receiver: "sns", repeatInterval: "12h" },
      ]),
    thresholds: z
      .strictObject({
        podCpuPercent: percent.default(80),
        latencyP95Ms: positiveInt.default(200),
        errorRatePercent: z.number().positive().max(100).default(1),
        saturationPercent: percent.default(85),
      })
      .prefault({}),
  })
  .prefault({});

/**
 * `platform:loadTests`: seed 002's k6 scenarios as k6-operator TestRuns against each region's
 * gateway (components/loadtest). Off by default everywhere (a TestRun starts when created):
 * opt in per stack, and pick the scenarios to run.
 */
export const loadTestsSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    scenarios: z
      .array(z.enum(["baseline", "peak", "stress", "spike"], { error: '"baseline", "peak", "stress" or "spike"' }))
      .min(1, { error: "at least one scenario" })
      .default(["baseline"]),
  })
  .prefault({});

/** `platform:chaos`: Chaos Mesh experiments (seed 002). On by default in dev, opt-in elsewhere. */
export const chaosSchema = z
  .strictObject({
    enabled: z.boolean().optional(),
    podFailure: z
      .strictObject({
        targets: z.array(z.string()).default(["user-service", "activity-service", "notification-service"]),
        percent: percent.default(20),
        duration: goDuration.default("30s"),
        schedule: z.string().default("@every 1h"),
      })
      .prefault({}),
    networkDelay: z
      .strictObject({
        target: z.string().default("activity-service"),
        /** Above the 200 ms p95 alert threshold, so HighRequestLatencyP95 can fire. */
        latency: duration.default("250ms"),
        /** >= for 5m + rate window 5m + 2 scrapes (test/chaos/alert-windows.spec.ts). */
        duration: goDuration.default("12m"),
        schedule: z.string().default("@every 6h"),
      })
      .prefault({}),
    cpuStress: z
      .strictObject({
        target: z.string().default("user-service"),
        workers: positiveInt.default(1),
        load: percent.default(80),
        /** >= for 5m + rate window 5m + 2 scrapes: a 5m stress never fired HighPodCPUUsage. */
        duration: goDuration.default("12m"),
        schedule: z.string().default("@every 12h"),
      })
      .prefault({}),
    gatewayPodKill: z.strictObject({ schedule: z.string().default("@every 2h") }).prefault({}),
    /**
     * Seed 002's production experiment (pod-failure, 20 %, 30 s, hourly) with an abort check
     * (components/chaos/production.ts). Opt-in; independent of `enabled`, which runs the
     * game-day experiments above.
     */
    production: z
      .strictObject({
        enabled: z.boolean().default(false),
        targets: z.array(z.string()).default(["user-service", "activity-service", "notification-service"]),
        percent: percent.default(20),
        duration: goDuration.default("30s"),
        schedule: z.string().default("@every 1h"),
      })
      .prefault({}),
  })
  .prefault({});
