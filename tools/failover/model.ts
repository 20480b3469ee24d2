/**
 * Failover as a proof: for each failure the platform must survive, the read RTO, write RTO and RPO
 * as a sum of terms, each a value of the plan or a cited AWS figure (figures.ts), held against the
 * monthly error budget of the availability objective.
 */
import {
  fig,
  longest,
  originFailoverNote,
  planTerm,
  regionReadTerms,
  scenario,
  sum,
  type Draft,
  type Scenario,
  type Term,
} from "./terms";
import { topologyOf, type FailoverResource, type Topology } from "./topology";
import { writerRegionLoss } from "./writer-loss";
import { settingEffects, type SettingEffect } from "./settings";

export type { Scenario, Term } from "./terms";

export interface FailoverReport {
  readonly objective: number;
  readonly budgetSeconds: number;
  readonly scenarios: readonly Scenario[];
  readonly ok: boolean;
  /** What each detection setting buys: the decided scenario with the plan's value and a slower one. */
  readonly settings: readonly SettingEffect[];
}

export interface FailoverOptions {
  /** Availability objective in percent (seed 003: 99.99). */
  readonly objective: number;
  /** Overrides the assumed time a paged person needs to run a manual promotion. */
  readonly operatorSeconds?: number;
}

/** Seconds of failure a month the objective allows (a 30-day month: 99.99 % -> 259.2 s = 4.32 min). */
export function budgetSeconds(objective: number): number {
  return Math.round((1 - objective / 100) * 30 * 24 * 3600 * 1000) / 1000;
}

function azLoss(t: Topology): Draft {
  const region = t.databaseWriter ?? t.regions[0];
  const tg = t.targetHealth[region];
  const notes = ["counted as if every request failed until recovery ends; only the lost AZ's share does"];
  const read: Term[] = [];
  if (tg)
    read.push(
      planTerm(
        "read",
        tg.intervalSeconds * tg.unhealthyThreshold + tg.timeoutSeconds,
        `the ALB stops sending to the lost AZ's gateway pods after ${tg.unhealthyThreshold} failed checks ` +
          `${tg.intervalSeconds} s apart (+${tg.timeoutSeconds} s timeout)`,
        "aws:lb/targetGroup healthCheck interval x unhealthyThreshold + timeout",
      ),
    );
  const mesh = t.meshOutlierIntervalSeconds;
  if (mesh !== null)
    notes.push(
      `the mesh ejects the lost AZ's endpoints within its outlier sweep (${mesh} s), inside the ALB's detection`,
    );
  const branches = [
    {
      label: "Aurora in-region failover",
      terms: [fig("write", "auroraInRegionFailover"), fig("write", "auroraEndpointTtl")],
    },
  ];
  if (t.cacheWriter)
    branches.push({ label: "ElastiCache Multi-AZ failover", terms: [fig("write", "cacheInRegionFailover")] });
  const write = longest(branches, notes);
  const rpo = t.cacheWriter ? [fig("rpo", "cacheReplicaLag")] : [];
  notes.push("Aurora storage keeps six copies across three AZs: no committed write is lost with an AZ");
  const readRto = sum(read, "read");
  return scenario(
    "one AZ lost",
    readRto,
    Math.max(readRto, sum(write, "write")),
    sum(rpo, "rpo"),
    [...read, ...write, ...rpo],
    notes,
  );
}

function nonWriterRegionLoss(t: Topology): Draft | null {
  const lost = t.regions.filter((r) => r !== t.databaseWriter && r !== t.cacheWriter);
  if (!lost.length) return null;
  const drains = lost.map((r) => ({ r, terms: regionReadTerms(t, r) }));
  const stuck = drains.find((d) => !d.terms);
  if (stuck)
    return scenario(
      `one non-writer region lost (${stuck.r})`,
      null,
      null,
      0,
      [],
      [`${stuck.r} has no health-checked origin`],
    );
  const worst = drains.sort((a, b) => sum(b.terms!, "read") - sum(a.terms!, "read"))[0];
  const read = sum(worst.terms!, "read");
  const origin = originFailoverNote(t, worst.r);
  return scenario(`one non-writer region lost (${worst.r}, the slowest to drain)`, read, read, 0, worst.terms!, [
    "the other regions keep writing to the writer; the lost region's users move with their reads",
    ...(origin ? [origin] : []),
  ]);
}

function controlPlaneLoss(t: Topology): Draft {
  const notes = [
    "nothing fails over: serving needs no us-east-1 control plane",
    "no CloudFront, WAF or certificate change can be made until it returns",
  ];
  const trigger = t.promotion?.trigger?.region;
  if (trigger === "us-east-1") notes.push("the writer promotion's trigger alarm is in us-east-1: it would not start");
  else if (trigger) notes.push(`the writer promotion's trigger runs in ${trigger}: a writer loss is still promoted`);
  return scenario(
    "us-east-1 control planes lost",
    0,
    0,
    0,
    [fig("read", "globalControlPlanes"), fig("read", "healthCheckMetricsRegion")],
    [...notes, "Route53 health-check alarms cannot page anyone during the event"],
  );
}

function scenariosOf(resources: readonly FailoverResource[], opts: FailoverOptions, budget: number): Scenario[] {
  const t = topologyOf(resources);
  const drafts = [azLoss(t), nonWriterRegionLoss(t), writerRegionLoss(t, opts), controlPlaneLoss(t)].filter(
    (s): s is Draft => s !== null,
  );
  return drafts.map((s) => {
    const worst = [s.readRtoSeconds, s.writeRtoSeconds];
    return { ...s, withinBudget: worst.every((x) => x !== null && x <= budget) };
  });
}

export function failoverReport(resources: readonly FailoverResource[], opts: FailoverOptions): FailoverReport {
  const budget = budgetSeconds(opts.objective);
  const scenarios = scenariosOf(resources, opts, budget);
  const settings = settingEffects(resources, (rs, prefix) => {
    const s = scenariosOf(rs, opts, budget).find((x) => x.name.startsWith(prefix));
    if (!s || s.readRtoSeconds === null || s.writeRtoSeconds === null) return null;
    return Math.max(s.readRtoSeconds, s.writeRtoSeconds);
  });
  return {
    objective: opts.objective,
    budgetSeconds: budget,
    scenarios,
    ok: scenarios.every((s) => s.withinBudget),
    settings,
  };
}
