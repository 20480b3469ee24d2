import { IANA_ZONE_NAMES } from "./iana-zones";
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

const ZONES: ReadonlySet<string> = new Set(
  Object.entries(IANA_ZONE_NAMES).flatMap(([area, names]) => names.split(" ").map((n) => `${area}${n}`)),
);

/**
 * True when KEDA's time.LoadLocation would open `zone`: a zone or link name of the IANA database
 * (./iana-zones.ts), exactly as spelled there. Node's Intl is more lenient (it folds case,
 * "america/new_york", and knows ICU-only aliases), so it is not asked. "Local" (the container's
 * zone) and "" (UTC by accident) load in Go but say nothing: refused.
 */
export function isIanaZone(zone: string): boolean {
  return ZONES.has(zone);
}

/** The zone a region's schedule runs in: the override when set, else the region's own zone. */
export function regionTimeZone(region: string, override?: string): string {
  if (override !== undefined) return override;
  const zone = REGION_TIME_ZONES[region];
  if (zone === undefined) throw new Error(`region ${region}: no time zone in components/config/region-facts.ts`);
  return zone;
}
