import { KNOWN_REGIONS, regionFacts } from "./region-facts";

/**
 * Each region's business hours follow the people it serves, and latency routing sends a region
 * the users nearest to it: its schedule runs in the IANA zone of its own city (./region-facts.ts).
 * KEDA's cron scaler resolves the name with Go's time.LoadLocation (IANA tz database), which also
 * applies daylight saving: 09:00 in New York is 14:00 UTC in winter and 13:00 in summer.
 */
export const REGION_TIME_ZONES: Readonly<Record<string, string>> = Object.fromEntries(
  KNOWN_REGIONS.map((r) => [r, regionFacts(r)!.timeZone]),
);

/** True when the runtime's IANA database knows `zone` (Node's ICU, as Go's tzdata would). */
export function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone.includes("/") || zone === "UTC";
  } catch {
    return false;
  }
}

/** The zone a region's schedule runs in: the override when set, else the region's own zone. */
export function regionTimeZone(region: string, override?: string): string {
  if (override !== undefined) return override;
  const zone = REGION_TIME_ZONES[region];
  if (zone === undefined) throw new Error(`region ${region}: no time zone in components/config/region-facts.ts`);
  return zone;
}
