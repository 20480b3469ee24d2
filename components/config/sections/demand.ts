import { z } from "zod";

const positive = (what: string) =>
  z.number({ error: `a positive number (${what})` }).positive({ error: `a positive number (${what})` });

/**
 * `platform:demand`: the one traffic model. Capacity (`npm run capacity`), cost (`npm run cost`,
 * the cost-budget policy) and the plan's `usage` all read the design peak resolved from it.
 *
 * - users 100,000,000: seed 004, "scale from 1 user to 100+ million users".
 * - dailyActiveShare 0.1: seed 004 capacity planning, "Total users: 5,000,000 (with 10% active)".
 * - requestsPerActiveUserPerDay 100: assumption, about 10 screens a day with about 10 API calls each.
 * - peakToAverage 3: assumption, the busiest hour carries 3x the daily mean (one region's evening).
 * - floorRps 10,000: seed 003's throughput target "> 10K RPS"; the design peak never goes below it.
 * - peakRps: an explicit design peak instead of the derivation (a dev stack sees test traffic only).
 */
export const demandSchema = z
  .strictObject({
    users: positive("registered users").default(100_000_000),
    dailyActiveShare: z
      .number({ error: "a share between 0 and 1" })
      .gt(0, { error: "a share between 0 and 1" })
      .max(1, { error: "a share between 0 and 1" })
      .default(0.1),
    requestsPerActiveUserPerDay: positive("requests").default(100),
    peakToAverage: z.number({ error: "a factor >= 1" }).min(1, { error: "a factor >= 1" }).default(3),
    floorRps: z.number({ error: "a number >= 0" }).min(0, { error: "a number >= 0" }).default(10_000),
    peakRps: positive("requests per second").optional(),
  })
  .prefault({});

export type DemandSection = z.output<typeof demandSchema>;

/** The demand model with what it derives; `peakRps` is the design peak every view uses. */
export interface DemandPlan extends Omit<DemandSection, "peakRps"> {
  readonly dailyActiveUsers: number;
  /** Daily mean over all regions. */
  readonly averageRps: number;
  /** averageRps x peakToAverage. */
  readonly derivedPeakRps: number;
  /** The design peak: the configured peakRps, else max(derivedPeakRps, floorRps) rounded to whole rps. */
  readonly peakRps: number;
  readonly peakFrom: "configured" | "derived" | "floor";
}

export function resolveDemand(d: DemandSection): DemandPlan {
  const dailyActiveUsers = d.users * d.dailyActiveShare;
  const averageRps = (dailyActiveUsers * d.requestsPerActiveUserPerDay) / 86_400;
  const derivedPeakRps = averageRps * d.peakToAverage;
  const peakFrom = d.peakRps !== undefined ? "configured" : derivedPeakRps >= d.floorRps ? "derived" : "floor";
  // Whole requests per second: what the views print and price.
  const peakRps = d.peakRps ?? Math.round(Math.max(derivedPeakRps, d.floorRps));
  const { peakRps: _configured, ...inputs } = d;
  return { ...inputs, dailyActiveUsers, averageRps, derivedPeakRps, peakRps, peakFrom };
}

/**
 * `platform:availability`: the objective failover and SLO views judge against (seed 003: 99.99 %).
 * `budgetSecondsPerMonth` is what the objective allows in a 30-day month (99.99 %: 259.2 s, 4.32 min).
 */
export const availabilitySchema = z
  .strictObject({
    objective: z
      .number({ error: "a percentage, at least 90 and below 100 (e.g. 99.99)" })
      .min(90, { error: "a percentage, at least 90 and below 100 (e.g. 99.99)" })
      .lt(100, { error: "a percentage, at least 90 and below 100 (e.g. 99.99)" })
      .default(99.99),
  })
  .prefault({});

export const SECONDS_PER_30_DAYS = 30 * 86_400;

export interface AvailabilityPlan {
  readonly objective: number;
  readonly budgetSecondsPerMonth: number;
}

export function resolveAvailability(a: z.output<typeof availabilitySchema>): AvailabilityPlan {
  // Rounded to the millisecond: 100 - 99.99 is not exactly 0.01 in binary floating point.
  const budget = Math.round(((100 - a.objective) / 100) * SECONDS_PER_30_DAYS * 1000) / 1000;
  return { objective: a.objective, budgetSecondsPerMonth: budget };
}
