import { Region } from "@pulumi/aws/types/enums";

/** Where a kind of fact was read, and when. */
export interface FactSource {
  readonly url: string;
  readonly read: string;
  readonly note?: string;
}

/** Who writes ALB access logs to S3 in a region: a regional Elastic Load Balancing account, or the service principal. */
export type ElbLogDelivery = { readonly account: string } | "service";

export interface RegionFacts {
  /** Where the region's data centres are; its schedule follows that city's clock. */
  readonly city: string;
  /** AZ letters AWS offers new accounts, in order. */
  readonly azLetters: string;
  /** AZs an account can use when fewer than the letters (us-west-1: two of its three). */
  readonly azCount?: number;
  /** IANA zone of the city (canonical names, as Go's time.LoadLocation reads them for KEDA's cron scaler). */
  readonly timeZone: string;
  readonly elbLogDelivery: ElbLogDelivery;
}

/**
 * Facts about each commercial region the platform accepts, keyed by @pulumi/aws's Region enum (so
 * a name the provider does not know cannot appear). A region of the enum without a row is refused
 * by config: its AZs, clock and log delivery would be guesses.
 */
export const REGION_FACTS: {
  readonly source: Readonly<Record<"availabilityZones" | "timeZone" | "elbLogDelivery", FactSource>>;
  readonly regions: Readonly<Partial<Record<Region, RegionFacts>>>;
} = {
  source: {
    availabilityZones: {
      url: "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html",
      read: "2026-12-02",
      note: "letters are mapped per account (zone IDs are the stable names); ap-northeast-1b and ca-central-1c are not offered to new accounts",
    },
    timeZone: {
      url: "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
      read: "2026-12-02",
      note: "each region's location; where a country has several zones the region's own city decides",
    },
    elbLogDelivery: {
      url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
      read: "2026-12-02",
      note: "regions opened before August 2022 have a regional ELB account; later ones use logdelivery.elasticloadbalancing.amazonaws.com",
    },
  },
  regions: {
    [Region.USEast1]: {
      city: "N. Virginia",
      azLetters: "abcdef",
      timeZone: "America/New_York",
      elbLogDelivery: { account: "127311923021" },
    },
    [Region.USEast2]: {
      city: "Ohio (Eastern)",
      azLetters: "abc",
      timeZone: "America/New_York",
      elbLogDelivery: { account: "033677994240" },
    },
    [Region.USWest1]: {
      city: "N. California",
      azLetters: "abc",
      azCount: 2,
      timeZone: "America/Los_Angeles",
      elbLogDelivery: { account: "027434742980" },
    },
    [Region.USWest2]: {
      city: "Oregon (Pacific)",
      azLetters: "abcd",
      timeZone: "America/Los_Angeles",
      elbLogDelivery: { account: "797873946194" },
    },
    [Region.CACentral]: {
      city: "Montreal (Eastern)",
      azLetters: "abd",
      timeZone: "America/Toronto",
      elbLogDelivery: { account: "985666609251" },
    },
    [Region.CAWest1]: {
      city: "Calgary (Mountain)",
      azLetters: "abc",
      timeZone: "America/Edmonton",
      elbLogDelivery: "service",
    },
    [Region.MXCentral1]: {
      city: "Querétaro (Central)",
      azLetters: "abc",
      timeZone: "America/Mexico_City",
      elbLogDelivery: "service",
    },
    [Region.SAEast1]: {
      city: "São Paulo",
      azLetters: "abc",
      timeZone: "America/Sao_Paulo",
      elbLogDelivery: { account: "507241528517" },
    },
    [Region.EUWest1]: {
      city: "Ireland",
      azLetters: "abc",
      timeZone: "Europe/Dublin",
      elbLogDelivery: { account: "156460612806" },
    },
    [Region.EUWest2]: {
      city: "London",
      azLetters: "abc",
      timeZone: "Europe/London",
      elbLogDelivery: { account: "652711504416" },
    },
    [Region.EUWest3]: {
      city: "Paris",
      azLetters: "abc",
      timeZone: "Europe/Paris",
      elbLogDelivery: { account: "009996457667" },
    },
    [Region.EUCentral1]: {
      city: "Frankfurt",
      azLetters: "abc",
      timeZone: "Europe/Berlin",
      elbLogDelivery: { account: "054676820928" },
    },
    [Region.EUCentral2]: { city: "Zurich", azLetters: "abc", timeZone: "Europe/Zurich", elbLogDelivery: "service" },
    [Region.EUNorth1]: {
      city: "Stockholm",
      azLetters: "abc",
      timeZone: "Europe/Stockholm",
      elbLogDelivery: { account: "897822967062" },
    },
    [Region.EUSouth1]: {
      city: "Milan",
      azLetters: "abc",
      timeZone: "Europe/Rome",
      elbLogDelivery: { account: "635631232127" },
    },
    [Region.EUSouth2]: { city: "Aragón", azLetters: "abc", timeZone: "Europe/Madrid", elbLogDelivery: "service" },
    [Region.APSouth1]: {
      city: "Mumbai",
      azLetters: "abc",
      timeZone: "Asia/Kolkata",
      elbLogDelivery: { account: "718504428378" },
    },
    [Region.APSouth2]: { city: "Hyderabad", azLetters: "abc", timeZone: "Asia/Kolkata", elbLogDelivery: "service" },
    [Region.APNortheast1]: {
      city: "Tokyo",
      azLetters: "acd",
      timeZone: "Asia/Tokyo",
      elbLogDelivery: { account: "582318560864" },
    },
    [Region.APNortheast2]: {
      city: "Seoul",
      azLetters: "abcd",
      timeZone: "Asia/Seoul",
      elbLogDelivery: { account: "600734575887" },
    },
    [Region.APNortheast3]: {
      city: "Osaka",
      azLetters: "abc",
      timeZone: "Asia/Tokyo",
      elbLogDelivery: { account: "383597477331" },
    },
    [Region.APSoutheast1]: {
      city: "Singapore",
      azLetters: "abc",
      timeZone: "Asia/Singapore",
      elbLogDelivery: { account: "114774131450" },
    },
    [Region.APSoutheast2]: {
      city: "Sydney",
      azLetters: "abc",
      timeZone: "Australia/Sydney",
      elbLogDelivery: { account: "783225319266" },
    },
    [Region.APSoutheast3]: {
      city: "Jakarta",
      azLetters: "abc",
      timeZone: "Asia/Jakarta",
      elbLogDelivery: { account: "589379963580" },
    },
    [Region.APSoutheast4]: {
      city: "Melbourne",
      azLetters: "abc",
      timeZone: "Australia/Melbourne",
      elbLogDelivery: "service",
    },
    [Region.APSoutheast5]: {
      city: "Malaysia",
      azLetters: "abc",
      timeZone: "Asia/Kuala_Lumpur",
      elbLogDelivery: "service",
    },
    [Region.APSoutheast7]: { city: "Thailand", azLetters: "abc", timeZone: "Asia/Bangkok", elbLogDelivery: "service" },
    [Region.APEast1]: {
      city: "Hong Kong",
      azLetters: "abc",
      timeZone: "Asia/Hong_Kong",
      elbLogDelivery: { account: "754344448648" },
    },
    [Region.AFSouth1]: {
      city: "Cape Town (SAST, one zone for South Africa)",
      azLetters: "abc",
      timeZone: "Africa/Johannesburg",
      elbLogDelivery: { account: "098369216593" },
    },
    [Region.MESouth1]: {
      city: "Bahrain",
      azLetters: "abc",
      timeZone: "Asia/Bahrain",
      elbLogDelivery: { account: "076674570225" },
    },
    [Region.MECentral1]: { city: "UAE", azLetters: "abc", timeZone: "Asia/Dubai", elbLogDelivery: "service" },
    [Region.ILCentral1]: { city: "Tel Aviv", azLetters: "abc", timeZone: "Asia/Jerusalem", elbLogDelivery: "service" },
  },
};

const rows = REGION_FACTS.regions as Readonly<Record<string, RegionFacts>>;

/** The regions with facts, in table order. */
export const KNOWN_REGIONS: readonly string[] = Object.keys(rows);

export function regionFacts(region: string): RegionFacts | undefined {
  return rows[region];
}
