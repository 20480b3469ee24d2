import type * as pulumi from "@pulumi/pulumi";

/**
 * CloudWatch alarms on the regional ALB that the edge area does not create itself: the 5xx
 * rate (ALB- and target-generated 5xx over all requests) and the p95 target response time,
 * with the same thresholds as the in-cluster alerts (`platform:observability.thresholds`).
 * They see what Prometheus cannot: requests the ALB answered without reaching a pod.
 * Returned as plain alarm arguments; the component binds them to the SNS topic and provider.
 */

export interface AlbAlarmInput {
  /** Physical name prefix, e.g. `platform-prod-use1`. */
  physicalName: string;
  /** `aws.lb.LoadBalancer.arnSuffix` (the CloudWatch `LoadBalancer` dimension). */
  loadBalancerArnSuffix: pulumi.Input<string>;
  /** 5xx responses as % of requests; alarm above. */
  errorRatePercent: number;
  /** p95 target response time, milliseconds; alarm above. */
  latencyP95Ms: number;
}

/** Consecutive one-minute periods that must breach, so a single bad minute does not page. */
export const ALARM_MINUTES = 5;

export interface AlarmSpec {
  /** Pulumi child name suffix, stable: `${name}-alarm-<role>`. */
  role: string;
  args: Record<string, unknown>;
}

export function albAlarmSpecs(input: AlbAlarmInput): AlarmSpec[] {
  if (!(input.errorRatePercent > 0 && input.errorRatePercent <= 100))
    throw new Error(`errorRatePercent: got ${input.errorRatePercent}; expected a percentage in (0, 100]`);
  if (!(input.latencyP95Ms > 0))
    throw new Error(`latencyP95Ms: got ${input.latencyP95Ms}; expected a positive number of milliseconds`);
  const dimensions = { LoadBalancer: input.loadBalancerArnSuffix };
  const metric = (id: string, metricName: string) => ({
    id,
    returnData: false,
    metric: { namespace: "AWS/ApplicationELB", metricName, dimensions, period: 60, stat: "Sum" },
  });
  const common = {
    evaluationPeriods: ALARM_MINUTES,
    datapointsToAlarm: ALARM_MINUTES,
    comparisonOperator: "GreaterThanThreshold",
    // No traffic is not an outage; Route53 health checks cover a dead origin.
    treatMissingData: "notBreaching",
  };
  return [
    {
      role: "alb-5xx-rate",
      args: {
        ...common,
        name: `${input.physicalName}-alb-5xx-rate`,
        alarmDescription: `ALB 5xx responses above ${input.errorRatePercent}% of requests for ${ALARM_MINUTES} minutes (alert HighErrorRate's AWS-side twin)`,
        threshold: input.errorRatePercent,
        metricQueries: [
          metric("elb5xx", "HTTPCode_ELB_5XX_Count"),
          metric("target5xx", "HTTPCode_Target_5XX_Count"),
          metric("requests", "RequestCount"),
          {
            id: "rate",
            label: "5xx %",
            returnData: true,
            expression: "100 * (FILL(elb5xx, 0) + FILL(target5xx, 0)) / requests",
          },
        ],
      },
    },
    {
      role: "alb-latency-p95",
      args: {
        ...common,
        name: `${input.physicalName}-alb-latency-p95`,
        alarmDescription: `ALB target response time p95 above ${input.latencyP95Ms} ms for ${ALARM_MINUTES} minutes (alert HighRequestLatencyP95's AWS-side twin)`,
        namespace: "AWS/ApplicationELB",
        metricName: "TargetResponseTime",
        dimensions,
        period: 60,
        extendedStatistic: "p95",
        // CloudWatch reports seconds.
        threshold: input.latencyP95Ms / 1000,
      },
    },
  ];
}

/**
 * Key policy for the alarm topic's KMS key: the account administers it (IAM policies decide
 * who may use it, e.g. Alertmanager's Pod Identity role), and CloudWatch may encrypt the
 * alarm notifications it publishes to the topic.
 */
export function alarmKeyPolicy(partition: string, accountId: string): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "CloudWatchAlarmsPublish",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  };
}
