/**
 * What the failover model reads from a plan: which regions serve, which one writes, and the
 * plan's own detection settings (Route53 health checks, ALB target health, mesh outlier detection,
 * replication-lag alarms, CloudFront origin groups). Pure: plan resources in, plain values out.
 */
export interface FailoverResource {
  readonly type: string;
  readonly name: string;
  readonly region: string | null;
  readonly inputs: Record<string, unknown>;
}

export interface HealthCheckSettings {
  readonly intervalSeconds: number;
  readonly failureThreshold: number;
}

export interface TargetHealthSettings {
  readonly intervalSeconds: number;
  readonly unhealthyThreshold: number;
  readonly timeoutSeconds: number;
}

export interface Topology {
  /** Regions with a cluster that serves traffic, in plan order. */
  readonly regions: readonly string[];
  /** The Aurora writer's region (the global cluster's primary, or the only cluster). */
  readonly databaseWriter: string | null;
  /** The Global Datastore primary's region (or the only replication group). */
  readonly cacheWriter: string | null;
  readonly databaseSecondaries: readonly string[];
  readonly cacheSecondaries: readonly string[];
  /** Route53 health check of each region's origin (undefined: the region has none). */
  readonly healthChecks: Readonly<Record<string, HealthCheckSettings | undefined>>;
  readonly targetHealth: Readonly<Record<string, TargetHealthSettings | undefined>>;
  /** Istio outlier detection interval of the mesh, the longest of any DestinationRule. */
  readonly meshOutlierIntervalSeconds: number | null;
  /** CloudFront origin groups (GET/HEAD retried on a second origin). */
  readonly originGroups: number;
  /** Replication-lag alarm thresholds: the lag a secondary can carry unnoticed. */
  readonly databaseLagAlarmSeconds: number | null;
  readonly cacheLagAlarmSeconds: number | null;
  /**
   * Why pods would still write to the old writer after a promotion: a region's write host that names
   * one region's endpoint (the ConfigMap only changes with the next `pulumi up`). Empty when every
   * write host follows the writer on its own (Aurora's global writer endpoint).
   */
  readonly staleWriteHosts: readonly string[];
  /** The writer promotion in the plan (SSM documents tagged platform.io/role=writer-promotion). */
  readonly promotion: Promotion | null;
  /** TTL of the cache writer name the promotion repoints (null: services name a group's endpoint). */
  readonly cacheWriterTtlSeconds: number | null;
  /** CloudFront origin failover for GET/HEAD: the secondary origin's region and how long a failed try takes. */
  readonly originFailover: OriginFailover | null;
}

export interface Promotion {
  /** Regions a document promotes (each runs in its own region). */
  readonly regions: readonly string[];
  /** The alarm that starts it without a person; null: an operator runs the document. */
  readonly trigger: {
    readonly region: string;
    readonly name: string;
    readonly lagThresholdSeconds: number;
    readonly periodSeconds: number;
    readonly datapoints: number;
  } | null;
}

export interface OriginFailover {
  readonly secondaryRegion: string;
  /** Seconds CloudFront spends on the failed primary before it asks the secondary (timeout x attempts). */
  readonly failedTrySeconds: number;
  /** Path patterns whose GET/HEAD requests use the group. */
  readonly paths: readonly string[];
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const rec = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});
const ofType = (rs: readonly FailoverResource[], type: string) => rs.filter((r) => r.type === type);

/** "30s", "1m", "500ms" as Istio writes durations; null when not a duration. */
export function durationSeconds(v: unknown): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(str(v) ?? "");
  if (!m) return null;
  const unit = { ms: 0.001, s: 1, m: 60, h: 3600 }[m[2] as "ms" | "s" | "m" | "h"];
  return Number(m[1]) * unit;
}

function healthChecksByRegion(rs: readonly FailoverResource[]): Record<string, HealthCheckSettings | undefined> {
  // latency/failover record (region) -> alias target (ALB) -> the regional origin record with the
  // same target -> its name is the health check's fqdn.
  const originNameByTarget = new Map<string, string>();
  const regionByTarget = new Map<string, string>();
  for (const r of ofType(rs, "aws:route53/record:Record")) {
    const target = str(rec((r.inputs.aliases as unknown[] | undefined)?.[0]).name);
    if (!target) continue;
    const latency = rec((r.inputs.latencyRoutingPolicies as unknown[] | undefined)?.[0]).region;
    if (str(r.inputs.setIdentifier) && typeof latency === "string") regionByTarget.set(target, latency);
    else if (str(r.inputs.setIdentifier)) regionByTarget.set(target, str(r.inputs.setIdentifier)!);
    else originNameByTarget.set(target, str(r.inputs.name) ?? "");
  }
  const regionByFqdn = new Map<string, string>();
  for (const [target, region] of regionByTarget) {
    const name = originNameByTarget.get(target);
    if (name) regionByFqdn.set(name.replace(/\.$/, ""), region);
  }
  const out: Record<string, HealthCheckSettings | undefined> = {};
  for (const hc of ofType(rs, "aws:route53/healthCheck:HealthCheck")) {
    const region = regionByFqdn.get((str(hc.inputs.fqdn) ?? "").replace(/\.$/, ""));
    if (!region) continue;
    out[region] = {
      // Route53's defaults when the input is absent: 30 s and 3.
      intervalSeconds: num(hc.inputs.requestInterval) ?? 30,
      failureThreshold: num(hc.inputs.failureThreshold) ?? 3,
    };
  }
  return out;
}

function targetHealthByRegion(rs: readonly FailoverResource[]): Record<string, TargetHealthSettings | undefined> {
  const out: Record<string, TargetHealthSettings | undefined> = {};
  for (const tg of ofType(rs, "aws:lb/targetGroup:TargetGroup")) {
    if (!tg.region) continue;
    const hc = rec(tg.inputs.healthCheck);
    // ALB's defaults when an input is absent: every 30 s, unhealthy after 2 failures, 5 s timeout.
    const t = {
      intervalSeconds: num(hc.interval) ?? 30,
      unhealthyThreshold: num(hc.unhealthyThreshold) ?? 2,
      timeoutSeconds: num(hc.timeout) ?? 5,
    };
    const prev = out[tg.region];
    const worst = (x: TargetHealthSettings) => x.intervalSeconds * x.unhealthyThreshold + x.timeoutSeconds;
    if (!prev || worst(t) > worst(prev)) out[tg.region] = t;
  }
  return out;
}

function lagAlarmSeconds(rs: readonly FailoverResource[], metric: string, unitSeconds: number): number | null {
  // The promotion's trigger watches the same metric at a much higher threshold: it pages nobody early.
  const thresholds = ofType(rs, "aws:cloudwatch/metricAlarm:MetricAlarm")
    .filter((a) => a.inputs.metricName === metric && role(a) !== "writer-promotion-trigger")
    .map((a) => (num(a.inputs.threshold) ?? 0) * unitSeconds);
  return thresholds.length ? Math.max(...thresholds) : null;
}

const role = (r: FailoverResource) => rec(r.inputs.tags)["platform.io/role"];

function promotionOf(rs: readonly FailoverResource[]): Promotion | null {
  const docs = ofType(rs, "aws:ssm/document:Document").filter((d) => role(d) === "writer-promotion" && d.region);
  if (!docs.length) return null;
  const alarm = ofType(rs, "aws:cloudwatch/metricAlarm:MetricAlarm").find(
    (a) => role(a) === "writer-promotion-trigger",
  );
  // The alarm starts the promotion only through an EventBridge target on an automation definition
  // in its region; without one it only pages (trigger "operator").
  const starts = ofType(rs, "aws:cloudwatch/eventTarget:EventTarget").some(
    (t) => t.region === alarm?.region && (str(t.inputs.arn) ?? "").includes(":automation-definition/"),
  );
  const trigger =
    alarm && alarm.region && starts
      ? {
          region: alarm.region,
          name: alarm.name,
          lagThresholdSeconds: (num(alarm.inputs.threshold) ?? 0) / 1000,
          periodSeconds: num(alarm.inputs.period) ?? 60,
          datapoints: num(alarm.inputs.datapointsToAlarm) ?? num(alarm.inputs.evaluationPeriods) ?? 1,
        }
      : null;
  return { regions: docs.map((d) => d.region!), trigger };
}

/**
 * Names that follow the writer: failover CNAME pairs whose PRIMARY is health-checked on the
 * promotion's trigger alarm (Route53 answers the standby when that alarm fires), with their TTL.
 */
function followingNames(rs: readonly FailoverResource[]): Map<string, number> {
  const alarms = new Set(
    ofType(rs, "aws:cloudwatch/metricAlarm:MetricAlarm")
      .filter((a) => role(a) === "writer-promotion-trigger")
      .map((a) => str(a.inputs.name)),
  );
  const onAlarm = ofType(rs, "aws:route53/healthCheck:HealthCheck").some(
    (h) => h.inputs.type === "CLOUDWATCH_METRIC" && alarms.has(str(h.inputs.cloudwatchAlarmName)),
  );
  const out = new Map<string, number>();
  if (!onAlarm) return out;
  for (const r of ofType(rs, "aws:route53/record:Record")) {
    const name = str(r.inputs.name);
    const failover = rec((r.inputs.failoverRoutingPolicies as unknown[] | undefined)?.[0]).type;
    if (r.inputs.type === "CNAME" && name && failover === "PRIMARY" && r.inputs.healthCheckId)
      out.set(name, num(r.inputs.ttl) ?? 300);
  }
  return out;
}

/** The distribution's origin group: its secondary origin's region (origin-<code> names) and failed-try time. */
function originFailoverOf(rs: readonly FailoverResource[], regions: readonly string[]): OriginFailover | null {
  const d = ofType(rs, "aws:cloudfront/distribution:Distribution")[0];
  const group = rec((d?.inputs.originGroups as unknown[] | undefined)?.[0]);
  const members = ((group.members as unknown[] | undefined) ?? []).map((m) => str(rec(m).originId) ?? "");
  if (!d || members.length < 2) return null;
  const origins = ((d.inputs.origins as unknown[] | undefined) ?? []).map(rec);
  const primary = origins.find((o) => o.originId === members[0]);
  const secondary = origins.find((o) => o.originId === members[1]);
  const region = regions.find((r) => str(secondary?.originId)?.endsWith(r));
  if (!primary || !region) return null;
  // CloudFront's defaults: 10 s connection timeout, 3 attempts.
  const failedTrySeconds = (num(primary.connectionTimeout) ?? 10) * (num(primary.connectionAttempts) ?? 3);
  const groupId = str(group.originId);
  const behaviours = ((d.inputs.orderedCacheBehaviors as unknown[] | undefined) ?? []).map(rec);
  const paths = behaviours.filter((b) => b.targetOriginId === groupId).map((b) => str(b.pathPattern) ?? "");
  return { secondaryRegion: region, failedTrySeconds, paths };
}

function staleWriteHosts(rs: readonly FailoverResource[]): string[] {
  const following = followingNames(rs);
  const out: string[] = [];
  for (const cm of ofType(rs, "kubernetes:core/v1:ConfigMap")) {
    const data = rec(cm.inputs.data);
    if (typeof data.DATABASE_WRITER_HOST !== "string") continue;
    if (
      data.DATABASE_GLOBAL_WRITER_HOST !== undefined &&
      data.DATABASE_WRITER_HOST !== data.DATABASE_GLOBAL_WRITER_HOST
    )
      out.push(`${cm.name}: DATABASE_WRITER_HOST is a regional endpoint (${data.DATABASE_WRITER_HOST})`);
    if (typeof data.REDIS_WRITER_HOST === "string" && data.REDIS_WRITER_HOST && !following.has(data.REDIS_WRITER_HOST))
      out.push(`${cm.name}: REDIS_WRITER_HOST names one region's primary (${data.REDIS_WRITER_HOST})`);
  }
  return out;
}

function cacheWriterTtl(rs: readonly FailoverResource[]): number | null {
  const following = followingNames(rs);
  const hosts = ofType(rs, "kubernetes:core/v1:ConfigMap")
    .map((cm) => str(rec(cm.inputs.data).REDIS_WRITER_HOST))
    .filter((h): h is string => !!h && following.has(h));
  return hosts.length ? Math.max(...hosts.map((h) => following.get(h)!)) : null;
}

export function topologyOf(resources: readonly FailoverResource[]): Topology {
  const clusters = ofType(resources, "eks:index:Cluster");
  const regions = [...new Set(clusters.map((c) => c.region).filter((r): r is string => !!r))];
  const db = ofType(resources, "aws:rds/cluster:Cluster").filter((c) => c.region);
  // The writer is the member that does not forward (database.writerRegion), else the one with the master user.
  const dbWriter =
    db.find((c) => c.inputs.enableGlobalWriteForwarding === false) ??
    db.find((c) => c.inputs.masterUsername !== undefined);
  const cache = ofType(resources, "aws:elasticache/replicationGroup:ReplicationGroup").filter((c) => c.region);
  const cacheWriter = cache.find((c) => c.inputs.globalReplicationGroupId === undefined);
  const intervals = ofType(resources, "kubernetes:networking.istio.io/v1:DestinationRule")
    .map((d) => durationSeconds(rec(rec(rec(d.inputs.spec).trafficPolicy).outlierDetection).interval))
    .filter((s): s is number => s !== null);
  const distribution = ofType(resources, "aws:cloudfront/distribution:Distribution")[0];
  return {
    regions,
    databaseWriter: dbWriter?.region ?? null,
    cacheWriter: cacheWriter?.region ?? null,
    databaseSecondaries: db.filter((c) => c !== dbWriter).map((c) => c.region!),
    cacheSecondaries: cache.filter((c) => c !== cacheWriter).map((c) => c.region!),
    healthChecks: healthChecksByRegion(resources),
    targetHealth: targetHealthByRegion(resources),
    meshOutlierIntervalSeconds: intervals.length ? Math.max(...intervals) : null,
    originGroups: ((distribution?.inputs.originGroups as unknown[] | undefined) ?? []).length,
    databaseLagAlarmSeconds: lagAlarmSeconds(resources, "AuroraGlobalDBReplicationLag", 0.001),
    cacheLagAlarmSeconds: lagAlarmSeconds(resources, "GlobalDatastoreReplicationLag", 1),
    staleWriteHosts: staleWriteHosts(resources),
    promotion: promotionOf(resources),
    cacheWriterTtlSeconds: cacheWriterTtl(resources),
    originFailover: originFailoverOf(resources, regions),
  };
}
