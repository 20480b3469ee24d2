/**
 * AWS services acting on the program's resources: what each service does, as whom, and the
 * context it sends, derived from the planned resources that make it act. Each `requirement` id is
 * explained (with its AWS source) in requirements.ts.
 */
import type { PlanResource } from "../../policies/lib/offline";
import { ELB_LEGACY_LOG_ACCOUNTS } from "../../components/edge/bucket-policies";
import type { Need } from "./model";
import type { World } from "./world";
import { eventTargets } from "./needs-events";
import { lambdaLogs, lambdaSqs } from "./needs-lambda";

const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const regionOf = (r: PlanResource) => r.region ?? "us-east-1";

/** A service assuming the role it was given: decided by the role's trust policy. */
const assume = (requirement: string, service: string, roleArn: string, world: World, urn: string): Need => ({
  requirement,
  kind: "required",
  asker: { service },
  action: "sts:AssumeRole",
  resource: roleArn,
  context: { "aws:SourceAccount": world.account },
  urn,
});

function config(world: World): Need[] {
  const out: Need[] = [];
  for (const ch of world.ofType("aws:cfg/deliveryChannel:DeliveryChannel")) {
    const bucket = str(ch.inputs.s3BucketName);
    const recorder = world
      .ofType("aws:cfg/recorder:Recorder")
      .find((r) => r.region === ch.region && r.inputs.name === ch.inputs.name);
    const roleArn = str(recorder?.inputs.roleArn);
    if (!bucket || !roleArn) continue;
    const prefix = str(ch.inputs.s3KeyPrefix);
    const key = `${prefix ? `${prefix}/` : ""}AWSLogs/${world.account}/Config/${regionOf(ch)}/object`;
    const role = { role: roleArn };
    out.push(
      {
        requirement: "config-delivery",
        kind: "required",
        asker: role,
        action: "s3:GetBucketAcl",
        resource: `arn:aws:s3:::${bucket}`,
        urn: ch.urn,
      },
      {
        requirement: "config-delivery",
        kind: "required",
        asker: role,
        action: "s3:PutObject",
        resource: `arn:aws:s3:::${bucket}/${key}`,
        context: { "s3:x-amz-acl": "bucket-owner-full-control" },
        urn: ch.urn,
      },
      assume("config-assume-role", "config.amazonaws.com", roleArn, world, recorder!.urn),
    );
  }
  return out;
}

function elbLogs(world: World): Need[] {
  return world.ofType("aws:lb/loadBalancer:LoadBalancer").flatMap((lb): Need[] => {
    const logs = lb.inputs.accessLogs as { bucket?: string; prefix?: string; enabled?: boolean } | undefined;
    if (!logs?.enabled || !logs.bucket) return [];
    const region = regionOf(lb);
    const legacy = ELB_LEGACY_LOG_ACCOUNTS[region];
    const asker = legacy
      ? { external: `arn:aws:iam::${legacy}:root`, account: legacy }
      : { service: "logdelivery.elasticloadbalancing.amazonaws.com" };
    const key = `${logs.prefix ? `${logs.prefix}/` : ""}AWSLogs/${world.account}/elasticloadbalancing/${region}/log.gz`;
    return [
      {
        requirement: "elb-access-logs",
        kind: "required",
        asker,
        action: "s3:PutObject",
        resource: `arn:aws:s3:::${logs.bucket}/${key}`,
        context: { "aws:SourceAccount": world.account },
        urn: lb.urn,
      },
    ];
  });
}

function flowLogs(world: World): Need[] {
  return world.ofType("aws:ec2/flowLog:FlowLog").flatMap((f): Need[] => {
    const roleArn = str(f.inputs.iamRoleArn);
    const group = str(f.inputs.logDestination);
    if (!roleArn || !group || f.inputs.logDestinationType !== "cloud-watch-logs") return [];
    const stream = `${group}:log-stream:eni-0123456789abcdef0-all`;
    const role = { role: roleArn };
    // The flow logs role guide lists Describe* on the log groups and streams with the writes.
    const calls: [string, string][] = [
      ["logs:CreateLogStream", stream],
      ["logs:PutLogEvents", stream],
      ["logs:DescribeLogGroups", group],
      ["logs:DescribeLogStreams", group],
    ];
    return [
      ...calls.map(([action, resource]): Need => ({
        requirement: "flow-logs-delivery",
        kind: "required",
        asker: role,
        action,
        resource,
        urn: f.urn,
      })),
      assume("flow-logs-assume-role", "vpc-flow-logs.amazonaws.com", roleArn, world, f.urn),
    ];
  });
}

function alarms(world: World): Need[] {
  const topics = new Map(world.ofType("aws:sns/topic:Topic").map((t) => [String(world.out(t).arn), t]));
  return world.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").flatMap((a): Need[] => {
    const actions = [
      ...((a.inputs.alarmActions as string[] | undefined) ?? []),
      ...((a.inputs.okActions as string[] | undefined) ?? []),
    ].filter((x) => typeof x === "string" && x.startsWith("arn:aws:sns:"));
    const alarmArn = `arn:aws:cloudwatch:${regionOf(a)}:${world.account}:alarm:${a.inputs.name ?? a.name}`;
    const context = { "aws:SourceAccount": world.account, "aws:SourceArn": alarmArn, "AWS:SourceOwner": world.account };
    const asker = { service: "cloudwatch.amazonaws.com" };
    return [...new Set(actions)].flatMap((topic): Need[] => {
      const key = str(topics.get(topic)?.inputs.kmsMasterKeyId);
      const publish: Need = {
        requirement: "alarm-publish",
        kind: "required",
        asker,
        action: "sns:Publish",
        resource: topic,
        context,
        urn: a.urn,
      };
      if (!key || key.startsWith("alias/aws/")) return [publish];
      return [
        publish,
        ...["kms:GenerateDataKey", "kms:Decrypt"].map((action): Need => ({
          requirement: "alarm-topic-key",
          kind: "required",
          asker,
          action,
          resource: key,
          context,
          urn: a.urn,
        })),
      ];
    });
  });
}

function rdsMonitoring(world: World): Need[] {
  return world.ofType("aws:rds/clusterInstance:ClusterInstance").flatMap((i): Need[] => {
    const roleArn = str(i.inputs.monitoringRoleArn);
    if (!roleArn || !Number(i.inputs.monitoringInterval)) return [];
    const stream = `arn:aws:logs:${regionOf(i)}:${world.account}:log-group:RDSOSMetrics:log-stream:db-instance`;
    return [
      ...["logs:CreateLogStream", "logs:PutLogEvents"].map((action): Need => ({
        requirement: "rds-enhanced-monitoring",
        kind: "required",
        asker: { role: roleArn },
        action,
        resource: stream,
        urn: i.urn,
      })),
      assume("rds-monitoring-assume-role", "monitoring.rds.amazonaws.com", roleArn, world, i.urn),
    ];
  });
}

/** CloudWatch Logs writing to a log group encrypted with a customer key needs that key. */
function logGroupKeys(world: World): Need[] {
  return world.ofType("aws:cloudwatch/logGroup:LogGroup").flatMap((g): Need[] => {
    const key = str(g.inputs.kmsKeyId);
    if (!key) return [];
    const region = regionOf(g);
    const groupArn = `arn:aws:logs:${region}:${world.account}:log-group:${g.inputs.name ?? g.name}`;
    return ["kms:GenerateDataKey", "kms:Decrypt"].map((action) => ({
      requirement: "log-group-key",
      kind: "required",
      asker: { service: `logs.${region}.amazonaws.com` },
      action,
      resource: key,
      context: { "kms:EncryptionContext:aws:logs:arn": groupArn, "aws:SourceAccount": world.account },
      urn: g.urn,
    }));
  });
}

/**
 * The in-network CodeBuild runner: CodeBuild assumes its role, writes its logs, creates, describes
 * and deletes its ENIs in the project's subnets (the VPC permissions the guide lists) and reaches
 * GitHub through its connection, fetching its token
 * (https://docs.aws.amazon.com/codebuild/latest/userguide/auth-and-access-control-iam-identity-based-access-control.html,
 * https://docs.aws.amazon.com/codebuild/latest/userguide/connections-github-app.html, read 2026-12-07).
 */
const VPC_CALLS = [
  "ec2:CreateNetworkInterface",
  "ec2:DescribeDhcpOptions",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DeleteNetworkInterface",
  "ec2:DescribeSubnets",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeVpcs",
];

function codebuildRunner(world: World): Need[] {
  return world.ofType("aws:codebuild/project:Project").flatMap((p): Need[] => {
    const roleArn = str(p.inputs.serviceRole);
    if (!roleArn) return [];
    const region = regionOf(p);
    const role = { role: roleArn };
    const need = (action: string, resource: string, context = {}): Need => ({
      requirement: "codebuild-runner",
      kind: "required",
      asker: role,
      action,
      resource,
      context,
      urn: p.urn,
    });
    const logs = (p.inputs.logsConfig as { cloudwatchLogs?: { groupName?: string } } | undefined)?.cloudwatchLogs;
    const subnets = ((p.inputs.vpcConfig as { subnets?: string[] } | undefined)?.subnets ?? []).map(
      (id) => `arn:aws:ec2:${region}:${world.account}:subnet/${id}`,
    );
    const connection = str((p.inputs.source as { auth?: { resource?: string } } | undefined)?.auth?.resource);
    return [
      assume("codebuild-runner", "codebuild.amazonaws.com", roleArn, world, p.urn),
      ...(logs?.groupName
        ? ["logs:CreateLogStream", "logs:PutLogEvents"].map((action) =>
            need(action, `arn:aws:logs:${region}:${world.account}:log-group:${logs.groupName}:log-stream:build`),
          )
        : []),
      ...(subnets.length > 0 ? VPC_CALLS.map((action) => need(action, "*")) : []),
      ...subnets.map((subnet) =>
        need("ec2:CreateNetworkInterfacePermission", `arn:aws:ec2:${region}:${world.account}:network-interface/eni-0`, {
          "ec2:AuthorizedService": "codebuild.amazonaws.com",
          "ec2:Subnet": subnet,
        }),
      ),
      ...(connection
        ? ["codeconnections:UseConnection", "codeconnections:GetConnectionToken", "codeconnections:GetConnection"].map(
            (action) => need(action, connection),
          )
        : []),
    ];
  });
}

export function serviceNeeds(world: World): Need[] {
  return [
    ...codebuildRunner(world),
    ...lambdaSqs(world),
    ...lambdaLogs(world),
    ...config(world),
    ...elbLogs(world),
    ...flowLogs(world),
    ...alarms(world),
    ...eventTargets(world),
    ...rdsMonitoring(world),
    ...logGroupKeys(world),
  ];
}
