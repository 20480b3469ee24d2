import type { ConfigIssue } from "../errors";
import type { ParsedSections } from "../schema";

type Sections = { [K in keyof ParsedSections]?: ParsedSections[K] };

/**
 * Data-tier cross-field rules, beside the data section (./data.ts). Value domains (instance
 * classes, engine versions) are checked in ../domain-checks.ts against ../aws-domains.ts.
 * Paths use the `platform:` namespace.
 */
export function dataIssues(c: Sections): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: string, value: unknown, expected: string) => issues.push({ path, value, expected });
  if (c.regions) {
    const primary = c.primaryRegion ?? c.regions[0]?.name;
    const others = c.regions.map((r) => r.name).filter((r) => r !== primary);
    const writer = (section: "database" | "cache", secondaries: string[]) => {
      const at = c[section]?.writerRegion;
      const holders = [primary, ...secondaries];
      if (c[section]?.enabled && at !== undefined && !holders.includes(at))
        add(`platform:${section}.writerRegion`, at, `a region holding a ${section} member (${holders.join(", ")})`);
    };
    writer("database", c.database?.secondaryRegions ?? others);
    const cacheGlobal = c.cache?.global ?? others.length > 0;
    writer("cache", cacheGlobal ? (c.cache?.secondaryRegions ?? others.slice(0, 2)) : []);
  }
  const cache = c.cache;
  if (cache?.enabled && c.regions) {
    const others = c.regions.map((r) => r.name).filter((r) => r !== (c.primaryRegion ?? c.regions![0].name));
    const global = cache.global ?? others.length > 0;
    if (global && /^cache\.(m[34]|r[34])\./.test(cache.nodeType)) {
      add(
        "platform:cache.nodeType",
        cache.nodeType,
        "a node type of the m5/r5 generation or newer (Global Datastore does not support older ones)",
      );
    }
    const members = global ? (cache.secondaryRegions ?? others.slice(0, 2)) : [];
    const without = others.filter((r) => !members.includes(r));
    // Only once the member list itself is valid (its own problems are reported on secondaryRegions).
    const valid = members.length > 0 && members.length <= 2 && members.every((m) => others.includes(m));
    if (global && valid && without.length > 0 && cache.regionsWithoutMember === undefined)
      add(
        "platform:cache.regionsWithoutMember",
        undefined,
        `a choice for ${without.join(", ")}, which ${without.length === 1 ? "has" : "have"} no Global Datastore member ` +
          `(at most 2 secondaries: ${members.join(", ") || "none"}): "use-writer" (their pods read and write the ` +
          "writer region's cache over the peering, a cross-region round trip on every call)",
      );
    if (cache.global === true && cache.secondaryRegions !== undefined && cache.secondaryRegions.length === 0) {
      add(
        "platform:cache.secondaryRegions",
        [],
        "at least one region when cache.global is true (a Global Datastore needs a secondary)",
      );
    }
  }
  return issues;
}
