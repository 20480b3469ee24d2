import { createHash } from "crypto";

/** Compact region code for physical names with tight limits (ALB/TG names: 32 chars). */
export function regionCode(region: string): string {
  const [geo, dir, num] = region.split("-");
  const d =
    (
      {
        east: "e",
        west: "w",
        north: "n",
        south: "s",
        central: "c",
        northeast: "ne",
        northwest: "nw",
        southeast: "se",
        southwest: "sw",
      } as Record<string, string>
    )[dir] ?? dir.slice(0, 2);
  return `${geo}${d}${num}`;
}

/**
 * One part as every AWS name we build accepts it: lowercase a-z, 0-9 and single inner hyphens. A
 * Pulumi stack name may also hold "_" and "." (and edge or repeated hyphens), which ALB, RDS and
 * ElastiCache names reject; clean parts pass through unchanged.
 */
function segment(part: string): string {
  return part
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * Join parts into a physical name of at most `max` characters (max >= 8). Over the limit,
 * the tail is replaced by a stable hash so two long names never collide.
 */
export function physicalName(parts: readonly string[], max = 63): string {
  const full = parts
    .map(segment)
    .filter((p) => p.length > 0)
    .join("-");
  if (full.length <= max) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 6);
  return `${full.slice(0, max - 7).replace(/-+$/, "")}-${hash}`;
}

/** EKS cluster name for a region; also the Karpenter discovery tag value. */
export function clusterName(prefix: string, stack: string, region: string): string {
  return physicalName([prefix, stack, regionCode(region)], 40);
}
