import { z } from "zod";
import { demandSchema, resolveDemand, type DemandPlan } from "./demand";

/** Reusable: a usage figure (GB, requests, I/Os) that may be 0. */
const amount = z.number({ error: "a number >= 0" }).min(0, { error: "a number >= 0" });
const fraction = z
  .number({ error: "a number between 0 and 1" })
  .min(0, { error: "a number between 0 and 1" })
  .max(1, { error: "a number between 0 and 1" });

/**
 * `platform:cost`: the usage assumptions behind `npm run cost` and the budget policy.
 * The plan tool writes this section, resolved, into plan.json as `usage`, so the estimate
 * is a pure function of plan.json. Each default below says where it comes from.
 *
 * Traffic: the peak is `platform:demand`'s design peak (./demand.ts), resolved into
 * `traffic.peakRps` so every price line reads the one demand model.
 * - averageToPeak 0.438: seed 004's scheduled scaling (business hours 10 instances, off-hours 3,
 *   weekends 2): a week is 5 x (8 h x 10 + 16 h x 3) + 48 h x 2 = 736 instance-hours out of
 *   168 h x 10 = 1,680 at peak, so the average load is 736 / 1,680 = 0.438 of peak.
 *   Average 4,381 RPS, 11.5 billion requests a month.
 * - cacheHitPercent 95: seed 003's "Cache Hit Rate > 95%": only 5 % of requests reach Aurora.
 * Not in the seeds (our assumptions, change them per stack): response size, CloudFront hit
 * ratio, write share, NAT and inter-region volumes, log and metric volumes.
 */
export const costSchema = z
  .strictObject({
    /** Monthly budget in USD. Unset: the budget policy only reports the estimate. */
    monthlyBudget: z
      .number({ error: "a positive number of USD" })
      .positive({ error: "a positive number of USD" })
      .optional(),
    traffic: z
      .strictObject({
        /** Read as `platform:demand.peakRps`, its place now (load.ts says so); resolved to the design peak. */
        peakRps: amount.optional(),
        /** Average / peak load (seed 004 schedule: 736 / 1,680 instance-hours). */
        averageToPeak: fraction.default(0.438),
        /** Share of traffic per region name; unset: an equal share per region. Normalised to 1. */
        regionShare: z.record(z.string(), amount).default({}),
        /** Mean response body after gzip, KiB (assumption: API JSON plus some media). */
        averageResponseKiB: amount.default(32),
        /** Requests CloudFront answers from its cache, % (assumption; seed 002 caches media/static). */
        cdnHitPercent: z.number().min(0).max(100).default(40),
        /** Application cache hit ratio, % (seed 003: > 95 %); misses read Aurora. */
        cacheHitPercent: z.number().min(0).max(100).default(95),
        /** Share of requests that write to Aurora, % (assumption). */
        writePercent: z.number().min(0).max(100).default(10),
      })
      .prefault({}),
    compute: z
      .strictObject({
        /** Share of Karpenter capacity on spot when a NodePool allows spot, % (assumption, conservative). */
        spotPercent: z.number().min(0).max(100).default(50),
        /** Spot price / on-demand price (not a list price: spot prices float; assumption). */
        spotPriceRatio: fraction.default(0.35),
      })
      .prefault({}),
    database: z
      .strictObject({
        /** Aurora cluster volume per region, GB (the global database replicates it to every secondary). */
        storageGB: amount.default(100),
        /** Storage I/Os per database read and per write (buffer-cache misses, 4 KiB pages; assumption). */
        ioPerRead: amount.default(1),
        ioPerWrite: amount.default(1),
      })
      .prefault({}),
    network: z
      .strictObject({
        /** GB per region through the NAT gateways (image pulls, external APIs; assumption). */
        natGBPerRegion: amount.default(200),
        /** GB per month each region sends to other regions over VPC peering (assumption). */
        interRegionGBPerRegion: amount.default(100),
        /** GB per month the primary cache replicates to each Global Datastore secondary (assumption). */
        cacheReplicationGBPerSecondary: amount.default(50),
      })
      .prefault({}),
    logs: z
      .strictObject({
        /** EKS control-plane logs (api, audit, authenticator) per cluster, GB/month (assumption). */
        controlPlaneGBPerCluster: amount.default(30),
        /** VPC flow logs per VPC, GB/month (assumption). */
        flowLogsGBPerVpc: amount.default(50),
        /** Aurora postgresql log export per cluster, GB/month (assumption). */
        databaseGBPerCluster: amount.default(5),
        /** WAF logs (only when WAF logging is on), GB/month (assumption). */
        wafGB: amount.default(20),
      })
      .prefault({}),
    metrics: z
      .strictObject({
        /** Active series each cluster's Prometheus remote-writes to Amazon Managed Prometheus (assumption). */
        activeSeriesPerCluster: amount.default(50_000),
        /** Samples queried per workspace per month, billions (dashboards, rules; assumption). */
        querySamplesBillions: amount.default(10),
      })
      .prefault({}),
    ci: z
      .strictObject({
        /** CodeBuild build minutes per project per month (assumption). */
        buildMinutesPerProject: amount.default(600),
      })
      .prefault({}),
  })
  .prefault({});

export type CostSection = z.output<typeof costSchema>;

/** The cost section with the design peak in place (what plan.json carries as `usage`). */
export function resolveCost(cost: CostSection, demand: DemandPlan) {
  return { ...cost, traffic: { ...cost.traffic, peakRps: demand.peakRps }, demand };
}

/** Usage when a plan carries none: every default, the default demand model's peak. */
export function defaultUsage(): ReturnType<typeof resolveCost> {
  return resolveCost(costSchema.parse({}), resolveDemand(demandSchema.parse({})));
}
