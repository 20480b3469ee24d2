/**
 * Edge alarms as plain CloudWatch MetricAlarm arguments. Observability adds rate/p95 alarms on
 * top; these are the edge's own: the ALB answering 5xx itself (no healthy target, gateway
 * unreachable) and slow targets, and a Route53 health check going red.
 */
export interface EdgeAlarmSpec {
  role: string;
  args: Record<string, unknown>;
}

export function albAlarms<T>(
  physicalName: string,
  loadBalancerArnSuffix: T,
  opts: { elb5xxPerMinute?: number; targetResponseSeconds?: number } = {},
): EdgeAlarmSpec[] {
  const elb5xx = opts.elb5xxPerMinute ?? 10;
  const slow = opts.targetResponseSeconds ?? 1;
  const common = {
    namespace: "AWS/ApplicationELB",
    dimensions: { LoadBalancer: loadBalancerArnSuffix },
    period: 60,
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    comparisonOperator: "GreaterThanThreshold",
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
