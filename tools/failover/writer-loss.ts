/**
 * The writer region lost: reads drain like any region's; writes wait for detection, the promotion
 * (Aurora global failover and Global Datastore failover side by side), the write names' TTLs and a
 * reconnect. With a provisioned promotion and write names that follow the writer, no `pulumi up`
 * is on the path; without them the view says what a person and an update cost.
 */
import { FIGURES } from "./figures";
import {
  fig,
  longest,
  originFailoverNote,
  planTerm,
  regionReadTerms,
  scenario,
  sum,
  type Draft,
  type Term,
} from "./terms";
import type { Topology } from "./topology";

export interface WriterLossOptions {
  /** Overrides the assumed time a paged person needs to start the promotion. */
  readonly operatorSeconds?: number;
}

/** Seconds from the writer's loss until its promotion starts. */
function triggerTerms(t: Topology, opts: WriterLossOptions, notes: string[]): Term[] {
  const trigger = t.promotion?.trigger;
  if (!t.promotion) {
    notes.push("no writer promotion in the plan: a person must promote the secondaries by hand");
    return [fig("write", "operatorResponse", opts.operatorSeconds)];
  }
  if (!trigger) {
    notes.push(
      `a person starts the promotion document in ${t.promotion.regions.join(" or ")} with one command ` +
        "(platform:failover.promotion.trigger is operator)",
    );
    return [fig("write", "operatorResponse", opts.operatorSeconds)];
  }
  notes.push(`the trigger alarm lives in ${trigger.region}: the lost region's control plane is not needed`);
  return [
    planTerm(
      "write",
      trigger.lagThresholdSeconds + trigger.periodSeconds * trigger.datapoints,
      `${trigger.name}: replication lag reaches ${trigger.lagThresholdSeconds} s, then ${trigger.datapoints} ` +
        `breaching ${trigger.periodSeconds} s periods`,
      "writer-promotion trigger alarm threshold + period x datapointsToAlarm",
    ),
    fig("write", "automationStart"),
  ];
}

export function writerRegionLoss(t: Topology, opts: WriterLossOptions): Draft {
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
  const origin = originFailoverNote(t, writer);
  if (origin) notes.push(origin);
  const trigger = triggerTerms(t, opts, notes);
  const branches: { label: string; terms: Term[] }[] = [];
  if (t.databaseSecondaries.length)
    branches.push({
      label: "Aurora global failover",
      terms: [fig("write", "auroraGlobalFailover"), fig("write", "auroraGlobalEndpointTtl")],
    });
  if (t.cacheSecondaries.length)
    branches.push({
      label: "Global Datastore failover",
      terms: [
        fig("write", "globalDatastoreFailover"),
        ...(t.cacheWriterTtlSeconds !== null
          ? [
              planTerm(
                "write",
                t.cacheWriterTtlSeconds,
                "resolvers drop the cache writer CNAME the promotion repointed",
                "aws:route53/record cache-writer ttl",
              ),
            ]
          : []),
      ],
    });
  const write = [...trigger, ...longest(branches, notes)];
  if (t.staleWriteHosts.length) {
    write.push(fig("write", "repointUpdate"));
    notes.push(...t.staleWriteHosts.map((h) => `until that update, ${h}`));
  } else if (branches.length) write.push(fig("write", "clientReconnect"));
  const rpo: Term[] = [];
  if (t.databaseLagAlarmSeconds !== null)
    rpo.push(
      planTerm(
        "rpo",
        t.databaseLagAlarmSeconds,
        "Aurora replication lag a secondary may carry before its alarm pages",
        "AuroraGlobalDBReplicationLag alarm threshold",
      ),
    );
  else if (t.databaseSecondaries.length) rpo.push(fig("rpo", "auroraGlobalRpoTypical"));
  if (t.databaseSecondaries.length)
    notes.push(
      `typically lost: under ${FIGURES.auroraGlobalRpoTypical.seconds} s of database writes (AWS: lag usually < 1 s)`,
    );
  if (t.cacheSecondaries.length)
    notes.push(
      `the cache may lose up to ${t.cacheLagAlarmSeconds ?? FIGURES.globalDatastoreRpoTypical.seconds} s of writes ` +
        `(its lag alarm threshold; AWS: generally under ${FIGURES.globalDatastoreRpoTypical.seconds} s)`,
    );
  if (!branches.length)
    return scenario(name, sum(readTerms, "read"), null, null, readTerms, [
      ...notes,
      "no secondary writer: writes stop",
    ]);
  const terms = [...readTerms, ...write, ...rpo];
  const out = scenario(name, sum(readTerms, "read"), sum(write, "write"), sum(rpo, "rpo"), terms, notes);
  if (t.promotion?.trigger && !t.staleWriteHosts.length) return out;
  const manual = trigger.reduce((s, x) => s + x.seconds, 0);
  const repoint = t.staleWriteHosts.length ? FIGURES.repointUpdate.seconds : 0;
  const automated =
    sum(write, "write") - manual - repoint + AUTOMATED_DETECTION_SECONDS + FIGURES.automationStart.seconds;
  const alarms = new Set([...t.databaseSecondaries, ...t.cacheSecondaries]).size ? 1 : 0;
  return {
    ...out,
    closing:
      `the promotion started by the standby region's lag alarm (about ${AUTOMATED_DETECTION_SECONDS} s) would give a ` +
      `write RTO of ${automated} s` +
      (repoint ? ", with write names that follow the writer (no pulumi up)" : "") +
      `; it costs ${alarms} CloudWatch alarm ($0.10/month, https://aws.amazon.com/cloudwatch/pricing/), one ` +
      "EventBridge rule and the automation's role (platform:failover.promotion.trigger: alarm)",
  };
}

/** The default trigger: 30 s of lag, then two breaching one-minute periods. */
const AUTOMATED_DETECTION_SECONDS = 150;
