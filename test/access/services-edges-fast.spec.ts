import { strict as assert } from "assert";
import type { Need } from "../../tools/access/model";
import { serviceNeeds } from "../../tools/access/needs-services";
import { buildWorld } from "../../tools/access/world";
import { res } from "./world-fixture";

// AWS services acting on hand-written resources, including the inputs that make them not act. What
// each service does and with what context: AWS Config's iamrole-permissions page (GetBucketAcl, then
// PutObject under <prefix>/AWSLogs/<account>/Config/<region>/ with bucket-owner-full-control); the
// ALB access-log page (the region's ELB account before August 2022, the log delivery service after;
// us-east-1's account 127311923021); VPC flow logs' role page (CloudWatch Logs destinations only);
// CloudWatch alarm actions (SNS, with the topic's customer key); RDS enhanced monitoring; CloudWatch
// Logs encryption; Lambda logging and SQS event sources; EventBridge targets (eb-use-resource-based).
const ACC = "123456789012";
const role = (n: string) => `arn:aws:iam::${ACC}:role/${n}`;
const rows = (needs: Need[]) =>
  needs.map((n) => {
    const who = "role" in n.asker ? n.asker.role : "service" in n.asker ? n.asker.service : JSON.stringify(n.asker);
    return [n.requirement, who, n.action, n.resource];
  });
// The plan's account is the one its inputs' ARNs name: this resource names it and makes no service act.
const ANCHOR = res("aws:s3/bucket:Bucket", "anchor", { tags: { owner: `arn:aws:iam::${ACC}:root` } });
const world = (...resources: ReturnType<typeof res>[]) => buildWorld([ANCHOR, ...resources]);
const run = (...resources: ReturnType<typeof res>[]) => rows(serviceNeeds(world(...resources)));

describe("access model: services acting, and the inputs that make them not act", () => {
  it("AWS Config: the recorder of the same name and region delivers under the channel's prefix", () => {
    const ch = (inputs: Record<string, unknown>) =>
      res(
        "aws:cfg/deliveryChannel:DeliveryChannel",
        "ch",
        { name: "default", s3BucketName: "cfg", ...inputs },
        "eu-west-1",
      );
    const rec = (name: string, region = "eu-west-1") =>
      res("aws:cfg/recorder:Recorder", `rec-${name}-${region}`, { name, roleArn: role("config") }, region);
    assert.deepEqual(run(ch({ s3KeyPrefix: "p" }), rec("default")), [
      ["config-delivery", role("config"), "s3:GetBucketAcl", "arn:aws:s3:::cfg"],
      ["config-delivery", role("config"), "s3:PutObject", `arn:aws:s3:::cfg/p/AWSLogs/${ACC}/Config/eu-west-1/object`],
      ["config-assume-role", "config.amazonaws.com", "sts:AssumeRole", role("config")],
    ]);
    assert.equal(run(ch({}), rec("default"))[1][3], `arn:aws:s3:::cfg/AWSLogs/${ACC}/Config/eu-west-1/object`);
    assert.deepEqual(run(ch({}), rec("other")), []);
    assert.deepEqual(run(ch({}), rec("default", "us-east-1")), []);
    assert.deepEqual(run(ch({ s3BucketName: undefined }), rec("default")), []);
  });

  it("ALB access logs: the legacy ELB account or the delivery service, under the prefix; off or bucketless: none", () => {
    const lb = (accessLogs: unknown, region = "us-east-1") =>
      res("aws:lb/loadBalancer:LoadBalancer", `lb-${region}`, { accessLogs }, region);
    assert.deepEqual(run(lb({ enabled: true, bucket: "logs", prefix: "alb" })), [
      [
        "elb-access-logs",
        JSON.stringify({ external: "arn:aws:iam::127311923021:root", account: "127311923021" }),
        "s3:PutObject",
        `arn:aws:s3:::logs/alb/AWSLogs/${ACC}/elasticloadbalancing/us-east-1/log.gz`,
      ],
    ]);
    assert.deepEqual(run(lb({ enabled: true, bucket: "logs" }, "ap-southeast-4")), [
      [
        "elb-access-logs",
        "logdelivery.elasticloadbalancing.amazonaws.com",
        "s3:PutObject",
        `arn:aws:s3:::logs/AWSLogs/${ACC}/elasticloadbalancing/ap-southeast-4/log.gz`,
      ],
    ]);
    assert.deepEqual(serviceNeeds(world(...[lb({ enabled: true, bucket: "logs" })]))[0].context, {
      "aws:SourceAccount": `${ACC}`,
    });
    assert.deepEqual(run(lb({ enabled: false, bucket: "logs" })), []);
    assert.deepEqual(run(lb({ enabled: true })), []);
    assert.deepEqual(run(lb(undefined)), []);
  });

  it("flow logs to CloudWatch Logs only, with a role; alarms publish to SNS actions, with the topic's customer key", () => {
    const fl = (inputs: Record<string, unknown>) =>
      res("aws:ec2/flowLog:FlowLog", "fl", {
        iamRoleArn: role("fl"),
        logDestination: "arn:aws:logs:us-east-1:1:log-group:g",
        logDestinationType: "cloud-watch-logs",
        ...inputs,
      });
    assert.equal(run(fl({})).length, 5);
    assert.deepEqual(run(fl({ logDestinationType: "s3" })), []);
    assert.deepEqual(run(fl({ iamRoleArn: undefined })), []);
    assert.deepEqual(run(fl({ logDestination: undefined })), []);
    const topic = (name: string, kmsMasterKeyId?: string) => res("aws:sns/topic:Topic", name, { name, kmsMasterKeyId });
    const alarm = res("aws:cloudwatch/metricAlarm:MetricAlarm", "a", {
      name: "high-cpu",
      alarmActions: [
        `arn:aws:sns:us-east-1:${ACC}:cmk`,
        "arn:aws:automate:us-east-1:ec2:stop",
        `arn:aws:sns:us-east-1:${ACC}:cmk`,
      ],
      okActions: [`arn:aws:sns:us-east-1:${ACC}:managed`, `arn:aws:sns:us-east-1:${ACC}:plain`],
    });
    const needs = serviceNeeds(
      buildWorld([
        alarm,
        topic("cmk", "arn:aws:kms:us-east-1:1:key/k"),
        topic("managed", "alias/aws/sns"),
        topic("plain"),
      ]),
    );
    assert.deepEqual(
      rows(needs).map((r) => `${r[0]} ${r[2]} ${r[3].split(":").pop()}`),
      [
        "alarm-publish sns:Publish cmk",
        "alarm-topic-key kms:GenerateDataKey key/k",
        "alarm-topic-key kms:Decrypt key/k",
        "alarm-publish sns:Publish managed",
        "alarm-publish sns:Publish plain",
      ],
    );
    assert.deepEqual(needs[0].context, {
      "aws:SourceAccount": ACC,
      "aws:SourceArn": `arn:aws:cloudwatch:us-east-1:${ACC}:alarm:high-cpu`,
      "AWS:SourceOwner": ACC,
    });
    const unnamed = serviceNeeds(
      buildWorld([
        res("aws:cloudwatch/metricAlarm:MetricAlarm", "cpu-alarm", {
          alarmActions: [`arn:aws:sns:us-east-1:${ACC}:t`],
        }),
      ]),
    );
    assert.equal(unnamed[0].context?.["aws:SourceArn"], `arn:aws:cloudwatch:us-east-1:${ACC}:alarm:cpu-alarm`);
  });

  it("RDS monitoring only with an interval and a role; log groups only with a customer key", () => {
    const inst = (inputs: Record<string, unknown>) =>
      res("aws:rds/clusterInstance:ClusterInstance", "i", {
        monitoringRoleArn: role("mon"),
        monitoringInterval: 60,
        ...inputs,
      });
    assert.deepEqual(
      run(inst({})).map((r) => r[2]),
      ["logs:CreateLogStream", "logs:PutLogEvents", "sts:AssumeRole"],
    );
    assert.deepEqual(run(inst({ monitoringInterval: 0 })), []);
    assert.deepEqual(run(inst({ monitoringRoleArn: undefined })), []);
    const lg = (inputs: Record<string, unknown>) => res("aws:cloudwatch/logGroup:LogGroup", "lg", inputs, "eu-west-1");
    const keyed = serviceNeeds(world(...[lg({ name: "/app", kmsKeyId: "arn:aws:kms:eu-west-1:1:key/k" })]));
    assert.deepEqual(rows(keyed), [
      ["log-group-key", "logs.eu-west-1.amazonaws.com", "kms:GenerateDataKey", "arn:aws:kms:eu-west-1:1:key/k"],
      ["log-group-key", "logs.eu-west-1.amazonaws.com", "kms:Decrypt", "arn:aws:kms:eu-west-1:1:key/k"],
    ]);
    assert.equal(
      keyed[0].context?.["kms:EncryptionContext:aws:logs:arn"],
      `arn:aws:logs:eu-west-1:${ACC}:log-group:/app`,
    );
    assert.deepEqual(run(lg({ name: "/app" })), []);
  });

  it("Lambda: logs to its group (configured or /aws/lambda/<name>), polls SQS sources only, as its role", () => {
    const fn = (inputs: Record<string, unknown>) =>
      res("aws:lambda/function:Function", "fn", { role: role("fn"), name: "burst", ...inputs });
    assert.deepEqual(
      run(fn({})).map((r) => r[3]),
      [0, 1].map(() => `arn:aws:logs:us-east-1:${ACC}:log-group:/aws/lambda/burst:log-stream:2026/12/07/[$LATEST]0`),
    );
    assert.match(run(fn({ loggingConfig: { logGroup: "/custom" } }))[0][3], /:log-group:\/custom:log-stream:/);
    assert.deepEqual(run(fn({ role: undefined })), []);
    const esm = (eventSourceArn: string, functionName = "burst") =>
      res("aws:lambda/eventSourceMapping:EventSourceMapping", "esm", { eventSourceArn, functionName });
    const sqs = run(fn({}), esm(`arn:aws:sqs:us-east-1:${ACC}:jobs`)).filter((r) => r[0] === "lambda-sqs-source");
    assert.deepEqual(
      sqs.map((r) => r[2]),
      ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
    );
    assert.deepEqual(
      run(fn({}), esm("arn:aws:kinesis:us-east-1:1:stream/s")).filter((r) => r[0] === "lambda-sqs-source"),
      [],
    );
    assert.deepEqual(
      run(fn({}), esm(`arn:aws:sqs:us-east-1:${ACC}:jobs`, "other")).filter((r) => r[0] === "lambda-sqs-source"),
      [],
    );
  });

  it("EventBridge targets: SNS with the topic's customer key, SQS, nothing else", () => {
    const t = (arn: string) => res("aws:cloudwatch/eventTarget:EventTarget", `t-${arn}`, { rule: "r1", arn });
    const topic = (name: string, kmsMasterKeyId?: string) => res("aws:sns/topic:Topic", name, { name, kmsMasterKeyId });
    const sns = `arn:aws:sns:us-east-1:${ACC}:cmk`;
    const needs = serviceNeeds(
      buildWorld([
        t(sns),
        topic("cmk", "k1"),
        t(`arn:aws:sns:us-east-1:${ACC}:m`),
        topic("m", "alias/aws/sns"),
        t(`arn:aws:sqs:us-east-1:${ACC}:q`),
        t("arn:aws:lambda:us-east-1:1:function:f"),
      ]),
    );
    assert.deepEqual(
      rows(needs).map((r) => `${r[0]} ${r[2]} ${r[3]}`),
      [
        `eventbridge-to-sns sns:Publish ${sns}`,
        "eventbridge-to-sns kms:GenerateDataKey k1",
        "eventbridge-to-sns kms:Decrypt k1",
        `eventbridge-to-sns sns:Publish arn:aws:sns:us-east-1:${ACC}:m`,
        `eventbridge-to-sqs sqs:SendMessage arn:aws:sqs:us-east-1:${ACC}:q`,
      ],
    );
    for (const n of needs)
      assert.deepEqual(n.context, {
        "aws:SourceArn": `arn:aws:events:us-east-1:${ACC}:rule/r1`,
        "aws:SourceAccount": `${ACC}`,
      });
  });
});
