/**
 * `platform:failover`: how the writer moves when its region is lost, and the region drill.
 * Parsed with the other sections (components/config/schema.ts); cross-field rules in
 * failoverIssues. docs/failover.md explains each value against the availability budget.
 */
import { z } from "zod";

const whole = (min: number, max: number, what: string) =>
  z
    .number({ error: `${what}: a whole number from ${min} to ${max}` })
    .int({ error: `${what}: a whole number from ${min} to ${max}` })
    .min(min, { error: `${what}: a whole number from ${min} to ${max}` })
    .max(max, { error: `${what}: a whole number from ${min} to ${max}` });

export const failoverSchema = z
  .strictObject({
    promotion: z
      .strictObject({
        /**
         * "alarm": the standby region's replication-lag alarm starts its promotion document through
         * EventBridge; "operator": a person runs the printed command. Default: alarm in prod.
         */
        trigger: z.enum(["alarm", "operator"], { error: 'one of "alarm", "operator"' }).optional(),
        /** The region the alarm promotes (default: the first database secondary with a cache member). */
        standbyRegion: z.string().optional(),
        /** Replication lag (seconds) that, held for `periods` one-minute periods, means the writer is gone. */
        lagThresholdSeconds: whole(5, 600, "seconds of replication lag").default(30),
        periods: whole(1, 10, "one-minute periods").default(2),
      })
      .prefault({}),
    /** TTL of the cache writer's private CNAME: how long a resolver keeps the old primary after a promotion. */
    cacheWriterTtlSeconds: whole(1, 300, "seconds").default(5),
    drill: z
      .strictObject({
        /** Off by default: a drill takes a region out of the public origin set. */
        enabled: z.boolean({ error: "true or false" }).default(false),
        /** The region taken out (default: the last configured region that is not the primary). */
        region: z.string().optional(),
      })
      .prefault({}),
  })
  .prefault({});

export type FailoverSection = z.output<typeof failoverSchema>;

export interface FailoverIssue {
  readonly path: string;
  readonly value: unknown;
  readonly expected: string;
}

interface FailoverContext {
  readonly failover?: FailoverSection;
  readonly regions?: readonly { readonly name: string }[];
  readonly primaryRegion?: string;
  readonly database?: { readonly secondaryRegions?: readonly string[]; readonly writerRegion?: string };
}

/** Cross-field rules: the standby must hold a database member other than the writer; the drill region must exist. */
export function failoverIssues(c: FailoverContext): FailoverIssue[] {
  const f = c.failover;
  if (!f || !c.regions) return [];
  const issues: FailoverIssue[] = [];
  const names = c.regions.map((r) => r.name);
  const primary = c.primaryRegion ?? names[0];
  const members = [primary, ...(c.database?.secondaryRegions ?? names.filter((r) => r !== primary))];
  const writer = c.database?.writerRegion ?? primary;
  const candidates = members.filter((r) => r !== writer);
  const standby = f.promotion.standbyRegion;
  if (standby !== undefined && !candidates.includes(standby))
    issues.push({
      path: "platform:failover.promotion.standbyRegion",
      value: standby,
      expected: `a region with a database member other than the writer ${writer} (${candidates.join(", ") || "none: the stack has one region"})`,
    });
  const drill = f.drill.region;
  if (drill !== undefined && !names.includes(drill))
    issues.push({ path: "platform:failover.drill.region", value: drill, expected: `one of ${names.join(", ")}` });
  if (f.drill.enabled && names.length < 2)
    issues.push({
      path: "platform:failover.drill.enabled",
      value: true,
      expected: "false in a one-region stack (no other region would serve)",
    });
  return issues;
}

/** The section with its environment default: prod promotes on the alarm, other stacks wait for a person. */
export interface FailoverPlan extends FailoverSection {
  readonly promotion: FailoverSection["promotion"] & { readonly trigger: "alarm" | "operator" };
}

export function resolveFailover(f: FailoverSection, environment: string): FailoverPlan {
  return {
    ...f,
    promotion: { ...f.promotion, trigger: f.promotion.trigger ?? (environment === "prod" ? "alarm" : "operator") },
  };
}
