import { ACCESS_LABELS } from "../../../components/workloads/manifests/common";
import { ASSUMPTIONS as CAPACITY } from "../../capacity/assumptions";
import { type CostContext, SECONDS_PER_MONTH, qty, usd } from "../context";
import { interRegionRate } from "../prices/network";
import { DYNAMODB_PRICES as D, LAMBDA_PRICES as L } from "../prices/serverless";
import type { CostResource } from "../types";
import { type Rule, arr, num, obj, pricesIn, str } from "./common";

/**
 * What the DynamoDB and Lambda lines assume beyond platform:cost and platform:demand, each with its
 * reason. The request mix is the capacity view's route share (tools/capacity/assumptions.ts).
 */
export const SERVERLESS_ASSUMPTIONS = {
  dynamodb: {
    /** An activity item is small JSON: one WRU per write, half an RRU per eventually consistent read (<= 4 KB). */
    itemKiB: 1,
    /** Each request of a table-using service that misses the app cache reads one item. */
    readsPerCacheMiss: 1,
    /** Items kept per daily active user (recent activity), bytes; GSI1 projects ALL, so it stores them again. */
    bytesPerActiveUser: 2048,
  },
  lambda: {
    /** Each write request enqueues one background job on the region's queue. */
    jobsPerWrite: 1,
    /** Handler time per message (a full batch of 10 runs 200 ms). */
    msPerMessage: 20,
  },
};

const TABLE = "aws:dynamodb/table:Table";
const REPLICA = "aws:dynamodb/tableReplica:TableReplica";
const A = SERVERLESS_ASSUMPTIONS;

/** Regions of the global table: the table's, then its replicas'. */
const tableRegions = (ctx: CostContext) => [...ctx.ofType(TABLE), ...ctx.ofType(REPLICA)].map((t) => ctx.regionOf(t));

/** Share of a region's requests served by Deployments labelled as table users (capacity route shares). */
function tableUsersShare(ctx: CostContext, region: string): { share: number; services: string[] } {
  const users = ctx
    .ofType("kubernetes:apps/v1:Deployment")
    .filter((d) => ctx.regionOf(d) === region)
    .filter((d) => obj(obj(obj(obj(d.inputs.spec).template).metadata).labels)[ACCESS_LABELS.dynamodb] === "true")
    .map((d) => str(obj(d.inputs.metadata).name) ?? d.name);
  const services = [...new Set(users)].sort();
  return { share: services.reduce((s, n) => s + (CAPACITY.routeShare[n] ?? 0), 0), services };
}

/** Average requests per second reaching a region (its traffic share of the demand model's average). */
function regionRps(ctx: CostContext, region: string, regions: number): number {
  const t = ctx.usage.traffic;
  return t.peakRps * t.averageToPeak * (ctx.trafficShare.get(region) ?? 1 / regions);
}

/**
 * Daily active users the stack serves: the demand model's, scaled by the design peak over the peak those
 * users would make (a stack that sets a small peak, like dev, serves proportionally fewer users).
 */
function activeUsers(ctx: CostContext): number {
  const d = ctx.usage.demand;
  return d.dailyActiveUsers * Math.min(1, ctx.usage.traffic.peakRps / d.derivedPeakRps);
}

/** One replica of the global table (the table itself in the primary region). */
const tableCost: Rule = (ctx, r) => {
  const region = ctx.regionOf(r);
  const regions = tableRegions(ctx);
  const p = pricesIn(ctx, r, D, region, "DynamoDB");
  if (!p) return;
  const [wru, rru, rwru, store] = [p.writeUnits, p.readUnits, p.replicatedWriteUnits, p.storage];
  const t = ctx.usage.traffic;
  const local = tableUsersShare(ctx, region);
  const rps = regionRps(ctx, region, regions.length) * local.share;
  const reads = rps * (1 - t.cacheHitPercent / 100) * A.dynamodb.readsPerCacheMiss * SECONDS_PER_MONTH;
  const units = Math.ceil(A.dynamodb.itemKiB);
  const rrus = reads * 0.5 * Math.ceil(A.dynamodb.itemKiB / 4);
  const who = local.services.join(", ") || "no service";
  ctx.add(
    r,
    "DynamoDB reads",
    (rrus / 1e6) * rru,
    `${qty(rrus)} RRU: ${qty(reads)} eventually consistent reads (${who}: route share ${local.share} of ` +
      `${regionRps(ctx, region, regions.length).toFixed(0)} avg req/s x cache misses ${100 - t.cacheHitPercent} %) ` +
      `x 0.5 RRU x ${usd(rru)}/1M`,
  );
  // Every write, wherever made, lands in every replica: one (r)WRU there, and one WRU for GSI1.
  let allWrites = 0;
  for (const reg of new Set(regions))
    allWrites += regionRps(ctx, reg, regions.length) * tableUsersShare(ctx, reg).share * (t.writePercent / 100);
  allWrites *= SECONDS_PER_MONTH;
  const global = regions.length > 1;
  const rate = global ? rwru : wru;
  ctx.add(
    r,
    global ? "DynamoDB replicated writes" : "DynamoDB writes",
    ((allWrites * units) / 1e6) * rate,
    `${qty(allWrites)} writes of the table-using services in all ${regions.length} region(s) (writePercent ` +
      `${t.writePercent} %) x ${units} ${global ? "rWRU (each replica is billed for every write)" : "WRU"} x ${usd(rate)}/1M`,
  );
  const gsis = arr(ctx.ofType(TABLE)[0]?.inputs.globalSecondaryIndexes).length;
  if (gsis > 0)
    ctx.add(
      r,
      "DynamoDB index writes",
      ((allWrites * units * gsis) / 1e6) * wru,
      `${qty(allWrites)} writes x ${gsis} GSI(s) x ${units} WRU x ${usd(wru)}/1M (index updates are plain WRUs)`,
    );
  const dau = activeUsers(ctx);
  const gb = (dau * A.dynamodb.bytesPerActiveUser * (1 + gsis)) / 1e9;
  ctx.add(
    r,
    "DynamoDB storage",
    gb * store,
    `${qty(gb)} GB (${qty(dau)} daily active users served x ${A.dynamodb.bytesPerActiveUser} B, ` +
      `x ${1 + gsis} with ALL-projected indexes) x ${usd(store)}/GB-month`,
  );
  const pitrOn =
    r.type === TABLE ? obj(r.inputs.pointInTimeRecovery).enabled === true : r.inputs.pointInTimeRecovery === true;
  if (pitrOn) ctx.add(r, "DynamoDB point-in-time recovery", gb * p.pitr, `${qty(gb)} GB x ${usd(p.pitr)}/GB-month`);
  if (r.type === TABLE && r.inputs.streamEnabled === true)
    ctx.add(
      r,
      "DynamoDB Streams reads",
      0,
      `${str(r.inputs.streamViewType) ?? "stream"}: global-table replication reads it free of charge; no other ` +
        "consumer in the plan (a Lambda trigger's reads would be free too)",
    );
  replicationTransfer(ctx, r, region, regions, allWrites);
};

/** Cross-region transfer of this region's own writes to every other replica. */
function replicationTransfer(ctx: CostContext, r: CostResource, from: string, regions: string[], all: number): void {
  if (regions.length < 2) return;
  const t = ctx.usage.traffic;
  const own =
    regionRps(ctx, from, regions.length) *
    tableUsersShare(ctx, from).share *
    (t.writePercent / 100) *
    SECONDS_PER_MONTH;
  const gb = (own * A.dynamodb.itemKiB) / 1024 ** 2;
  let total = 0;
  const parts: string[] = [];
  for (const to of regions.filter((x) => x !== from)) {
    const rate = interRegionRate(from, to);
    if (rate === undefined) return ctx.noPrice(r, `no pinned inter-region transfer price ${from}->${to}`);
    total += gb * rate;
    parts.push(`${to} ${usd(rate)}/GB`);
  }
  ctx.add(
    r,
    "DynamoDB replication transfer",
    total,
    `${qty(gb)} GB written here (${qty(own)} of ${qty(all)} writes x ${A.dynamodb.itemKiB} KiB) sent to ${parts.join(", ")}`,
  );
}

const lambdaFunction: Rule = (ctx, r) => {
  const region = ctx.regionOf(r);
  const arm = arr(r.inputs.architectures).includes("arm64");
  const p = pricesIn(ctx, r, L, region, "Lambda");
  if (!p) return;
  const [req, gbs] = [p.requests, arm ? p.gbSecondArm : p.gbSecondX86];
  const mapping = ctx
    .ofType("aws:lambda/eventSourceMapping:EventSourceMapping")
    .find((m) => ctx.regionOf(m) === region);
  const batch = num(mapping?.inputs.batchSize) ?? 10;
  const window = num(mapping?.inputs.maximumBatchingWindowInSeconds) ?? 0;
  const t = ctx.usage.traffic;
  const regions = ctx.ofType(r.type).length;
  const msgRate = regionRps(ctx, region, regions) * (t.writePercent / 100) * A.lambda.jobsPerWrite;
  const messages = msgRate * SECONDS_PER_MONTH;
  const perCall = Math.min(batch, Math.max(1, msgRate * window));
  const calls = messages / perCall;
  const memGb = (num(r.inputs.memorySize) ?? 128) / 1024;
  const seconds = (perCall * A.lambda.msPerMessage) / 1000;
  ctx.add(
    r,
    "Lambda requests",
    (calls / 1e6) * req,
    `${qty(calls)} invocations: ${qty(messages)} jobs (${msgRate.toFixed(1)}/s = region's avg req/s x writePercent ` +
      `${t.writePercent} % x ${A.lambda.jobsPerWrite} job per write) in batches of ${perCall.toFixed(1)} ` +
      `(batchSize ${batch}, window ${window} s) x ${usd(req)}/1M`,
  );
  ctx.add(
    r,
    `Lambda duration (${arm ? "arm64" : "x86_64"})`,
    calls * seconds * memGb * gbs,
    `${qty(calls)} x ${seconds.toFixed(3)} s (${A.lambda.msPerMessage} ms per message) x ${memGb} GB = ` +
      `${qty(calls * seconds * memGb)} GB-s x $${gbs}/GB-s; reserved concurrency is free (provisioned is not used)`,
  );
};

const mapping: Rule = (ctx, r) =>
  ctx.free(r, "an event source mapping carries no charge; its SQS polling is billed as SQS requests on the queue");

export const SERVERLESS_RULES: Record<string, Rule> = {
  [TABLE]: tableCost,
  [REPLICA]: tableCost,
  "aws:lambda/function:Function": lambdaFunction,
  "aws:lambda/eventSourceMapping:EventSourceMapping": mapping,
};
