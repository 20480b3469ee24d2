import { strict as assert } from "node:assert";
import { awsPhysicalNames, physicalNameViolations } from "../../aws/names/physical-names";
import { NAME_RULES } from "../../aws/names/limits";
import { REGISTRY } from "../../lib/registry";
import { resourceArgs, runResource } from "../harness";

const K = "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest";
const ALB_SRC = `[AWS rule: ${K}/elasticloadbalancingv2/aws.sdk.kotlin.services.elasticloadbalancingv2.model/-create-load-balancer-request/name.html (read 2026-12-02)]`;
const RDS_SRC = `[AWS rule: ${K}/rds/aws.sdk.kotlin.services.rds.model/-create-db-cluster-request/db-cluster-identifier.html (read 2026-12-02)]`;
const CACHE_SRC = `[AWS rule: ${K}/elasticache/aws.sdk.kotlin.services.elasticache.model/-create-replication-group-request/replication-group-id.html (read 2026-12-02)]`;
const S3_SRC =
  "[AWS rule: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (read 2026-12-02); " +
  "node_modules/@pulumi/aws (7.48.0) s3/bucket.d.ts bucket (read 2026-12-02)]";
const ROLE_SRC =
  "[AWS rule: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (read 2026-12-02); " +
  "github.com/pulumi/terraform-provider-aws@72e8bb4fc26f aws/resource_aws_iam_role.go (read 2026-12-02)]";

const WAF_SRC = "[AWS rule: https://docs.amazonaws.cn/en_us/waf/latest/APIReference/API_WebACL.html (read 2026-12-02)]";
const CONFIG = "https://docs.aws.amazon.com/config/latest/APIReference";
const RECORDER_SRC =
  "[AWS rule: https://docs.amazonaws.cn/en_us/config/latest/APIReference/API_ConfigurationRecorder.md (read 2026-12-02); " +
  `${CONFIG}/API_ConfigurationRecorderSummary.html (read 2026-12-02)]`;

const check = (type: string, props: Record<string, unknown>, name = "res") =>
  runResource(awsPhysicalNames(), resourceArgs(type, props, { name })).messages;

describe("policies: aws-physical-names", () => {
  it("is mandatory and in the pack", () => {
    assert.equal(awsPhysicalNames().enforcementLevel, "mandatory");
    assert.ok(REGISTRY.some((e) => e.create().name === "aws-physical-names"));
  });

  it("every row cites a source read on a date", () => {
    for (const row of NAME_RULES) {
      assert.ok(row.sources.length > 0, row.type);
      for (const s of [...row.sources, ...(row.prefix ? [row.prefix.source] : [])]) {
        assert.match(s.read, /^\d{4}-\d{2}-\d{2}$/, row.type);
        assert.ok(s.url.length > 0 && s.saw.length > 0, row.type);
      }
    }
  });

  it("passes the names the platform plans", () => {
    assert.deepEqual(check("aws:lb/loadBalancer:LoadBalancer", { name: "platform-prod-euw1-alb" }), []);
    assert.deepEqual(check("aws:lb/targetGroup:TargetGroup", { name: "platform-prod-euw1-gw" }), []);
    assert.deepEqual(check("aws:rds/cluster:Cluster", { clusterIdentifier: "platform-prod-euw1-aurora" }), []);
    assert.deepEqual(
      check("aws:elasticache/replicationGroup:ReplicationGroup", { replicationGroupId: "platform-prod-euw1-cache" }),
      [],
    );
    assert.deepEqual(check("aws:s3/bucket:Bucket", { bucket: "platform-prod-euw1-alb-logs-123456789012" }), []);
    assert.deepEqual(check("aws:kms/alias:Alias", { name: "alias/platform-prod-euw1-logs" }), []);
    assert.deepEqual(check("aws:sqs/queue:Queue", { name: "jobs.fifo", fifoQueue: true }), []);
    assert.deepEqual(check("aws:cloudwatch/logGroup:LogGroup", { name: "/aws/eks/platform-prod-euw1/cluster" }), []);
    assert.deepEqual(check("aws:iam/role:Role", {}, "us-west-2-workloads-notification-service-pi-role"), []);
  });

  it("reports a too-long ALB name with a forbidden character", () =>
    assert.deepEqual(check("aws:lb/loadBalancer:LoadBalancer", { name: "platform-staging_eu-use1-alb-xyz12" }, "alb"), [
      'aws:lb/loadBalancer:LoadBalancer "alb" name "platform-staging_eu-use1-alb-xyz12" must: be at most 32 characters ' +
        `(has 34); contain only alphanumeric characters and hyphens ${ALB_SRC}`,
    ]));

  it("reports the ALB hyphen and internal- rules", () =>
    assert.deepEqual(check("aws:lb/loadBalancer:LoadBalancer", { name: "internal-platform-alb-" }, "alb"), [
      'aws:lb/loadBalancer:LoadBalancer "alb" name "internal-platform-alb-" must: not start or end with a hyphen; ' +
        `not start with "internal-" ${ALB_SRC}`,
    ]));

  it("reports an RDS identifier starting with a digit, doubling and ending with a hyphen", () =>
    assert.deepEqual(check("aws:rds/cluster:Cluster", { clusterIdentifier: "9platform--prod-" }, "db"), [
      'aws:rds/cluster:Cluster "db" clusterIdentifier "9platform--prod-" must: start with a letter; ' +
        `not end with a hyphen; not contain two consecutive hyphens ${RDS_SRC}`,
    ]));

  it("reports a 41-character replication group id", () => {
    const id = `platform-${"x".repeat(32)}`;
    assert.deepEqual(check("aws:elasticache/replicationGroup:ReplicationGroup", { replicationGroupId: id }, "cache"), [
      `aws:elasticache/replicationGroup:ReplicationGroup "cache" replicationGroupId "${id}" must: be at most 40 characters (has 41) ${CACHE_SRC}`,
    ]);
  });

  it("reports S3 bucket names AWS rejects", () => {
    assert.deepEqual(check("aws:s3/bucket:Bucket", { bucket: "192.168.5.4" }, "logs"), [
      `aws:s3/bucket:Bucket "logs" bucket "192.168.5.4" must: not be formatted as an IP address ${S3_SRC}`,
    ]);
    assert.deepEqual(check("aws:s3/bucket:Bucket", { bucket: "Platform_Logs" }, "logs"), [
      'aws:s3/bucket:Bucket "logs" bucket "Platform_Logs" must: contain only lowercase letters, numbers, periods and ' +
        `hyphens; begin and end with a letter or number ${S3_SRC}`,
    ]);
  });

  it("reports a KMS alias in the AWS-reserved namespace and one without alias/", () =>
    assert.deepEqual(
      [
        ...check("aws:kms/alias:Alias", { name: "alias/aws/logs" }, "a"),
        ...check("aws:kms/alias:Alias", { name: "logs" }, "b"),
      ].map((m) => m.slice(0, m.indexOf(" ["))),
      [
        'aws:kms/alias:Alias "a" name "alias/aws/logs" must: not start with "alias/aws/"',
        'aws:kms/alias:Alias "b" name "logs" must: start with "alias/"',
      ],
    ));

  it("reports an IAM role whose auto-name would exceed 64 characters, and a role path without slashes", () => {
    const long = "us-west-2-workloads-notification-service-worker-extra-pi-role"; // 61 + 8 > 64
    assert.deepEqual(check("aws:iam/role:Role", {}, long), [
      `aws:iam/role:Role "${long}" sets no name, so it is auto-named "${long}-xxxxxxx", which must: be at most 64 ` +
        `characters (has 69) (set name explicitly, or shorten the resource name) ${ROLE_SRC}`,
    ]);
    assert.deepEqual(
      check("aws:iam/role:Role", { name: "ok", path: "platform/" }, "r").map((m) => m.slice(0, m.indexOf(" ["))),
      ['aws:iam/role:Role "r" path "platform/" must: be "/" or begin and end with "/"'],
    );
  });

  it("reports a security group name in the sg- namespace and a launch template name with a space", () =>
    assert.deepEqual(
      [
        ...check("aws:ec2/securityGroup:SecurityGroup", { name: "sg-platform" }, "sg"),
        ...check("aws:ec2/launchTemplate:LaunchTemplate", { name: "system nodes" }, "lt"),
      ].map((m) => m.slice(0, m.indexOf(" ["))),
      [
        'aws:ec2/securityGroup:SecurityGroup "sg" name "sg-platform" must: not start with "sg-"',
        'aws:ec2/launchTemplate:LaunchTemplate "lt" name "system nodes" must: contain only a-z, A-Z, 0-9 and ( ) . - / _',
      ],
    ));

  it("reports a WAFv2 web ACL name with a dot and one over 128 characters", () => {
    const long = `platform-${"w".repeat(120)}`; // 129
    assert.deepEqual(
      [
        ...check("aws:wafv2/webAcl:WebAcl", { name: "platform.prod-cloudfront" }, "waf"),
        ...check("aws:wafv2/webAcl:WebAcl", { name: long }, "waf"),
      ],
      [
        'aws:wafv2/webAcl:WebAcl "waf" name "platform.prod-cloudfront" must: contain only letters, digits, ' +
          `underscores and hyphens ${WAF_SRC}`,
        `aws:wafv2/webAcl:WebAcl "waf" name "${long}" must: be at most 128 characters (has 129) ${WAF_SRC}`,
      ],
    );
    assert.deepEqual(check("aws:wafv2/webAcl:WebAcl", { name: "platform-prod_cloudfront" }), []);
  });

  it("reports a 33-character CodeConnections name and 257-character AWS Config names", () => {
    const conn = "platform-prod-euw1-github-mirror1"; // 33
    const cfg = "c".repeat(257);
    assert.deepEqual(
      [
        ...check("aws:codeconnections/connection:Connection", { name: conn }, "gh"),
        ...check("aws:cfg/recorder:Recorder", { name: cfg }, "rec"),
        ...check("aws:cfg/deliveryChannel:DeliveryChannel", { name: cfg }, "ch"),
      ],
      [
        `aws:codeconnections/connection:Connection "gh" name "${conn}" must: be at most 32 characters (has 33) ` +
          `[AWS rule: https://docs.aws.amazon.com/codeconnections/latest/APIReference/API_CreateConnection.html (read 2026-12-02)]`,
        `aws:cfg/recorder:Recorder "rec" name "${cfg}" must: be at most 256 characters (has 257) ${RECORDER_SRC}`,
        `aws:cfg/deliveryChannel:DeliveryChannel "ch" name "${cfg}" must: be at most 256 characters (has 257) ` +
          `[AWS rule: ${CONFIG}/API_DeliveryChannel.html (read 2026-12-02)]`,
      ],
    );
    // Any character is allowed by the CodeConnections pattern [\s\S]*; "default" is what the plans set for Config.
    assert.deepEqual(check("aws:codeconnections/connection:Connection", { name: "prod github (euw1)" }), []);
    assert.deepEqual(check("aws:cfg/recorder:Recorder", { name: "default" }), []);
  });

  it("reports a 65-character Lambda function name and a 2-character DynamoDB table with a space", () => {
    const fn = "f".repeat(65);
    const msgs = [
      ...check("aws:lambda/function:Function", { name: fn }, "burst"),
      ...check("aws:dynamodb/table:Table", { name: "a b" }, "table"),
      ...check("aws:dynamodb/table:Table", { name: "ab" }, "short"),
    ];
    assert.equal(msgs.length, 3, msgs.join("\n"));
    assert.match(
      msgs[0],
      /^aws:lambda\/function:Function "burst" name "f{65}" must: be at most 64 characters \(has 65\)/,
    );
    assert.match(msgs[1], /"table" name "a b" must: contain only letters, numbers, underscores, hyphens and periods/);
    assert.match(msgs[2], /"short" name "ab" must: be 3 to 255 characters \(has 2\)/);
    assert.deepEqual(check("aws:lambda/function:Function", { name: "platform-prod-use1-burst" }), []);
    assert.deepEqual(check("aws:dynamodb/table:Table", { name: "platform-prod.items_v1" }), []);
  });

  it("reports a name prefix over the provider's limit", () =>
    assert.deepEqual(check("aws:lb/targetGroup:TargetGroup", { namePrefix: "gwtg-01" }, "tg"), [
      'aws:lb/targetGroup:TargetGroup "tg" namePrefix "gwtg-01" must: be at most 6 characters (has 7) ' +
        "[provider rule: node_modules/@pulumi/aws (7.48.0) lb/targetGroup.d.ts namePrefix (read 2026-12-02)]",
    ]));

  it("skips a value unknown during preview (no auto-name guess either)", () => {
    class UnknownValueError extends Error {}
    const props = {};
    Object.defineProperty(props, "name", {
      enumerable: true,
      get: () => {
        throw new UnknownValueError("unknown");
      },
    });
    assert.deepEqual(physicalNameViolations("aws:lb/loadBalancer:LoadBalancer", "x".repeat(40), props), []);
  });

  it("ignores types without a row and keys that reference other resources", () => {
    assert.deepEqual(check("aws:s3/bucketPolicy:BucketPolicy", { bucket: "Not_A_Name" }), []);
    assert.deepEqual(
      check("aws:rds/clusterInstance:ClusterInstance", { identifier: "db-1", clusterIdentifier: "x--" }),
      [],
    );
  });
});
