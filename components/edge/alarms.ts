/**
 * Edge alarms as plain CloudWatch MetricAlarm arguments: the regional ALB's and the Route53
 * health checks'. The components bind them to the region's alarm topic and provider.
 */
export interface EdgeAlarmSpec {
  role: string;
  args: Record<string, unknown>;
}

/** What the regional ALB's alarms need; thresholds come from config (observability and edge). */
export interface AlbAlarmInput<T> {
  /** Physical name prefix, e.g. `platform-prod-use1`. */
  physicalName: string;
  /** `aws.lb.LoadBalancer.arnSuffix` (the CloudWatch `LoadBalancer` dimension). */
  loadBalancerArnSuffix: T;
  /** 5xx responses as % of requests; alarm above (`platform:observability.thresholds.errorRatePercent`). */
  errorRatePercent: number;
  /** p95 target response time, milliseconds; alarm above (`...thresholds.latencyP95Ms`). */
  latencyP95Ms: number;
  /** ALB-generated 5xx per minute; alarm above. Default 10. */
  elb5xxPerMinute?: number;
  /** Average target response time, seconds; alarm above. Default 1. */
  targetResponseSeconds?: number;
}

/** Consecutive one-minute periods that must breach for the rate/p95 alarms, so one bad minute does not page. */
export const ALARM_MINUTES = 5;

/**
 * Every CloudWatch alarm on a regional ALB, in one place: the ALB answering 5xx itself (no healthy
 * target, gateway unreachable), slow targets on average, and the AWS-side twins of the in-cluster
 * alerts HighErrorRate (5xx share of requests) and HighRequestLatencyP95. They see what
 * Prometheus cannot: requests the ALB answered without reaching a pod.
 */
export function albAlarms<T>(input: AlbAlarmInput<T>): EdgeAlarmSpec[] {
  if (!(input.errorRatePercent > 0 && input.errorRatePercent <= 100))
    throw new Error(`errorRatePercent: got ${input.errorRatePercent}; expected a percentage in (0, 100]`);
  if (!(input.latencyP95Ms > 0))
    throw new Error(`latencyP95Ms: got ${input.latencyP95Ms}; expected a positive number of milliseconds`);
  const { physicalName } = input;
  const elb5xx = input.elb5xxPerMinute ?? 10;
  const slow = input.targetResponseSeconds ?? 1;
  const dimensions = { LoadBalancer: input.loadBalancerArnSuffix };
  const common = {
    namespace: "AWS/ApplicationELB",
    dimensions,
    period: 60,
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
  };
  const metric = (id: string, metricName: string) => ({
    id,
    returnData: false,
    metric: { namespace: "AWS/ApplicationELB", metricName, dimensions, period: 60, stat: "Sum" },
  });
  const sustained = {
    evaluationPeriods: ALARM_MINUTES,
    datapointsToAlarm: ALARM_MINUTES,
    comparisonOperator: "GreaterThanThreshold",
    // No traffic is not an outage; Route53 health checks cover a dead origin.
    treatMissingData: "notBreaching",
  };
  return [
    {
      role: "elb-5xx",
      args: {
        ...common,
        name: `${physicalName}-alb-elb-5xx`,
        metricName: "HTTPCode_ELB_5XX_Count",
        statistic: "Sum",
        threshold: elb5xx,
        alarmDescription: `The ALB itself answered more than ${elb5xx} 5xx per minute in 3 of 5 minutes: no healthy gateway target or the gateway is unreachable`,
      },
    },
    {
      role: "target-response-time",
      args: {
        ...common,
        name: `${physicalName}-alb-target-response-time`,
        metricName: "TargetResponseTime",
        statistic: "Average",
        threshold: slow,
        alarmDescription: `Average gateway response time above ${slow} s in 3 of 5 minutes`,
      },
    },
    {
      role: "alb-5xx-rate",
      args: {
        ...sustained,
        name: `${physicalName}-alb-5xx-rate`,
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
        ...sustained,
        name: `${physicalName}-alb-latency-p95`,
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

/** Route53 publishes HealthCheckStatus (1 healthy, 0 unhealthy) only in us-east-1. */
export function healthCheckAlarm<T>(name: string, healthCheckId: T, fqdn: string): EdgeAlarmSpec {
  return {
    role: "health",
    args: {
      name,
      namespace: "AWS/Route53",
      metricName: "HealthCheckStatus",
      dimensions: { HealthCheckId: healthCheckId },
      statistic: "Minimum",
      period: 60,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: "LessThanThreshold",
      treatMissingData: "breaching",
      alarmDescription: `Route53 health check of ${fqdn} is failing: the origin record no longer routes there`,
    },
  };
}
