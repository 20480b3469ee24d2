import type { Violation } from "../../policies/lib/offline";
import type { ResourceReview, ReviewPlan } from "./changes";
import type { Disruption } from "./disruption";

/**
 * What a reviewer must see before anything else: stateful resources deleted
 * or replaced (data loss, long re-creation), protected resources touched, and
 * mandatory policy violations the change introduces or resolves.
 */

/** Stateful types, most costly to lose first; the order is the order in "Needs attention". */
export const STATEFUL: ReadonlyArray<readonly [type: string, kind: string]> = [
  ["aws:rds/globalCluster:GlobalCluster", "Aurora global database"],
  ["aws:rds/cluster:Cluster", "Aurora cluster"],
  ["aws:elasticache/globalReplicationGroup:GlobalReplicationGroup", "ElastiCache global datastore"],
  ["aws:elasticache/replicationGroup:ReplicationGroup", "ElastiCache replication group"],
  ["aws:rds/clusterInstance:ClusterInstance", "Aurora instance"],
  ["aws:s3/bucket:Bucket", "S3 bucket"],
  ["aws:kms/key:Key", "KMS key"],
  ["aws:secretsmanager/secret:Secret", "Secrets Manager secret"],
  ["eks:index:Cluster", "EKS cluster"],
  ["aws:eks/cluster:Cluster", "EKS cluster"],
  ["aws:ec2/vpc:Vpc", "VPC"],
  ["kubernetes:core/v1:PersistentVolumeClaim", "persistent volume claim"],
];
const RANK = new Map(STATEFUL.map(([t], i) => [t, i]));
export const statefulKind = (type: string): string | undefined => STATEFUL.find(([t]) => t === type)?.[1];

export type AttentionItem =
  | { kind: "resource"; why: "delete" | "replace" | "protected"; row: ResourceReview; label: string }
  | { kind: "disruption"; disruption: Disruption }
  | { kind: "violation"; why: "introduced" | "resolved"; violation: Violation };

export interface PolicyDelta {
  introduced: Violation[];
  resolved: Violation[];
}

const vkey = (v: Violation) => `${v.policy}\u0000${v.urn}\u0000${v.message}`;

export function policyDelta(base: ReviewPlan, head: ReviewPlan): PolicyDelta {
  const [b, h] = [base.violations ?? [], head.violations ?? []];
  const bk = new Set(b.map(vkey));
  const hk = new Set(h.map(vkey));
  return { introduced: h.filter((v) => !bk.has(vkey(v))), resolved: b.filter((v) => !hk.has(vkey(v))) };
}

/**
 * Ordered: stateful deletions, stateful replacements, protected resources, disruptive updates
 * (restarts, failovers, node replacements; disruption.ts), new then resolved mandatory violations.
 */
export function needsAttention(
  rows: ResourceReview[],
  policy: PolicyDelta,
  disruptions: readonly Disruption[] = [],
): AttentionItem[] {
  const byRank = (a: ResourceReview, b: ResourceReview) =>
    (RANK.get(a.type) ?? 99) - (RANK.get(b.type) ?? 99) || a.name.localeCompare(b.name);
  const stateful = (op: "delete" | "replace") =>
    rows
      .filter((r) => r.op === op && statefulKind(r.type))
      .sort(byRank)
      .map((row): AttentionItem => ({ kind: "resource", why: op, row, label: statefulKind(row.type)! }));
  const protectedRows = rows
    .filter((r) => r.protect && r.op !== "same" && !statefulKind(r.type))
    .map((row): AttentionItem => ({ kind: "resource", why: "protected", row, label: "protected resource" }));
  const mandatory = (vs: Violation[]) => vs.filter((v) => v.enforcementLevel === "mandatory");
  return [
    ...stateful("delete"),
    ...stateful("replace"),
    ...protectedRows,
    ...disruptions.map((disruption): AttentionItem => ({ kind: "disruption", disruption })),
    ...mandatory(policy.introduced).map((violation): AttentionItem => ({
      kind: "violation",
      why: "introduced",
      violation,
    })),
    ...mandatory(policy.resolved).map((violation): AttentionItem => ({
      kind: "violation",
      why: "resolved",
      violation,
    })),
  ];
}
