/**
 * Each region's business hours follow the people it serves, and a region serves the users
 * latency-routing sends it: the ones nearest to it. So a region's schedule uses the IANA zone of
 * the city its data centres are in (AWS "Regions and Availability Zones" locations, checked
 * 2026-12-02: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html).
 * KEDA's cron scaler resolves the name with Go's time.LoadLocation (IANA tz database), which
 * also applies daylight saving: 09:00 in New York is 14:00 UTC in winter and 13:00 in summer.
 * Where a country has several zones the region's own city decides (Ohio: Eastern; Oregon and
 * N. California: Pacific; Calgary: Mountain). Canonical names only (America/Toronto, not the
 * America/Montreal link).
 */
export const REGION_TIME_ZONES: Readonly<Record<string, string>> = {
  "us-east-1": "America/New_York", // N. Virginia
  "us-east-2": "America/New_York", // Ohio (Eastern)
  "us-west-1": "America/Los_Angeles", // N. California
  "us-west-2": "America/Los_Angeles", // Oregon (Pacific)
  "ca-central-1": "America/Toronto", // Montreal (Eastern)
  "ca-west-1": "America/Edmonton", // Calgary (Mountain)
  "mx-central-1": "America/Mexico_City", // Querétaro (Central)
  "sa-east-1": "America/Sao_Paulo", // São Paulo
  "eu-west-1": "Europe/Dublin", // Ireland
  "eu-west-2": "Europe/London", // London
  "eu-west-3": "Europe/Paris", // Paris
  "eu-central-1": "Europe/Berlin", // Frankfurt
  "eu-central-2": "Europe/Zurich", // Zurich
  "eu-north-1": "Europe/Stockholm", // Stockholm
  "eu-south-1": "Europe/Rome", // Milan
  "eu-south-2": "Europe/Madrid", // Aragón
  "ap-south-1": "Asia/Kolkata", // Mumbai
  "ap-south-2": "Asia/Kolkata", // Hyderabad
  "ap-northeast-1": "Asia/Tokyo", // Tokyo
  "ap-northeast-2": "Asia/Seoul", // Seoul
  "ap-northeast-3": "Asia/Tokyo", // Osaka
  "ap-southeast-1": "Asia/Singapore", // Singapore
  "ap-southeast-2": "Australia/Sydney", // Sydney
  "ap-southeast-3": "Asia/Jakarta", // Jakarta
  "ap-southeast-4": "Australia/Melbourne", // Melbourne
  "ap-southeast-5": "Asia/Kuala_Lumpur", // Malaysia
  "ap-southeast-7": "Asia/Bangkok", // Thailand
  "ap-east-1": "Asia/Hong_Kong", // Hong Kong
  "af-south-1": "Africa/Johannesburg", // Cape Town (SAST, one zone for South Africa)
  "me-south-1": "Asia/Bahrain", // Bahrain
  "me-central-1": "Asia/Dubai", // UAE
  "il-central-1": "Asia/Jerusalem", // Tel Aviv
};

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
  if (zone === undefined)
    throw new Error(`region ${region}: no time zone in REGION_TIME_ZONES (components/config/timezones.ts)`);
  return zone;
}
