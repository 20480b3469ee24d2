import type { ConfigIssue } from "../config/errors";
import type { ParsedSections } from "../config/schema";
import { instanceMemoryGiB } from "./plan";

type Sections = { [K in keyof ParsedSections]?: ParsedSections[K] };

const versionAtLeast = (v: string, min: number[]): boolean => {
  const parts = v.split(".").map(Number);
  for (let i = 0; i < min.length; i++) {
    const p = parts[i] ?? 0;
    if (p !== min[i]) return p > min[i];
  }
  return true;
};

/**
 * Data-tier rules beyond those in config/semantic.ts (secondary lists, limits, burstable
 * classes, readers range live there). Called from semanticIssues; paths use the `platform:` namespace.
 */
export function dataIssues(c: Sections): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: string, value: unknown, expected: string) => issues.push({ path, value, expected });
  const db = c.database;
  if (
    db?.enabled &&
    db.maxConnections === undefined &&
    db.instanceMemoryGiB === undefined &&
    instanceMemoryGiB(db.instanceClass) === undefined
  ) {
    add(
      "platform:database.instanceClass",
      db.instanceClass,
      "a class with a known memory size (db.r5/r6g/r6i/r7g/r7i/r8g, db.x2g, db.t3/t4g), or database.instanceMemoryGiB or database.maxConnections set (they size the connection and memory alarms)",
    );
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
    if (cache.global === true && cache.secondaryRegions !== undefined && cache.secondaryRegions.length === 0) {
      add(
        "platform:cache.secondaryRegions",
        [],
        "at least one region when cache.global is true (a Global Datastore needs a secondary)",
      );
    }
    if (cache.engine === "valkey" && !versionAtLeast(cache.engineVersion, [7, 2])) {
      add(
        "platform:cache.engineVersion",
        cache.engineVersion,
        'a Valkey version of at least "7.2" (the first Valkey release on ElastiCache)',
      );
    }
    if (cache.engine === "redis" && global && !versionAtLeast(cache.engineVersion, [5, 0, 6])) {
      add(
        "platform:cache.engineVersion",
        cache.engineVersion,
        'a Redis OSS version of at least "5.0.6" (Global Datastore requirement)',
      );
    }
  }
  return issues;
}
