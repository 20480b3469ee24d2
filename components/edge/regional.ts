import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { EdgeConfig, ObservabilityConfig } from "../config";
import type { RegionContext } from "../region-context";
import { nameTags } from "../tags";
import { albAlarms } from "./alarms";
import { ALB_LOG_PREFIX, albLogBucketPolicy } from "./bucket-policies";
import { validatedCertificate, type SharedValidation } from "./certificate";
import {
  fixedDenyAction,
  healthCheckConditions,
  httpRedirectAction,
  originVerifyConditions,
  RULE_PRIORITY,
  targetHealthCheck,
} from "./listeners";
import { elbLogDeliveryPrincipal, logBucket } from "./log-bucket";
import { albName, logBucketName, OriginNames, originNames, targetGroupName } from "./names";
import { targetGroupBindingManifest } from "./target-group-binding";

/** AWS-managed prefix lists (EC2 DescribeManagedPrefixLists names). */
export const CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST = "com.amazonaws.global.cloudfront.origin-facing";
export const route53HealthCheckPrefixList = (region: string) => `com.amazonaws.${region}.route53-healthchecks`;

export interface RegionalEdgeArgs {
  /** Validated `platform:edge` section. */
  edge: EdgeConfig;
  /**
   * The region: name, provider, network (ALB in the public subnets, egress only to the VPC range),
   * cluster (TargetGroupBinding), alarm topic, and the physical name prefix ALB/TG names derive
   * from (32-char limit).
   */
  region: Pick<RegionContext, "name" | "physicalName" | "provider" | "vpc" | "cluster" | "alarmTopic">;
  /** The gateway pods: container port the ALB targets (default 8080) and their health path. */
  gateway: { listenPort: number; healthPath: string };
  /** Route53 hosted zone of the domain (certificate validation, origin-<code> record). */
  zoneId: pulumi.Input<string>;
  /** Secret value of X-Origin-Verify that CloudFront sends (one for the whole stack). */
  originVerifySecret: pulumi.Input<string>;
  /** Helm release of the AWS Load Balancer Controller (installs the TargetGroupBinding CRD). */
  lbControllerRelease?: pulumi.Resource;
  /**
   * The gateway Service (workloads); the TargetGroupBinding waits for it (and so for its
   * namespace). Without it no binding is created (the target group stays empty).
   */
  gatewayService?: pulumi.Resource;
  /** Validation records of names other certificates share (the origin name), each with one owner. */
  sharedValidation?: readonly SharedValidation[];
  /** Error-rate and p95 thresholds of the ALB alarms (`platform:observability.thresholds`). */
  thresholds: Pick<ObservabilityConfig["thresholds"], "errorRatePercent" | "latencyP95Ms">;
}

/**
 * One region's origin: an internet-facing ALB that only CloudFront can reach (origin-facing
 * prefix list + secret header) and only over HTTPS, forwarding to the gateway pods through an
 * IP target group the AWS Load Balancer Controller fills (TargetGroupBinding).
 */
export class RegionalEdge extends pulumi.ComponentResource {
  public readonly names: OriginNames;
  public readonly loadBalancer: aws.lb.LoadBalancer;
  public readonly albDnsName: pulumi.Output<string>;
  public readonly albZoneId: pulumi.Output<string>;
  public readonly albArnSuffix: pulumi.Output<string>;
  public readonly targetGroupArn: pulumi.Output<string>;
  public readonly securityGroupId: pulumi.Output<string>;
  public readonly targetGroupBinding?: k8s.apiextensions.CustomResource;

  constructor(name: string, args: RegionalEdgeArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:edge:RegionalEdge", name, {}, opts);
    const { edge, region } = args;
    const { provider, physicalName, vpc } = region;
    const child = { parent: this, provider };
    this.names = originNames(edge.domain, edge.originLabel, region.name);

    const { validation } = validatedCertificate(
      `${name}-cert`,
      { domains: [this.names.regional, this.names.shared], zoneId: args.zoneId, shared: args.sharedValidation },
      child,
    );

    const accountId = aws.getCallerIdentityOutput({}, child).accountId;
    const logs = logBucket(
      `${name}-alb-logs`,
      {
        bucketName: accountId.apply((a) => logBucketName(physicalName, "alb-logs", a)),
        expirationDays: edge.alb.accessLogRetentionDays,
        policy: (arn) =>
          pulumi
            .all([arn, accountId, elbLogDeliveryPrincipal(region.name, child)])
            .apply(([a, id, principal]) =>
              albLogBucketPolicy({ bucketArn: a, accountId: id, prefix: ALB_LOG_PREFIX, principal }),
            ),
      },
      child,
    );

    const cloudfront = aws.ec2.getManagedPrefixListOutput({ name: CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST }, child);
    const healthCheckers = aws.ec2.getManagedPrefixListOutput(
      { name: route53HealthCheckPrefixList(region.name) },
      child,
    );
    const albTags = nameTags(`${physicalName}-alb`, { "platform.io/role": "alb" });
    const sg = new aws.ec2.SecurityGroup(
      `${name}-alb-sg`,
      {
        vpcId: vpc.vpcId,
        description: "ALB: HTTPS from CloudFront only; to the gateway pods",
        ingress: [
          {
            description: "HTTPS from CloudFront origin-facing servers",
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            prefixListIds: [cloudfront.id],
          },
        ],
        egress: [
          {
            description: "To the gateway pods (IP targets) in this VPC",
            protocol: "tcp",
            fromPort: args.gateway.listenPort,
            toPort: args.gateway.listenPort,
            cidrBlocks: [vpc.cidrBlock],
          },
        ],
        tags: albTags,
      },
      child,
    );
    // A second group: the CloudFront list weighs ~55 rules against the 60-rule quota per group.
    const hcSg = new aws.ec2.SecurityGroup(
      `${name}-alb-healthcheck-sg`,
      {
        vpcId: vpc.vpcId,
        description: "ALB: HTTPS from Route53 health checkers (the listener admits them on the health path only)",
        ingress: [
          {
            description: "HTTPS from Route53 health checkers",
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            prefixListIds: [healthCheckers.id],
          },
        ],
        egress: [],
        tags: nameTags(`${physicalName}-alb-healthcheck`, { "platform.io/role": "alb" }),
      },
      child,
    );
    this.securityGroupId = sg.id;

    this.loadBalancer = new aws.lb.LoadBalancer(
      `${name}-alb`,
      {
        name: albName(physicalName),
        internal: false,
        loadBalancerType: "application",
        securityGroups: [sg.id, hcSg.id],
        subnets: vpc.publicSubnetIds,
        idleTimeout: edge.alb.idleTimeoutSeconds,
        enableHttp2: true,
        dropInvalidHeaderFields: true,
        enableDeletionProtection: edge.alb.deletionProtection,
        accessLogs: { bucket: logs.bucket.bucket, enabled: true, prefix: ALB_LOG_PREFIX },
        tags: albTags,
      },
      { ...child, dependsOn: logs.ready },
    );
    this.albDnsName = this.loadBalancer.dnsName;
    this.albZoneId = this.loadBalancer.zoneId;
    this.albArnSuffix = this.loadBalancer.arnSuffix;

    const tg = new aws.lb.TargetGroup(
      `${name}-gateway-tg`,
      {
        name: targetGroupName(physicalName),
        targetType: "ip",
        protocol: "HTTP",
        protocolVersion: "HTTP1",
        port: args.gateway.listenPort,
        vpcId: vpc.vpcId,
        deregistrationDelay: edge.alb.deregistrationDelaySeconds,
        healthCheck: targetHealthCheck({
          path: args.gateway.healthPath,
          healthy: edge.alb.healthyThreshold,
          unhealthy: edge.alb.unhealthyThreshold,
          timeout: edge.alb.healthCheckTimeoutSeconds,
          interval: edge.alb.healthCheckIntervalSeconds,
        }),
        tags: nameTags(`${physicalName}-gateway`),
      },
      child,
    );
    this.targetGroupArn = tg.arn;

    const https = new aws.lb.Listener(
      `${name}-https`,
      {
        loadBalancerArn: this.loadBalancer.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: edge.alb.sslPolicy,
        certificateArn: validation.certificateArn,
        defaultActions: [fixedDenyAction()],
        tags: nameTags(`${physicalName}-https`),
      },
      child,
    );
    new aws.lb.ListenerRule(
      `${name}-origin-verify`,
      {
        listenerArn: https.arn,
        priority: RULE_PRIORITY.originVerify,
        conditions: originVerifyConditions(pulumi.secret(args.originVerifySecret)),
        actions: [{ type: "forward", targetGroupArn: tg.arn }],
        tags: nameTags(`${physicalName}-origin-verify`),
      },
      child,
    );
    new aws.lb.ListenerRule(
      `${name}-health-check`,
      {
        listenerArn: https.arn,
        priority: RULE_PRIORITY.healthCheck,
        conditions: healthCheckConditions(edge.healthCheck.path),
        actions: [{ type: "forward", targetGroupArn: tg.arn }],
        tags: nameTags(`${physicalName}-health-check`),
      },
      child,
    );
    // Never reachable through the security group (CloudFront talks HTTPS only); kept so a stray
    // plain-HTTP client gets a redirect rather than a hang if the group is ever widened.
    new aws.lb.Listener(
      `${name}-http`,
      {
        loadBalancerArn: this.loadBalancer.arn,
        port: 80,
        protocol: "HTTP",
        defaultActions: [httpRedirectAction()],
        tags: nameTags(`${physicalName}-http`),
      },
      child,
    );

    new aws.route53.Record(
      `${name}-origin-record`,
      {
        zoneId: args.zoneId,
        name: this.names.regional,
        type: "A",
        aliases: [{ name: this.loadBalancer.dnsName, zoneId: this.loadBalancer.zoneId, evaluateTargetHealth: true }],
      },
      child,
    );

    const alarms = albAlarms({
      physicalName,
      loadBalancerArnSuffix: this.loadBalancer.arnSuffix,
      errorRatePercent: args.thresholds.errorRatePercent,
      latencyP95Ms: args.thresholds.latencyP95Ms,
    });
    for (const spec of alarms) {
      const actions = [region.alarmTopic.arn];
      new aws.cloudwatch.MetricAlarm(
        `${name}-alarm-${spec.role}`,
        { ...(spec.args as aws.cloudwatch.MetricAlarmArgs), alarmActions: actions, okActions: actions },
        child,
      );
    }

    if (args.gatewayService) {
      const deps = [
        ...(args.lbControllerRelease ? [args.lbControllerRelease] : []),
        args.gatewayService,
        ...region.cluster.workloadDependencies,
      ];
      this.targetGroupBinding = new k8s.apiextensions.CustomResource(
        `${name}-gateway-tgb`,
        targetGroupBindingManifest({
          targetGroupArn: tg.arn,
          albSecurityGroupId: sg.id,
          targetPort: args.gateway.listenPort,
        }),
        {
          parent: this,
          provider: region.cluster.k8sProvider,
          dependsOn: deps,
        },
      );
    }

    this.registerOutputs({ albDnsName: this.albDnsName, targetGroupArn: this.targetGroupArn });
  }
}
