import { strict as assert } from "assert";
import type { ReviewPlan, ReviewResource } from "../../tools/review/changes";
import { review } from "../../tools/review/render";

/**
 * "Needs attention" lists every deleted stateful resource: the set is written out here from the
 * design (data that is lost or slow to re-create: the data tier, its keys and secrets, buckets,
 * clusters, networks, volumes), not read from the module that decides it, so a type dropped from
 * that module's list fails. A deleted KMS key makes what it encrypted unreadable after its waiting
 * period; a deleted secret loses the credential it holds.
 */
const STATEFUL_DELETIONS: [type: string, label: string][] = [
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

const res = (type: string, name: string, inputs: Record<string, unknown> = {}): ReviewResource =>
  ({
    urn: `urn:pulumi:prod::platform::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: null,
    provider: null,
    region: "us-east-1",
    inputs,
    dependencies: [],
  }) as ReviewResource;
const plan = (...resources: ReviewResource[]): ReviewPlan => ({ stack: "prod", resources, violations: [] });
const listed = (base: ReviewPlan, head: ReviewPlan) =>
  review(base, head).attention.map((a) =>
    a.kind === "resource" ? [a.why, a.row.name, a.label] : a.kind === "violation" ? [a.why] : [a.kind],
  );

describe("review: Needs attention", () => {
  for (const [type, label] of STATEFUL_DELETIONS)
    it(`lists a deleted ${label} (${type})`, () =>
      assert.deepEqual(listed(plan(res(type, "gone")), plan()), [["delete", "gone", label]]));

  it("lists the data tier's KMS key and the database secret among a region's removal, data first", () => {
    const base = plan(
      res("aws:kms/key:Key", "euw1-data-key"),
      res("aws:secretsmanager/secret:Secret", "euw1-db-master"),
      res("aws:rds/cluster:Cluster", "euw1-aurora"),
      res("aws:sqs/queue:Queue", "euw1-notifications"),
    );
    assert.deepEqual(listed(base, plan()), [
      ["delete", "euw1-aurora", "Aurora cluster"],
      ["delete", "euw1-data-key", "KMS key"],
      ["delete", "euw1-db-master", "Secrets Manager secret"],
    ]);
  });

  it("does not list a deleted stateless resource, or a stateful one that only updates in place", () => {
    assert.deepEqual(listed(plan(res("aws:route53/record:Record", "www")), plan()), []);
    assert.deepEqual(
      listed(
        plan(res("aws:kms/key:Key", "k", { description: "a" })),
        plan(res("aws:kms/key:Key", "k", { description: "b" })),
      ),
      [],
    );
  });
});
