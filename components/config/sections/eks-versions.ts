import { CHARTS } from "../../charts";

/**
 * The EKS Kubernetes release calendar: when each minor was released on EKS, left standard
 * support (14 months) and leaves extended support (12 more months, then EKS auto-upgrades the
 * cluster). End dates as AWS publishes them; release dates are 14 months before end of standard
 * support, the page's stated rule. Source, checked 2026-12-02:
 * https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html
 */
export const EKS_CALENDAR_SOURCE = {
  url: "https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html",
  checked: "2026-12-02",
} as const;

export interface EksVersion {
  readonly version: string;
  readonly release: string;
  readonly endOfStandard: string;
  readonly endOfExtended: string;
}

export const EKS_VERSION_CALENDAR: readonly EksVersion[] = [
  { version: "1.29", release: "2024-01-23", endOfStandard: "2025-03-23", endOfExtended: "2026-03-23" },
  { version: "1.30", release: "2024-05-23", endOfStandard: "2025-07-23", endOfExtended: "2026-07-23" },
  { version: "1.31", release: "2024-09-26", endOfStandard: "2025-11-26", endOfExtended: "2026-11-26" },
  { version: "1.32", release: "2025-01-23", endOfStandard: "2026-03-23", endOfExtended: "2027-03-23" },
  { version: "1.33", release: "2025-05-29", endOfStandard: "2026-07-29", endOfExtended: "2027-07-29" },
  { version: "1.34", release: "2025-10-02", endOfStandard: "2026-12-02", endOfExtended: "2027-12-02" },
  { version: "1.35", release: "2026-01-27", endOfStandard: "2027-03-27", endOfExtended: "2028-03-27" },
];

/** Per cluster hour (Amazon EKS pricing, https://aws.amazon.com/eks/pricing/, checked 2026-12-02). */
export const EKS_HOURLY_PRICE_USD = { standard: 0.1, extended: 0.6 } as const;
/** Warn this many days before a version leaves standard support. */
export const SUPPORT_WARNING_DAYS = 60;

export type SupportPhase = "standard" | "extended" | "ended";

const DAY_MS = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Where a version stands on `today` (support ends at the start of the listed day, UTC). */
export function supportPhase(v: EksVersion, today: Date): SupportPhase {
  const t = today.getTime();
  if (t < day(v.endOfStandard)) return "standard";
  return t < day(v.endOfExtended) ? "extended" : "ended";
}

export function calendarEntry(version: string): EksVersion | undefined {
  return EKS_VERSION_CALENDAR.find((v) => v.version === version);
}

const minor = (v: string) => Number(v.split(".")[1]);

/** Newest minor every pinned chart tests or declares (components/charts.ts). */
export function newestVersionChartsSupport(): string {
  const maxes = Object.values(CHARTS)
    .map((c) => (c as { kubernetes?: { max: string } }).kubernetes?.max)
    .filter((m): m is string => m !== undefined);
  return `1.${Math.min(...maxes.map(minor))}`;
}

/**
 * The default Kubernetes version: the newest EKS version in standard support on the day the
 * calendar was checked that every chart supports. Computed from data with that fixed date, never
 * from the clock, so a default never moves (and upgrades clusters) on its own: re-check the
 * calendar, bump `checked`, review the plan diff.
 */
export function defaultKubernetesVersion(): string {
  const ceiling = minor(newestVersionChartsSupport());
  const checked = new Date(`${EKS_CALENDAR_SOURCE.checked}T00:00:00Z`);
  const candidates = EKS_VERSION_CALENDAR.filter(
    (v) => minor(v.version) <= ceiling && supportPhase(v, checked) === "standard",
  );
  if (candidates.length === 0) throw new Error("no EKS version in standard support that every chart supports");
  return candidates[candidates.length - 1].version;
}

const money = (n: number) => `$${n.toFixed(2)}/h`;

/** A warning for a version in extended support or within SUPPORT_WARNING_DAYS of it; undefined otherwise. */
export function supportWarning(version: string, today: Date): string | undefined {
  const v = calendarEntry(version);
  if (!v) return undefined;
  const cost = `each cluster costs ${money(EKS_HOURLY_PRICE_USD.extended)} instead of ${money(EKS_HOURLY_PRICE_USD.standard)}`;
  const at = `platform:cluster.kubernetesVersion ${version}`;
  const phase = supportPhase(v, today);
  if (phase === "extended")
    return (
      `${at} is in EKS extended support since ${v.endOfStandard}: ${cost}, and EKS auto-upgrades it on ` +
      `${v.endOfExtended} (${EKS_CALENDAR_SOURCE.url})`
    );
  const days = Math.ceil((day(v.endOfStandard) - today.getTime()) / DAY_MS);
  if (phase === "standard" && days <= SUPPORT_WARNING_DAYS)
    return `${at} leaves EKS standard support on ${v.endOfStandard} (in ${days} days): from then ${cost} (${EKS_CALENDAR_SOURCE.url})`;
  return undefined;
}

/** The expected-text of a config error for a version EKS no longer runs, or undefined. */
export function versionProblem(version: string, today: Date): string | undefined {
  const v = calendarEntry(version);
  const known = EKS_VERSION_CALENDAR.map((e) => e.version).join(", ");
  if (!v) return `an EKS Kubernetes version from the release calendar (${known})`;
  if (supportPhase(v, today) === "ended")
    return (
      `a version EKS still supports: ${version} left extended support on ${v.endOfExtended} ` +
      `(${EKS_CALENDAR_SOURCE.url})`
    );
  return undefined;
}
