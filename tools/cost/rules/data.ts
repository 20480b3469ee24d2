import { type CostContext, SECONDS_PER_MONTH, qty, usd } from "../context";
import { SIZES } from "../prices/compute";
import { AURORA_INSTANCE_FAMILIES, AURORA_PRICES, CACHE_NODE_FAMILIES, VALKEY_FACTOR } from "../prices/data";
import { interRegionRate } from "../prices/network";
import { CLOUDWATCH_PRICES } from "../prices/ops";
import { HOURS_PER_MONTH as H, type Price } from "../prices/types";
import type { CostResource } from "../types";
import { type Rule, arr, num, priceIn, str } from "./common";

/** "db.r7g.xlarge" -> the family's .large price x 2. */
function classPrice(
  ctx: CostContext,
  r: CostResource,
  families: Readonly<Record<string, Price>>,
  cls: string,
): number | undefined {
  const parts = cls.split(".");
  const family = families[parts.slice(0, 2).join(".")];
  const mult = SIZES[parts[2] ?? ""];
  if (!family || mult === undefined) {
    ctx.noPrice(r, `${cls} has no pinned price`);
    return undefined;
  }
  const large = priceIn(ctx, r, family, ctx.regionOf(r), cls);
  return large === undefined ? undefined : large * mult;
}

const auroraInstance: Rule = (ctx, r) => {
  const cls = str(r.inputs.instanceClass) ?? "?";
  const hourly = classPrice(ctx, r, AURORA_INSTANCE_FAMILIES, cls);
  if (hourly !== undefined) ctx.add(r, `Aurora instance ${cls}`, hourly * H, `${cls} at ${usd(hourly)}/h x ${H} h`);
};

/** The Aurora cluster that holds the writer: the one with master credentials (secondaries have none). */
const isPrimary = (r: CostResource) => r.inputs.masterUsername !== undefined;

const auroraCluster: Rule = (ctx, r) => {
  const region = ctx.regionOf(r);
  const u = ctx.usage;
  const storage = priceIn(ctx, r, AURORA_PRICES.storage, region, "Aurora storage");
  const io = priceIn(ctx, r, AURORA_PRICES.io, region, "Aurora I/O");
  if (storage === undefined || io === undefined) return;
  ctx.add(
    r,
    "Aurora storage",
    u.database.storageGB * storage,
    `database.storageGB ${u.database.storageGB} x ${usd(storage)}/GB-month`,
  );
  const t = u.traffic;
  const avgRps = t.peakRps * t.averageToPeak;
  const clusters = ctx.ofType(r.type).filter((c) => str(c.inputs.engine)?.startsWith("aurora"));
  const share = ctx.trafficShare.get(region) ?? (clusters.length ? 1 / clusters.length : 1);
  const readIo = avgRps * share * (1 - t.cacheHitPercent / 100) * u.database.ioPerRead * SECONDS_PER_MONTH;
  const writeIo = isPrimary(r) ? avgRps * (t.writePercent / 100) * u.database.ioPerWrite * SECONDS_PER_MONTH : 0;
  ctx.add(
    r,
    "Aurora I/O",
    ((readIo + writeIo) / 1e6) * io,
    `${qty(readIo)} read I/Os (avg ${avgRps.toFixed(0)} req/s x share ${share.toFixed(2)} x cache misses ` +
      `${100 - t.cacheHitPercent} % x ioPerRead ${u.database.ioPerRead})` +
      (isPrimary(r)
        ? ` + ${qty(writeIo)} write I/Os (writePercent ${t.writePercent} % x ioPerWrite ${u.database.ioPerWrite}; writes forwarded to the primary)`
        : "") +
      ` x ${usd(io)}/1M`,
  );
  const secondaries = clusters.filter((c) => c !== r && c.inputs.globalClusterIdentifier !== undefined);
  if (isPrimary(r) && r.inputs.globalClusterIdentifier !== undefined && secondaries.length > 0) {
    const rep = priceIn(ctx, r, AURORA_PRICES.replicatedWriteIo, region, "replicated write I/O");
    if (rep !== undefined)
      ctx.add(
        r,
        "Aurora global replicated writes",
        ((writeIo * secondaries.length) / 1e6) * rep,
        `${qty(writeIo)} write I/Os x ${secondaries.length} secondary regions x ${usd(rep)}/1M`,
      );
  }
  if (arr(r.inputs.enabledCloudwatchLogsExports).length > 0) {
    const gb = u.logs.databaseGBPerCluster;
    const ingest = priceIn(ctx, r, CLOUDWATCH_PRICES.logIngest, region, "CloudWatch Logs ingestion");
    if (ingest !== undefined)
      ctx.add(r, "Aurora log export", gb * ingest, `logs.databaseGBPerCluster ${gb} GB x ${usd(ingest)}/GB ingested`);
  }
};

const cacheGroup: Rule = (ctx, r) => {
  const primary = ctx.ofType(r.type).find((g) => g.inputs.nodeType !== undefined);
  const nodeType = str(r.inputs.nodeType) ?? str(primary?.inputs.nodeType) ?? "?";
  const engine = str(r.inputs.engine) ?? str(primary?.inputs.engine) ?? "redis";
  const nodes =
    num(r.inputs.numCacheClusters) ??
    (num(r.inputs.numNodeGroups) ?? 1) * ((num(r.inputs.replicasPerNodeGroup) ?? 0) + 1);
  const redis = classPrice(ctx, r, CACHE_NODE_FAMILIES, nodeType);
  if (redis === undefined) return;
  const hourly = engine === "valkey" ? redis * VALKEY_FACTOR : redis;
  ctx.add(
    r,
    `ElastiCache ${nodeType} nodes`,
    nodes * hourly * H,
    `${nodes} x ${nodeType} ${engine} at ${usd(hourly)}/h` +
      (engine === "valkey" ? ` (Redis OSS ${usd(redis)} x Valkey ${VALKEY_FACTOR})` : "") +
      ` x ${H} h` +
      (r.inputs.nodeType === undefined ? "; node type of the Global Datastore primary" : ""),
  );
};

/** Global Datastore: the primary region sends the replication stream to each secondary. */
const cacheGlobal: Rule = (ctx, r) => {
  const from = ctx.regionOf(r);
  const gb = ctx.usage.network.cacheReplicationGBPerSecondary;
  const secondaries = ctx
    .ofType("aws:elasticache/replicationGroup:ReplicationGroup")
    .filter((g) => g.inputs.globalReplicationGroupId !== undefined)
    .map((g) => ctx.regionOf(g));
  let total = 0;
  const parts: string[] = [];
  for (const to of secondaries) {
    const rate = interRegionRate(from, to);
    if (rate === undefined) return ctx.noPrice(r, `no pinned inter-region transfer price ${from}->${to}`);
    total += gb * rate;
    parts.push(`${gb} GB -> ${to} x ${usd(rate)}/GB`);
  }
  ctx.add(
    r,
    "Global Datastore replication transfer",
    total,
    `${parts.join(" + ") || "no secondaries"} (network.cacheReplicationGBPerSecondary)`,
  );
};

export const DATA_RULES: Record<string, Rule> = {
  "aws:rds/clusterInstance:ClusterInstance": auroraInstance,
  "aws:rds/cluster:Cluster": auroraCluster,
  "aws:elasticache/replicationGroup:ReplicationGroup": cacheGroup,
  "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup": cacheGlobal,
};
