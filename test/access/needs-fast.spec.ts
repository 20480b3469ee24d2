import { strict as assert } from "assert";
import { toEntry, type AccessEntry } from "../../tools/access/model";
import { ciNeeds } from "../../tools/access/needs-ci";
import { controllerNeeds } from "../../tools/access/needs-controllers";
import { failoverNeeds } from "../../tools/access/needs-failover";
import { jenkinsNeeds } from "../../tools/access/needs-jenkins";
import { podNeeds } from "../../tools/access/needs-pods";
import { serviceNeeds } from "../../tools/access/needs-services";
import { buildWorld, type World } from "../../tools/access/world";
import type { Need } from "../../tools/access/model";
import { CONTEXT_KEYS, EXPECTED } from "./needs-expected";
import { plannedResources } from "./resources";

// Each need source of the access model, decided on the planned resources of prod (three regions,
// every feature on) and dev (one region): the calls per requirement are needs-expected.ts (from each
// requirement's cited source); the plan's account is the mock engine's (123456789012).
const ACCOUNT = "123456789012";
const R = "(us-east-1|us-west-2|eu-west-1)";
const ADVISORY = ["deploy-creates-planned-role"];
const GROUPS: Record<string, (w: World) => Need[]> = {
  serviceNeeds,
  controllerNeeds,
  podNeeds,
  ciNeeds,
  jenkinsNeeds,
  failoverNeeds,
};

/** The ARN form each requirement's resources take (Service Authorization Reference; the mock engine's ids). */
const arn = (service: string, rest: string, region = R) =>
  new RegExp(`^arn:aws:${service}:${region}:${ACCOUNT}:${rest}$`);
const ROLE = new RegExp(`^arn:aws:iam::${ACCOUNT}:role/[\\w+=,.@-]+$`);
const KEY = arn("kms", "key/[\\w-]+");
const TOPIC = arn("sns", "[\\w-]+");
const QUEUE = arn("sqs", "[\\w-]+");
const KAFKA = arn("kafka", "(cluster|topic|group)/[\\w-]+/[\\w-]+(/[\\w-]+)?");
const SECRET = arn("secretsmanager", "secret:[\\w/-]+-\\w{6}");
const DBUSER = arn("rds-db", "dbuser:cluster-[0-9A-F]+/\\w+");
const CLUSTER = arn("eks", "cluster/[\\w-]+");
const ANY = /^(\*|arn:aws:.+)$/;
const RESOURCE: Record<string, RegExp> = {
  "codebuild-runner":
    /^(\*|arn:aws:(iam::\d{12}:role|logs:us-east-1:\d{12}:log-group:\/aws\/codebuild|ec2:us-east-1:\d{12}:network-interface|connection:us-east-1:\d{12}:)).*/,
  "lambda-sqs-source": QUEUE,
  "lambda-logs": new RegExp(`^arn:aws:logs:${R}:${ACCOUNT}:log-group:/aws/lambda/[\\w-]+:log-stream:.+$`),
  "config-delivery": new RegExp(`^arn:aws:s3:::[\\w-]+(/AWSLogs/${ACCOUNT}/Config/${R}/object)?$`),
  "config-assume-role": ROLE,
  "elb-access-logs": new RegExp(`^arn:aws:s3:::[\\w-]+/(\\w+/)?AWSLogs/${ACCOUNT}/elasticloadbalancing/${R}/log\\.gz$`),
  "flow-logs-delivery": arn("logs", "log-group:[^:]+(:log-stream:eni-0123456789abcdef0-all)?"),
  "flow-logs-assume-role": ROLE,
  "alarm-publish": TOPIC,
  "alarm-topic-key": KEY,
  "eventbridge-to-sqs": QUEUE,
  "eventbridge-to-sns": /^arn:aws:(sns|kms):/,
  "rds-enhanced-monitoring": arn("logs", "log-group:RDSOSMetrics:log-stream:db-instance"),
  "rds-monitoring-assume-role": ROLE,
  "log-group-key": KEY,
  "amp-remote-write": arn("aps", "workspace/[\\w-]+"),
  "keda-sqs": QUEUE,
  "alertmanager-publish": /^arn:aws:(sns|kms):/,
  "lb-controller": ANY,
  karpenter: ANY,
  "vpc-cni": /^(\*|arn:aws:ec2:.+:network-interface\/eni-0)$/,
  "ebs-csi": arn("ec2", "(volume/vol-0|instance/i-0)"),
  "node-role": /^(\*|arn:aws:(eks|ecr|iam):.+)$/,
  "fargate-pod-execution": /^(\*|arn:aws:(ecr|iam):.+)$/,
  "fargate-log-router": arn("logs", "log-group:/aws/eks/[\\w-]+/fargate-[\\w-]+:log-stream:fargate-0"),
  "pod-identity-assume-role": ROLE,
  "service-own-database-user": DBUSER,
  "service-other-database-user": DBUSER,
  "service-other-queue": QUEUE,
  "service-other-secret": SECRET,
  "service-own-queue": QUEUE,
  "service-no-table": /^arn:aws:(table|tablereplica):/,
  "service-own-table": /^arn:aws:(table|tablereplica|kms):/,
  "service-own-kafka-topics": KAFKA,
  "service-no-kafka": KAFKA,
  "service-kafka-overreach": KAFKA,
  "keda-kafka-lag": KAFKA,
  "service-own-cache-user": arn("elasticache", "(replicationgroup|user):[\\w-]+"),
  "cache-user-scoped": arn("elasticache", "replicationgroup:[\\w-]+/[\\w-]+"),
  "service-other-cache-user": arn("elasticache", "user:[\\w-]+"),
  "service-no-cache": arn("elasticache", "replicationgroup:[\\w-]+"),
  "no-pass-role": ROLE,
  "preview-reads-aws": /^(\*|arn:aws:route53:::hostedzone\/[\w-]+)$/,
  "preview-no-secret-values": ANY,
  "waf-logging-setup": /^\*$/,
  "deploy-role-boundary": ROLE,
  "deploy-creates-planned-role": ROLE,
  "preview-reads-cluster": CLUSTER,
  "preview-no-cluster-writes-or-secrets": CLUSTER,
  "cloudfront-standard-logs": new RegExp(`^arn:aws:s3:::[\\w-]+-${ACCOUNT}/\\*$`),
  "other-account-no-access": ANY,
  "jenkins-codebuild": /^arn:aws:(project|logs):us-east-1:/,
  "jenkins-codebuild-only": /^arn:aws:(codebuild:us-east-1:\d{12}:project\/another-project|iam::\d{12}:role\/.+)$/,
  "jenkins-no-deploy": new RegExp(`^arn:aws:iam::${ACCOUNT}:role/platform-prod-deploy$`),
  "jenkins-no-data": /^arn:aws:(secretsmanager|dynamodb|sqs|rds-db):/,
  "efs-csi": /^(\*|arn:aws:(filesystem|accesspoint):us-east-1:.+)$/,
  "writer-promotion-assume-role": ROLE,
  "writer-promotion": /^arn:aws:(rds|elasticache):(us-west-2|eu-west-1)?:\d{12}:/,
  "writer-promotion-no-harm": /^arn:aws:(rds|elasticache|route53|iam):/,
  "writer-promotion-start":
    /^arn:aws:(ssm:us-west-2:\d{12}:automation-definition\/[\w-]+:\$DEFAULT|iam::\d{12}:role\/.+)$/,
  "writer-promotion-start-only":
    /^arn:aws:(ssm:us-west-2:\d{12}:automation-definition\/AWS-RunShellScript:\$DEFAULT|iam::.+)$/,
};
/** Requirements about account-wide or global calls: no plan resource to point at. */
const WITHOUT_URN = ["preview-reads-aws", "preview-no-secret-values", "deploy-role-boundary"];

function entriesOf(world: World, group: string): AccessEntry[] {
  return GROUPS[group](world).map((n) => toEntry(world, n));
}

function table(entries: AccessEntry[]): Record<string, string[]> {
  const t: Record<string, Set<string>> = {};
  for (const e of entries) (t[`${e.requirement} ${e.kind}`] ??= new Set()).add(e.action);
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, [...v].sort()]));
}

const failing = (entries: AccessEntry[]) =>
  entries.filter((e) => !e.ok && !ADVISORY.includes(e.requirement)).map((e) => `${e.requirement}: ${e.reason}`);

describe("access needs on the planned stacks (fast: the program runs once per process)", () => {
  for (const group of Object.keys(GROUPS))
    it(`prod ${group}: the documented calls per requirement, each decided as it must be`, async () => {
      const world = buildWorld(await plannedResources("prod"));
      const entries = entriesOf(world, group);
      assert.deepEqual(table(entries), EXPECTED[group]);
      assert.deepEqual(failing(entries), []);
      for (const e of entries) {
        assert.equal(e.allowed, e.kind === "required", `${e.requirement} ${e.action} ${e.resource}`);
        assert.match(e.resource, RESOURCE[e.requirement], `${e.requirement} ${e.action}`);
        // CloudFront's log delivery writes through the bucket ACL as the awslogsdelivery account.
        assert.match(
          e.principal,
          /^(arn:aws:iam::\d{12}:(role\/[\w+=,.@-]+|root)|[a-z0-9.-]+\.amazonaws\.com|awslogsdelivery .+)$/,
        );
        if (e.ok) assert.ok(e.via && e.via.length > 0 && e.reason === undefined, `${e.requirement}: via`);
        if (!WITHOUT_URN.includes(e.requirement)) assert.match(e.urn ?? "", /^urn:pulumi:prod::/, e.requirement);
      }
    });

  it("prod: the context each request carries, with the values the services send", async () => {
    const world = buildWorld(await plannedResources("prod"));
    const needs = Object.values(GROUPS).flatMap((g) => g(world));
    const keys: Record<string, Set<string>> = {};
    for (const n of needs)
      if (n.requirement !== "karpenter" && n.requirement !== "lb-controller")
        (keys[n.requirement] ??= new Set()).add(
          Object.keys(n.context ?? {})
            .sort()
            .join(" "),
        );
    for (const [req, got] of Object.entries(keys)) assert.deepEqual([...got].sort(), CONTEXT_KEYS[req] ?? [""], req);
    const VALUES: Record<string, Record<string, RegExp>> = {
      "alarm-publish": {
        "aws:SourceArn": arn("cloudwatch", "alarm:.+"),
        "aws:SourceAccount": /^123456789012$/,
        "AWS:SourceOwner": /^123456789012$/,
      },
      "log-group-key": { "kms:EncryptionContext:aws:logs:arn": arn("logs", "log-group:.+") },
      "elb-access-logs": { "aws:SourceAccount": /^123456789012$/ },
      "config-delivery": { "s3:x-amz-acl": /^bucket-owner-full-control$/ },
      "config-assume-role": { "aws:SourceAccount": /^123456789012$/ },
      "codebuild-runner": {
        "ec2:AuthorizedService": /^codebuild\.amazonaws\.com$/,
        "ec2:Subnet": arn("ec2", "subnet/.+"),
      },
      "no-pass-role": { "iam:PassedToService": /^ec2\.amazonaws\.com$/ },
      "service-own-table": { "kms:ViaService": new RegExp(`^dynamodb\\.${R}\\.amazonaws\\.com$`) },
      "pod-identity-assume-role": {
        "aws:SourceArn": CLUSTER,
        "aws:RequestTag/eks-cluster-arn": CLUSTER,
        "aws:RequestTag/eks-cluster-name": /^platform-prod-(use1|usw2|euw1)$/,
        "aws:RequestTag/kubernetes-namespace": /^[a-z0-9-]+$/,
      },
      "eventbridge-to-sqs": { "aws:SourceArn": arn("events", "rule/.+") },
      "deploy-role-boundary": { "iam:PermissionsBoundary": /^arn:aws:iam::(aws|123456789012):policy\/.+$/ },
      "amp-remote-write": { "aws:RequestedRegion": new RegExp(`^${R}$`) },
    };
    for (const n of needs)
      for (const [k, re] of Object.entries(VALUES[n.requirement] ?? {}))
        if (n.context?.[k] !== undefined) assert.match(String(n.context[k]), re, `${n.requirement} ${k}`);
    for (const [req, vals] of Object.entries(VALUES))
      for (const k of Object.keys(vals))
        assert.ok(
          needs.some((n) => n.requirement === req && n.context?.[k] !== undefined),
          `${req} ${k}`,
        );
    // Decided outside IAM: the bucket ACL grant, the EKS access policy rule, the RBAC user group.
    const entries = needs.map((n) => toEntry(world, n));
    const via = (req: string) => [...new Set(entries.filter((e) => e.requirement === req).flatMap((e) => e.via ?? []))];
    const acl = via("cloudfront-standard-logs");
    assert.ok(
      acl.length === 1 && /^urn:pulumi:prod::.+aws:s3\/bucketAcl:BucketAcl::[\w-]+#grants\[\d+\]$/.test(acl[0]),
      acl[0],
    );
    assert.ok(
      via("preview-reads-cluster").every((v) =>
        /^arn:aws:eks::aws:cluster-access-policy\/AmazonEKSViewPolicy#rule\[\d\]$/.test(v),
      ),
    );
    assert.ok(
      via("preview-no-cluster-writes-or-secrets").every((v) =>
        /^implicit deny: arn:aws:eks::aws:cluster-access-policy\/AmazonEKSViewPolicy grants no (get|list|patch|create) on [a-z/]+$/.test(
          v,
        ),
      ),
    );
  });

  it("dev (one region, no failover, config recorder or AMP): the same requirements less prod's extras, all holding", async () => {
    const world = buildWorld(await plannedResources("dev"));
    const prodOnly = [
      "config-delivery required",
      "config-assume-role required",
      "eventbridge-to-sns required",
      "amp-remote-write required",
      "waf-logging-setup required",
      "preview-reads-cluster required",
      "preview-no-cluster-writes-or-secrets forbidden",
    ];
    for (const group of Object.keys(GROUPS)) {
      const entries = entriesOf(world, group);
      const expected = Object.keys(EXPECTED[group]).filter(
        (k) => !prodOnly.includes(k) && !(group === "failoverNeeds"),
      );
      assert.deepEqual(Object.keys(table(entries)).sort(), expected.sort(), group);
      assert.deepEqual(failing(entries), [], group);
      for (const e of entries) assert.match(e.resource, /us-east-1|^\*$|::/, `${e.requirement} ${e.resource}`);
    }
  });
});
