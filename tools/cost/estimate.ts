import { describeUnknowns, hasUnknowns, recordUnknowns, type UnknownReads } from "../plan/unknowns";
import { CostContext } from "./context";
import { PRICE_DATE } from "./prices/types";
import type { Rule } from "./rules/common";
import { COMPUTE_RULES } from "./rules/compute";
import { DATA_RULES } from "./rules/data";
import { EDGE_RULES } from "./rules/edge";
import { FARGATE_RULES } from "./rules/fargate";
import { TRACING_RULES } from "./rules/tracing";
import { NETWORK_RULES } from "./rules/network";
import { OPS_RULES } from "./rules/ops";
import type { CostItem, CostLine, CostPlan, CostReport } from "./types";

const RULES = new Map<string, Rule[]>();
for (const set of [COMPUTE_RULES, NETWORK_RULES, DATA_RULES, EDGE_RULES, OPS_RULES, FARGATE_RULES, TRACING_RULES])
  for (const [type, rule] of Object.entries(set)) RULES.set(type, [...(RULES.get(type) ?? []), rule]);

/** Types AWS does not bill by themselves (their traffic or storage is billed elsewhere, or not at all). */
const FREE = [
  /^pulumi:/,
  /^platform:/,
  /^random:/,
  /^kubernetes:/,
  /^aws:iam\//,
  /^aws:ec2\/(vpc|subnet|routeTable|routeTableAssociation|route|internetGateway|securityGroup|defaultSecurityGroup|tag|launchTemplate|flowLog|vpcPeeringConnectionAccepter|securityGroupRule):/,
  /^aws:vpc\/securityGroup(Ingress|Egress)Rule:/,
  /^aws:eks\/(addon|accessEntry|podIdentityAssociation):/,
  /^aws:acm\//,
  /^aws:cloudfront\/(cachePolicy|responseHeadersPolicy|originRequestPolicy|originAccessControl):/,
  /^aws:lb\/(listener|listenerRule|targetGroup|targetGroupAttachment):/,
  /^aws:appautoscaling\//,
  /^aws:cloudwatch\/event(Rule|Target):/,
  /^aws:rds\/(subnetGroup|clusterParameterGroup|parameterGroup|globalCluster):/,
  /^aws:elasticache\/(subnetGroup|parameterGroup):/,
  /^aws:kms\/alias:/,
  /^aws:secretsmanager\/secretVersion:/,
  /^aws:sqs\/queuePolicy:/,
  /^aws:sns\/(topicSubscription|topicPolicy):/,
  /^aws:codebuild\/webhook:/,
  // The recorder is what AWS Config bills; its delivery channel and on/off status are not.
  /^aws:cfg\/(deliveryChannel|recorderStatus):/,
  // WAF log delivery is billed as CloudWatch Logs ingestion on the aws-waf-logs-* group.
  /^aws:wafv2\/webAclLoggingConfiguration:/,
  /^aws:codeconnections\/connection:/,
  /^aws:s3\/bucket(Acl|LifecycleConfiguration|OwnershipControls|Policy|PublicAccessBlock|ServerSideEncryptionConfiguration|Versioning)(V2)?:/,
];

/** Billed by usage we do not model; listed as unpriced with the reason. */
const NOT_ESTIMATED: Record<string, string> = {
  "aws:s3/bucket:Bucket": "S3 storage and requests of access-log buckets not estimated (no log-size assumption)",
  "aws:s3/bucketV2:BucketV2": "S3 storage and requests of access-log buckets not estimated (no log-size assumption)",
  "aws:sqs/queue:Queue":
    "SQS requests not estimated (Karpenter interruption and KEDA queues: a few million a month at $0.40/1M)",
  "aws:sns/topic:Topic": "SNS notifications not estimated (alarm e-mails only)",
  // Detection services (components/security): billed on events and resources analysed.
  "aws:guardduty/detector:Detector":
    "GuardDuty not estimated (billed per CloudTrail/flow-log/DNS event, EKS audit log and runtime vCPU analysed)",
  "aws:guardduty/detectorFeature:DetectorFeature":
    "GuardDuty EKS protection not estimated (audit-log events and runtime-monitored vCPUs)",
  "aws:securityhub/account:Account": "Security Hub not estimated (billed per security check and finding ingested)",
  "aws:cfg/recorder:Recorder": "AWS Config not estimated (billed per configuration item recorded and rule evaluation)",
  // Data systems beside the clusters (components/dynamodb, components/lambda): billed per request.
  "aws:dynamodb/table:Table":
    "DynamoDB not estimated (on-demand: billed per read/write request unit and GB stored; no request-volume assumption)",
  "aws:dynamodb/tableReplica:TableReplica":
    "DynamoDB replica not estimated (replicated write request units and storage; no write-volume assumption)",
  "aws:lambda/function:Function": "Lambda not estimated (billed per request and GB-second; no invocation assumption)",
  "aws:lambda/eventSourceMapping:EventSourceMapping":
    "Lambda SQS event source not estimated (its polling is billed as SQS requests, not estimated either)",
};

/**
 * The monthly cost of a plan: a pure function of plan.json (resources + `usage`, the resolved
 * `platform:cost` section). `asOf` (default: the price date) decides EKS standard vs extended
 * support. Items are rounded to cents; `monthly`, `byRegion` and `byComponent` are their sums.
 */
export function estimateCost(plan: CostPlan, asOf: string = PRICE_DATE): CostReport {
  // In a preview plan a rule that reads an unknown value cannot price the resource: it says so.
  const met: UnknownReads = [];
  const preview = hasUnknowns(plan.resources);
  const resources = preview ? plan.resources.map((r) => recordUnknowns(r, met)) : plan.resources;
  const ctx = new CostContext({ ...plan, resources }, asOf);
  for (const r of resources) {
    const rules = RULES.get(r.type);
    met.length = 0;
    const [lines, unpriced] = [ctx.lines.length, ctx.unpriced.length];
    if (rules) for (const rule of rules) rule(ctx, r);
    if (rules && met.length > 0) {
      ctx.lines.splice(lines);
      ctx.unpriced.splice(unpriced);
      ctx.skip(r, `cannot estimate until known: reads ${describeUnknowns(met)} (a preview)`);
    } else if (rules) continue;
    else if (NOT_ESTIMATED[r.type]) ctx.skip(r, NOT_ESTIMATED[r.type]);
    else if (!FREE.some((re) => re.test(r.type))) ctx.skip(r, `no pricing rule for ${r.type}`);
  }
  const sumBy = (key: "region" | "component") => {
    const out: Record<string, number> = {};
    for (const i of ctx.lines) out[i[key]] = cents((out[i[key]] ?? 0) + i.monthly);
    return Object.fromEntries(Object.entries(out).sort());
  };
  const u = ctx.usage;
  return {
    stack: plan.stack ?? "?",
    currency: "USD",
    monthly: cents(ctx.lines.reduce((a, i) => a + i.monthly, 0)),
    byRegion: sumBy("region"),
    byComponent: sumBy("component"),
    items: perResource(ctx.lines),
    lines: ctx.lines,
    unpriced: ctx.unpriced,
    assumptions: Object.entries({
      ...flatten(u as unknown as Record<string, unknown>),
      "derived.averageRps": Math.round(u.traffic.peakRps * u.traffic.averageToPeak),
      "derived.monthlyRequests": Math.round(ctx.monthlyRequests()),
      "derived.trafficShare": [...ctx.trafficShare].map(([r, s]) => `${r} ${s.toFixed(3)}`).join(", ") || "none",
      hoursPerMonth: 730,
      asOf,
    }).map(([k, v]) => `${k} = ${v}`),
    priceDate: PRICE_DATE,
    ...(u.monthlyBudget !== undefined ? { budget: u.monthlyBudget } : {}),
  };
}

const cents = (n: number) => Math.round(n * 100) / 100;

function perResource(lines: CostLine[]): CostItem[] {
  const byUrn = new Map<string, CostItem>();
  for (const l of lines) {
    const item = byUrn.get(l.urn);
    if (!item)
      byUrn.set(l.urn, {
        urn: l.urn,
        type: l.type,
        region: l.region,
        component: l.component,
        monthly: l.monthly,
        basis: `${l.line}: ${l.basis}`,
      });
    else {
      item.monthly = cents(item.monthly + l.monthly);
      item.basis += `; ${l.line}: ${l.basis}`;
    }
  }
  return [...byUrn.values()];
}

function flatten(o: Record<string, unknown>, prefix = ""): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(o)) {
    const key = prefix + k;
    if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0 && k !== "regionShare")
      Object.assign(out, flatten(v as Record<string, unknown>, `${key}.`));
    else out[key] = typeof v === "number" || typeof v === "string" ? v : JSON.stringify(v);
  }
  return out;
}
