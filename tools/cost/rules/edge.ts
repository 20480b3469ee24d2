import { qty, usd } from "../context";
import { CLOUDFRONT_EGRESS_TIERS, CLOUDFRONT_PRICES, ROUTE53_PRICES, WAF_PRICES } from "../prices/edge";
import { type Rule, arr, num, str } from "./common";

/** Tiered CloudFront egress for `gb` in one month. */
export function cloudfrontEgress(gb: number): number {
  let left = gb;
  let lower = 0;
  let total = 0;
  for (const [upperTb, rate] of CLOUDFRONT_EGRESS_TIERS) {
    const span = Math.min(left, upperTb * 1024 - lower);
    total += span * rate;
    left -= span;
    lower = upperTb * 1024;
    if (left <= 0) break;
  }
  return total;
}

const distribution: Rule = (ctx, r) => {
  const t = ctx.usage.traffic;
  const requests = ctx.monthlyRequests();
  const perReq = CLOUDFRONT_PRICES.httpsRequests.usd.global;
  const why = `traffic.peakRps ${t.peakRps} x averageToPeak ${t.averageToPeak} x 730 h`;
  ctx.add(
    r,
    "CloudFront HTTPS requests",
    (requests / 1e4) * perReq,
    `${qty(requests)} requests (${why}) x ${usd(perReq)}/10k`,
    "global",
  );
  const gb = (requests * t.averageResponseKiB) / 1024 ** 2;
  const cost = cloudfrontEgress(gb);
  ctx.add(
    r,
    "CloudFront data transfer out",
    cost,
    `${qty(gb)} GB (requests x averageResponseKiB ${t.averageResponseKiB}) at US/Europe tiers from $0.085/GB (avg ${usd(cost / (gb || 1))}/GB); ` +
      `origin fetches from AWS origins are free`,
    "global",
  );
};

const webAcl: Rule = (ctx, r) => {
  const scope = str(r.inputs.scope) ?? "REGIONAL";
  const region = scope === "CLOUDFRONT" ? "global" : ctx.regionOf(r);
  const rules = arr(r.inputs.rules).length;
  const acl = WAF_PRICES.webAcl.usd.global;
  const rule = WAF_PRICES.rule.usd.global;
  ctx.add(
    r,
    "WAF web ACL and rules",
    acl + rules * rule,
    `${usd(acl)} per web ACL + ${rules} rules x ${usd(rule)}`,
    region,
  );
  const requests =
    scope === "CLOUDFRONT"
      ? ctx.monthlyRequests()
      : ctx.monthlyRequests() * (ctx.trafficShare.get(region) ?? 0) * (1 - ctx.usage.traffic.cdnHitPercent / 100);
  const perM = WAF_PRICES.requests.usd.global;
  ctx.add(r, "WAF requests", (requests / 1e6) * perM, `${qty(requests)} requests (${scope}) x ${usd(perM)}/1M`, region);
};

const healthCheck: Rule = (ctx, r) => {
  const type = str(r.inputs.type) ?? "HTTP";
  const features = [
    type.startsWith("HTTPS") && "HTTPS",
    type.endsWith("STR_MATCH") && "string matching",
    (num(r.inputs.requestInterval) ?? 30) === 10 && "fast interval",
    r.inputs.measureLatency === true && "latency measurement",
  ].filter((f): f is string => typeof f === "string");
  const base = ROUTE53_PRICES.healthCheckAws.usd.global;
  const each = ROUTE53_PRICES.healthCheckFeature.usd.global;
  ctx.add(
    r,
    "Route53 health check",
    base + features.length * each,
    `${usd(base)} (AWS endpoint) + ${features.length} optional features (${features.join(", ") || "none"}) x ${usd(each)}`,
    "global",
  );
};

/** Alias records to CloudFront/ELB answer queries for free; other records' queries are not estimated. */
const record: Rule = (ctx, r) => {
  if (arr(r.inputs.aliases).length > 0)
    return ctx.free(r, "alias record to CloudFront or an ELB: Route53 answers its queries free of charge");
  if (str(r.inputs.name)?.startsWith("_"))
    return ctx.free(r, "ACM validation record: a handful of queries a year, below a cent");
  ctx.skip(r, "queries to non-alias records not estimated (no usage assumption)", "global");
};

const zone: Rule = (ctx, r) => {
  const p = ROUTE53_PRICES.hostedZone.usd.global;
  ctx.add(r, "Route53 hosted zone", p, `${usd(p)} per hosted zone-month (first 25 zones of the account)`, "global");
};

export const EDGE_RULES: Record<string, Rule> = {
  "aws:route53/zone:Zone": zone,
  "aws:cloudfront/distribution:Distribution": distribution,
  "aws:wafv2/webAcl:WebAcl": webAcl,
  "aws:route53/healthCheck:HealthCheck": healthCheck,
  "aws:route53/record:Record": record,
};
