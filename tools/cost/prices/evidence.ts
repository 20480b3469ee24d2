/**
 * Every pinned price by name, and how many were read on a page: `npm run cost` prints the summary,
 * test/cost/prices.spec.ts holds each reading to the figure it confirms.
 */
import { EBS_PRICES, EC2_FAMILIES, EKS_PRICES, IPV4_PRICES } from "./compute";
import { AURORA_INSTANCE_FAMILIES, AURORA_PRICES, CACHE_NODE_FAMILIES, KMS_PRICES, SECRETS_PRICES } from "./data";
import {
  CLOUDFRONT_EGRESS_SEEN,
  CLOUDFRONT_EGRESS_SOURCE,
  CLOUDFRONT_PRICES,
  ROUTE53_PRICES,
  WAF_PRICES,
} from "./edge";
import { ALB_PRICES, INTER_REGION_PRICES, NAT_PRICES } from "./network";
import { AMP_PRICES, CLOUDWATCH_PRICES, CODEBUILD_PRICES } from "./ops";
import { DYNAMODB_PRICES, LAMBDA_PRICES } from "./serverless";
import { READ_ON_LATER } from "./readings";
import { type Price, type Reading, seenRegions } from "./types";

const prefixed = (prefix: string, prices: Readonly<Record<string, Price>>): [string, Price][] =>
  Object.entries(prices).map(([k, v]) => [`${prefix}.${k}`, v]);

/** Every pinned price, named `<service>.<key>`. CloudFront egress is one entry (its first tier as `usd`). */
export const ALL_PRICES: ReadonlyMap<string, Price> = new Map<string, Price>([
  ...prefixed("eks", EKS_PRICES),
  ...Object.entries(EC2_FAMILIES).map(([k, v]): [string, Price] => [`ec2.${k}`, v.large]),
  ...prefixed("ebs", EBS_PRICES),
  ...prefixed("ipv4", IPV4_PRICES),
  ...prefixed("nat", NAT_PRICES),
  ...prefixed("alb", ALB_PRICES),
  ...prefixed("interRegion", INTER_REGION_PRICES),
  ...prefixed("aurora", AURORA_PRICES),
  ...prefixed("auroraInstance", AURORA_INSTANCE_FAMILIES),
  ...prefixed("elasticache", CACHE_NODE_FAMILIES),
  ...prefixed("secrets", SECRETS_PRICES),
  ...prefixed("kms", KMS_PRICES),
  ...prefixed("cloudfront", CLOUDFRONT_PRICES),
  [
    "cloudfront.egress",
    {
      unit: "GB (tiered)",
      usd: { global: 0.085 },
      source: CLOUDFRONT_EGRESS_SOURCE,
      seen: CLOUDFRONT_EGRESS_SEEN,
    },
  ],
  ...prefixed("route53", ROUTE53_PRICES),
  ...prefixed("waf", WAF_PRICES),
  ...prefixed("cloudwatch", CLOUDWATCH_PRICES),
  ...prefixed("amp", AMP_PRICES),
  ...prefixed("codebuild", CODEBUILD_PRICES),
  ...prefixed("dynamodb", DYNAMODB_PRICES),
  ...prefixed("lambda", LAMBDA_PRICES),
]);

const AWS_HOSTS = /^https:\/\/(aws\.amazon\.com|docs\.aws\.amazon\.com|(www\.)?amazonaws\.cn)\//;

/** The pinned figure a reading speaks to in each region it names ("unnamed": us-east-1, else global). */
function targets(p: Price, r: Reading): [string, number | undefined][] {
  if (r.regions === "all") return Object.entries(p.usd);
  if (r.regions === "unnamed") {
    const key = "us-east-1" in p.usd ? "us-east-1" : "global";
    return [[key, p.usd[key]]];
  }
  return r.regions.map((k) => [k, p.usd[k]]);
}

/**
 * What is wrong with a price's readings: a bad URL or date, a publisher that does not match the host,
 * a region the price does not pin, a "seen" figure that differs from the pinned one (the price was
 * changed without a new reading) or a "conflict" that agrees with it.
 */
export function readingProblems(name: string, p: Price): string[] {
  const out: string[] = [];
  const check = (r: Reading, kind: "seen" | "conflicts") => {
    const at = `${name} ${kind} ${r.url}`;
    if (!/^https:\/\/[^\s]+$/.test(r.url)) out.push(`${at}: url must be https`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r.readOn) || r.readOn > READ_ON_LATER)
      out.push(`${at}: readOn ${r.readOn} must be a date on or before ${READ_ON_LATER}`);
    if ((r.publisher === "aws") !== AWS_HOSTS.test(r.url))
      out.push(`${at}: publisher ${r.publisher} does not match the host`);
    if (!r.says.trim()) out.push(`${at}: says is empty`);
    for (const [region, pinned] of targets(p, r)) {
      if (pinned === undefined) out.push(`${at}: names ${region}, which has no pinned price`);
      else if (kind === "seen" && pinned !== r.usd)
        out.push(`${at}: the page gave ${r.usd} for ${region}, the table pins ${pinned}`);
      else if (kind === "conflicts" && pinned === r.usd)
        out.push(`${at}: listed as a conflict but agrees with ${pinned} in ${region}`);
    }
  };
  for (const r of p.seen ?? []) check(r, "seen");
  for (const r of p.conflicts ?? []) check(r, "conflicts");
  return out;
}

export interface EvidenceSummary {
  /** Price entries. */
  total: number;
  /** Entries with at least one reading, and those with a reading on an AWS page. */
  read: number;
  readOnAws: number;
  /** Region figures (entry x key of `usd`) and those a reading names. */
  figures: number;
  figuresSeen: number;
  /** Entries with no reading at all. */
  unread: string[];
  /** Entries whose pages disagree with the pinned figure (not applied). */
  conflicting: string[];
}

export function evidenceSummary(prices: ReadonlyMap<string, Price> = ALL_PRICES): EvidenceSummary {
  const all = [...prices];
  const seen = all.filter(([, p]) => (p.seen ?? []).length > 0);
  return {
    total: all.length,
    read: seen.length,
    readOnAws: seen.filter(([, p]) => p.seen!.some((r) => r.publisher === "aws")).length,
    figures: all.reduce((n, [, p]) => n + Object.keys(p.usd).length, 0),
    figuresSeen: all.reduce((n, [, p]) => n + seenRegions(p).length, 0),
    unread: all.filter(([, p]) => !(p.seen ?? []).length).map(([k]) => k),
    conflicting: all.filter(([, p]) => (p.conflicts ?? []).length > 0).map(([k]) => k),
  };
}

/** One line for the CLI. */
export function evidenceLine(s: EvidenceSummary = evidenceSummary()): string {
  return (
    `Prices read on a page: ${s.read} of ${s.total} entries (${s.readOnAws} on an AWS page), ` +
    `${s.figuresSeen} of ${s.figures} region figures; the rest are pinned list prices not re-read ` +
    `(tools/cost/prices/, "seen"); ${s.conflicting.length} with a conflicting page not applied.`
  );
}
