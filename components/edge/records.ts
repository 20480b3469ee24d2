/**
 * Route53 routing for the shared origin name, planned from plain values so the number of
 * records and their identifiers never depend on outputs.
 */
export type RoutingMode = "latency" | "failover";

export interface RoutedRecordPlan {
  region: string;
  /** Unique among the records of one name; the region is stable and readable. */
  setIdentifier: string;
  latency?: { region: string };
  failover?: { type: "PRIMARY" | "SECONDARY" };
}

/**
 * latency: every region answers (active-active), Route53 picks the nearest healthy one.
 * failover: the primary takes all traffic, the first other region is the standby (seed 002's
 * 100/0); further regions stay out of the origin record (a failover record set has exactly one
 * PRIMARY and one SECONDARY) but keep their own origin-<code> name and health check.
 */
export function routedOriginRecords(
  mode: RoutingMode,
  regions: readonly string[],
  primary: string,
): RoutedRecordPlan[] {
  if (!regions.includes(primary))
    throw new Error(`primary region ${primary} is not among the regions (${regions.join(", ")})`);
  if (mode === "latency") return regions.map((region) => ({ region, setIdentifier: region, latency: { region } }));
  if (mode === "failover") {
    const secondary = regions.find((r) => r !== primary);
    const out: RoutedRecordPlan[] = [
      { region: primary, setIdentifier: `${primary}-primary`, failover: { type: "PRIMARY" } },
    ];
    if (secondary)
      out.push({ region: secondary, setIdentifier: `${secondary}-secondary`, failover: { type: "SECONDARY" } });
    return out;
  }
  throw new Error(`routing mode "${String(mode)}": expected "latency" or "failover"`);
}

/** CloudFront's fixed hosted zone id for alias records (AWS docs: Route53 AliasTarget). */
export const CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2";

export interface AliasRecordPlan {
  /** Stable Pulumi role suffix, e.g. `apex-a`, `www-aaaa`. */
  role: string;
  name: string;
  type: "A" | "AAAA";
}

/** A and AAAA alias records for every public name (CloudFront serves IPv6 when enabled). */
export function publicAliasRecords(domain: string, aliases: readonly string[]): AliasRecordPlan[] {
  const labels: [string, string][] = [["apex", domain], ...aliases.map((a): [string, string] => [a, `${a}.${domain}`])];
  return labels.flatMap(([label, name]) =>
    (["A", "AAAA"] as const).map((type) => ({ role: `${label}-${type.toLowerCase()}`, name, type })),
  );
}
