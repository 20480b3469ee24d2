import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** A CloudWatch alarm on one AWS metric, as plain data (planned and tested without the engine). */
export interface MetricAlarmSpec {
  /** Stable role in the Pulumi name (`${prefix}-alarm-<role>`): never derived from data that can change. */
  readonly role: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: "Average" | "Maximum" | "Minimum" | "Sum";
  readonly comparisonOperator: "GreaterThanThreshold" | "LessThanThreshold" | "GreaterThanOrEqualToThreshold";
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly description: string;
}

/**
 * One aws.cloudwatch.MetricAlarm per spec, alarming and recovering to the region's alarm topic.
 * Missing data does not breach: an idle table, queue or function emits nothing.
 */
export function createMetricAlarms(
  prefix: string,
  specs: readonly MetricAlarmSpec[],
  alarmTopicArn: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): aws.cloudwatch.MetricAlarm[] {
  return specs.map(
    (s) =>
      new aws.cloudwatch.MetricAlarm(
        `${prefix}-alarm-${s.role}`,
        {
          alarmDescription: s.description,
          namespace: s.namespace,
          metricName: s.metricName,
          dimensions: { ...s.dimensions },
          statistic: s.statistic,
          comparisonOperator: s.comparisonOperator,
          threshold: s.threshold,
          period: s.periodSeconds,
          evaluationPeriods: s.evaluationPeriods,
          treatMissingData: "notBreaching",
          alarmActions: [alarmTopicArn],
          okActions: [alarmTopicArn],
        },
        opts,
      ),
  );
}
