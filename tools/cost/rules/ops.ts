import { durationSeconds } from "../../../components/config/primitives";
import { SECONDS_PER_MONTH, qty, usd } from "../context";
import { KMS_PRICES, SECRETS_PRICES } from "../prices/data";
import { AMP_INGEST_TIER_SAMPLES, AMP_PRICES, CLOUDWATCH_PRICES, CODEBUILD_PRICES } from "../prices/ops";
import { type Rule, arr, num, obj, priceIn, str } from "./common";

const kmsKey: Rule = (ctx, r) => {
  const p = priceIn(ctx, r, KMS_PRICES.key, ctx.regionOf(r), "KMS key");
  if (p !== undefined) ctx.add(r, "KMS key", p, `${usd(p)} per key-month (first year; requests not estimated)`);
};

const alarm: Rule = (ctx, r) => {
  const p = priceIn(ctx, r, CLOUDWATCH_PRICES.alarm, ctx.regionOf(r), "CloudWatch alarm");
  if (p === undefined) return;
  const metrics = arr(r.inputs.metricQueries).filter((q) => obj(q).metric !== undefined).length || 1;
  const highRes = (num(r.inputs.period) ?? 60) < 60;
  const rate = highRes ? p * 3 : p;
  ctx.add(
    r,
    "CloudWatch alarm",
    metrics * rate,
    `${metrics} metric(s) x ${usd(rate)}${highRes ? " (high resolution)" : ""}`,
  );
};

/** Log groups we create: flow logs and WAF logs have usage assumptions; others are not estimated. */
const logGroup: Rule = (ctx, r) => {
  const region = ctx.regionOf(r);
  const name = str(r.inputs.name) ?? r.name;
  const flow = ctx
    .ofType("aws:ec2/flowLog:FlowLog")
    .some((f) => str(f.inputs.logDestination)?.endsWith(`log-group:${name}`));
  const waf = name.startsWith("aws-waf-logs-");
  if (!flow && !waf) return ctx.skip(r, `log group ${name}: no log-volume assumption`);
  const l = ctx.usage.logs;
  const gb = flow ? l.flowLogsGBPerVpc : l.wafGB;
  const key = flow ? "logs.flowLogsGBPerVpc" : "logs.wafGB";
  const ingest = priceIn(ctx, r, CLOUDWATCH_PRICES.logIngest, region, "CloudWatch Logs ingestion");
  const store = priceIn(ctx, r, CLOUDWATCH_PRICES.logStorage, region, "CloudWatch Logs storage");
  if (ingest === undefined || store === undefined) return;
  const days = num(r.inputs.retentionInDays) ?? 365;
  const stored = gb * (days / 30);
  ctx.add(
    r,
    "CloudWatch Logs",
    gb * ingest + stored * store,
    `${key} ${gb} GB x ${usd(ingest)}/GB ingested + ${qty(stored)} GB kept (${days} days retention${r.inputs.retentionInDays ? "" : ", unset: 1 year shown"}) x ${usd(store)}/GB-month`,
  );
};

/** EKS control-plane logs go to /aws/eks/<name>/cluster (created by EKS, not in the plan). */
const eksLogs: Rule = (ctx, r) => {
  const types = arr(r.inputs.enabledClusterLogTypes);
  if (types.length === 0) return;
  const region = ctx.regionOf(r);
  const gb = ctx.usage.logs.controlPlaneGBPerCluster;
  const ingest = priceIn(ctx, r, CLOUDWATCH_PRICES.logIngest, region, "CloudWatch Logs ingestion");
  if (ingest !== undefined)
    ctx.add(
      r,
      "EKS control-plane logs",
      gb * ingest,
      `logs.controlPlaneGBPerCluster ${gb} GB (${types.join(", ")}) x ${usd(ingest)}/GB ingested; storage grows with retention (not estimated)`,
    );
};

const ampWorkspace: Rule = (ctx, r) => {
  const region = ctx.regionOf(r);
  const release = ctx
    .ofType("kubernetes:helm.sh/v3:Release")
    .find((h) => ctx.regionOf(h) === region && obj(obj(h.inputs.values).prometheus).prometheusSpec !== undefined);
  const interval = str(obj(obj(obj(release?.inputs.values).prometheus).prometheusSpec).scrapeInterval) ?? "30s";
  const m = ctx.usage.metrics;
  const samples = (m.activeSeriesPerCluster * SECONDS_PER_MONTH) / durationSeconds(interval);
  const first = Math.min(samples, AMP_INGEST_TIER_SAMPLES);
  const p = AMP_PRICES;
  const a = priceIn(ctx, r, p.ingest, region, "AMP ingestion");
  const b = priceIn(ctx, r, p.ingestBeyondTier, region, "AMP ingestion");
  const q = priceIn(ctx, r, p.query, region, "AMP query");
  if (a === undefined || b === undefined || q === undefined) return;
  ctx.add(
    r,
    "Managed Prometheus ingestion",
    (first / 1e7) * a + ((samples - first) / 1e7) * b,
    `${qty(samples)} samples (metrics.activeSeriesPerCluster ${m.activeSeriesPerCluster} every ${interval}${release ? "" : " (scrape interval not found: 30s)"}) ` +
      `x ${usd(a)}/10M for the first 2B, ${usd(b)}/10M after`,
  );
  ctx.add(
    r,
    "Managed Prometheus queries",
    m.querySamplesBillions * q,
    `metrics.querySamplesBillions ${m.querySamplesBillions} x ${usd(q)}/1B samples`,
  );
};

const secret: Rule = (ctx, r) => {
  const p = priceIn(ctx, r, SECRETS_PRICES.secret, ctx.regionOf(r), "Secrets Manager secret");
  const replicas = arr(r.inputs.replicas).length;
  if (p !== undefined)
    ctx.add(
      r,
      "Secrets Manager secret",
      p * (1 + replicas),
      `(1 + ${replicas} replica regions) x ${usd(p)}/secret-month`,
    );
};

const codebuild: Rule = (ctx, r) => {
  const type = str(obj(r.inputs.environment).computeType) ?? "BUILD_GENERAL1_SMALL";
  const p = CODEBUILD_PRICES[type];
  if (!p) return ctx.noPrice(r, `CodeBuild compute type ${type} has no pinned price`);
  const rate = priceIn(ctx, r, p, ctx.regionOf(r), `CodeBuild ${type}`);
  const min = ctx.usage.ci.buildMinutesPerProject;
  if (rate !== undefined)
    ctx.add(r, "CodeBuild minutes", min * rate, `ci.buildMinutesPerProject ${min} min x ${usd(rate)}/min (${type})`);
};

export const OPS_RULES: Record<string, Rule> = {
  "aws:kms/key:Key": kmsKey,
  "aws:cloudwatch/metricAlarm:MetricAlarm": alarm,
  "aws:cloudwatch/logGroup:LogGroup": logGroup,
  "eks:index:Cluster": eksLogs,
  "aws:amp/workspace:Workspace": ampWorkspace,
  "aws:secretsmanager/secret:Secret": secret,
  "aws:codebuild/project:Project": codebuild,
};
