/**
 * Failover as a proof: for each failure the platform must survive, the read RTO, write RTO and RPO
 * as a sum of terms, each a value of the plan or a cited AWS figure (figures.ts), held against the
 * monthly error budget of the availability objective.
 */
import { FIGURES, type FigureName } from "./figures";
import { topologyOf, type FailoverResource, type Topology } from "./topology";

export interface Term {
  /** "read", "write" or "rpo": which total the term adds to. */
  readonly path: "read" | "write" | "rpo";
  readonly seconds: number;
  readonly what: string;
  /** "plan: <resource input>" or the figure's page. */
  readonly source: string;
}

export interface Scenario {
  readonly name: string;
  /** null: the platform does not recover from it (nothing left to serve or write). */
  readonly readRtoSeconds: number | null;
  readonly writeRtoSeconds: number | null;
  readonly rpoSeconds: number | null;
  readonly withinBudget: boolean;
  readonly terms: readonly Term[];
  readonly notes: readonly string[];
  /** How the gap closes, when the scenario misses the budget and the plan knows a way. */
  readonly closing?: string;
}

export interface FailoverReport {
  readonly objective: number;
  readonly budgetSeconds: number;
  readonly scenarios: readonly Scenario[];
  readonly ok: boolean;
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

const fig = (path: Term["path"], name: FigureName, seconds?: number): Term => {
  const f = FIGURES[name];
  return { path, seconds: seconds ?? f.seconds, what: f.what, source: `${f.kind}: ${f.source}` };
};
const planTerm = (path: Term["path"], seconds: number, what: string, input: string): Term => ({
  path,
  seconds,
  what,
  source: `plan: ${input}`,
});
const sum = (terms: readonly Term[], path: Term["path"]) =>
  terms.filter((t) => t.path === path).reduce((s, t) => s + t.seconds, 0);

/** Reads of a lost region move once Route53 marks its origin unhealthy and resolvers drop the old answer. */
function regionReadTerms(t: Topology, region: string): Term[] | null {
  const hc = t.healthChecks[region];
  if (!hc || t.regions.length < 2) return null;
  return [
    planTerm(
      "read",
      hc.intervalSeconds * hc.failureThreshold,
      `Route53 marks ${region}'s origin unhealthy after ${hc.failureThreshold} failed checks ${hc.intervalSeconds} s apart`,
      "aws:route53/healthCheck requestInterval x failureThreshold",
    ),
    fig("read", "route53CheckTimeout"),
    fig("read", "elbAliasTtl"),
  ];
}

function scenario(
  name: string,
  read: number | null,
  write: number | null,
  rpo: number | null,
  terms: readonly Term[],
  notes: readonly string[],
): Omit<Scenario, "withinBudget"> {
  return { name, readRtoSeconds: read, writeRtoSeconds: write, rpoSeconds: rpo, terms, notes };
}

/** Recoveries that run side by side: the longest one's terms count, the others become notes. */
function longest(branches: { label: string; terms: Term[] }[], notes: string[]): Term[] {
  const sorted = [...branches].sort((a, b) => sum(b.terms, "write") - sum(a.terms, "write"));
  for (const b of sorted.slice(1)) notes.push(`${b.label} (${sum(b.terms, "write")} s) runs alongside and ends sooner`);
  return sorted[0]?.terms ?? [];
}

function azLoss(t: Topology): Omit<Scenario, "withinBudget"> {
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

function nonWriterRegionLoss(t: Topology): Omit<Scenario, "withinBudget"> | null {
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
  return scenario(`one non-writer region lost (${worst.r}, the slowest to drain)`, read, read, 0, worst.terms!, [
    "the other regions keep writing to the writer; the lost region's users move with their reads",
  ]);
}

function writerRegionLoss(t: Topology, opts: FailoverOptions): Omit<Scenario, "withinBudget"> {
  const writer = t.databaseWriter ?? t.cacheWriter ?? t.regions[0];
  const name = `the writer region lost (${writer})`;
  const readTerms = regionReadTerms(t, writer);
  if (!readTerms)
    return scenario(
      name,
      null,
      null,
      null,
      [],
      ["no other region serves: the platform is down until the region returns"],
    );
  const notes: string[] = [];
  // Detection is the health check's part of the read path (everything but the resolvers' cache).
  const detect = readTerms.slice(0, 2).map((x) => ({ ...x, path: "write" as const }));
  const trigger: Term = t.promotion
    ? planTerm(
        "write",
        t.promotion.triggerSeconds,
        `${t.promotion.name} starts the promotion on the health signal`,
        "writer-promotion trigger",
      )
    : fig("write", "operatorResponse", opts.operatorSeconds);
  if (!t.promotion) notes.push("no writer promotion in the plan: a person must promote the secondaries by hand");
  const branches: { label: string; terms: Term[] }[] = [];
  if (t.databaseSecondaries.length)
    branches.push({
      label: "Aurora global failover",
      terms: [fig("write", "auroraGlobalFailover"), fig("write", "auroraEndpointTtl")],
    });
  if (t.cacheSecondaries.length)
    branches.push({ label: "Global Datastore failover", terms: [fig("write", "globalDatastoreFailover")] });
  const write = [...detect, trigger, ...longest(branches, notes)];
  if (t.staleWriteHosts.length) {
    write.push(fig("write", "repointUpdate"));
    notes.push(...t.staleWriteHosts.map((h) => `until that update, ${h}`));
  }
  const rpo: Term[] = [];
  if (t.databaseLagAlarmSeconds !== null)
    rpo.push(
      planTerm(
        "rpo",
        t.databaseLagAlarmSeconds,
        "Aurora replication lag a secondary may carry before its alarm",
        "AuroraGlobalDBReplicationLag alarm threshold",
      ),
    );
  else if (t.databaseSecondaries.length) rpo.push(fig("rpo", "auroraGlobalRpoTypical"));
  if (t.cacheLagAlarmSeconds !== null && t.cacheLagAlarmSeconds > sum(rpo, "rpo"))
    notes.push(`the cache may lose up to ${t.cacheLagAlarmSeconds} s of writes (its lag alarm threshold)`);
  if (!branches.length)
    return scenario(name, sum(readTerms, "read"), null, null, readTerms, [
      ...notes,
      "no secondary writer: writes stop",
    ]);
  const terms = [...readTerms, ...write, ...rpo];
  const out = scenario(name, sum(readTerms, "read"), sum(write, "write"), sum(rpo, "rpo"), terms, notes);
  if (t.promotion) return out;
  // One standard CloudWatch alarm period in each secondary region starting the promotion instead of a page.
  const repoint = t.staleWriteHosts.length ? FIGURES.repointUpdate.seconds : 0;
  const automated = sum(write, "write") - trigger.seconds - repoint + AUTOMATED_TRIGGER_SECONDS;
  const alarms = new Set([...t.databaseSecondaries, ...t.cacheSecondaries]).size;
  return {
    ...out,
    closing:
      `an automated promotion started within ${AUTOMATED_TRIGGER_SECONDS} s of the health signal would give a ` +
      `write RTO of ${automated} s` +
      (repoint ? ", with write hosts that follow the writer (the promotion repoints them, no pulumi up)" : "") +
      `; it costs one CloudWatch alarm per secondary region (${alarms} x $0.10/month, ` +
      "https://aws.amazon.com/cloudwatch/pricing/) and the automation's role",
  };
}

const AUTOMATED_TRIGGER_SECONDS = 60;

function controlPlaneLoss(t: Topology): Omit<Scenario, "withinBudget"> {
  const notes = [
    "nothing fails over: serving needs no us-east-1 control plane",
    "no CloudFront, WAF or certificate change can be made until it returns",
  ];
  if (t.promotion) notes.push("a promotion triggered from us-east-1 alarms would not start; trigger from each region");
  return scenario(
    "us-east-1 control planes lost",
    0,
    0,
    0,
    [fig("read", "globalControlPlanes"), fig("read", "healthCheckMetricsRegion")],
    [...notes, "Route53 health-check alarms cannot page anyone during the event"],
  );
}

export function failoverReport(resources: readonly FailoverResource[], opts: FailoverOptions): FailoverReport {
  const t = topologyOf(resources);
  const budget = budgetSeconds(opts.objective);
  const drafts = [azLoss(t), nonWriterRegionLoss(t), writerRegionLoss(t, opts), controlPlaneLoss(t)].filter(
    (s): s is Omit<Scenario, "withinBudget"> => s !== null,
  );
  const scenarios = drafts.map((s) => {
    const worst = [s.readRtoSeconds, s.writeRtoSeconds];
    return { ...s, withinBudget: worst.every((x) => x !== null && x <= budget) };
  });
  return { objective: opts.objective, budgetSeconds: budget, scenarios, ok: scenarios.every((s) => s.withinBudget) };
}
