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
 * Join parts into a physical name of at most `max` characters. Over the limit,
 * the tail is replaced by a stable hash so two long names never collide.
 */
export function physicalName(parts: readonly string[], max = 63): string {
  const full = parts
    .filter((p) => p.length > 0)
    .join("-")
    .toLowerCase();
  if (full.length <= max) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 6);
  return `${full.slice(0, max - 7).replace(/-+$/, "")}-${hash}`;
}

/** EKS cluster name for a region; also the Karpenter discovery tag value. */
export function clusterName(prefix: string, stack: string, region: string): string {
  return physicalName([prefix, stack, regionCode(region)], 40);
}
