/**
 * The region drill: an opt-in experiment (platform:failover.drill.enabled, off by default) that takes
 * one region out of the public origin set by inverting its Route53 health check (Route53 then
 * answers only the other regions, exactly as when the region is lost), and states its hypothesis
 * the way the cluster experiments do (components/chaos/types.ts): "steady-state", with the alarms
 * that must stay silent while it runs: every other region's origin health and CloudFront's 5xx
 * rate at the SLO's error objective. The ALB and the cluster of the drained region keep running, so
 * ending the drill is turning the key off and one `pulumi up` (docs/runbook-region-failover.md).
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { HYPOTHESIS_ANNOTATION, STEADY_STATE_ANNOTATION } from "../chaos/types";
import { nameTags } from "../tags";
import type { FailoverPlan } from "./config";

export interface DrillPlan {
  /** The region taken out of service. */
  readonly region: string;
  /** The regions that must keep serving. */
  readonly serving: readonly string[];
  /** Alarm names that must stay OK while the drill runs (the steady-state hypothesis). */
  readonly steadyState: readonly string[];
}

/** Seed 003's error objective: under 0.1 % of requests fail. */
export const SLO_ERROR_PERCENT = 0.1;

/** The CloudFront 5xx alarm the drill adds (CloudFront metrics live in us-east-1, Region=Global). */
export const drillErrorAlarmName = (physicalName: string) => `${physicalName}-drill-cdn-5xx`;

/** The origin-health alarm GlobalEdge creates per region (components/edge/global.ts). */
export const originHealthAlarmName = (physicalName: string, region: string) =>
  `${physicalName}-${region}-origin-health`;

/**
 * Which region the drill drains (the configured one, else the last region that is not the primary,
 * so the writer is never the default target) and what must hold meanwhile. undefined: no drill.
 */
export function drillPlan(
  drill: FailoverPlan["drill"],
  regions: readonly string[],
  primaryRegion: string,
  physicalName: string,
): DrillPlan | undefined {
  if (!drill.enabled || regions.length < 2) return undefined;
  const region = drill.region ?? [...regions].reverse().find((r) => r !== primaryRegion) ?? regions[0];
  const serving = regions.filter((r) => r !== region);
  return {
    region,
    serving,
    steadyState: [...serving.map((r) => originHealthAlarmName(physicalName, r)), drillErrorAlarmName(physicalName)],
  };
}

/** The drill's tags: the same hypothesis annotations the cluster experiments carry. */
export function drillTags(plan: DrillPlan): Record<string, string> {
  return {
    "platform.io/experiment": "region-drill",
    "platform.io/drained-region": plan.region,
    [HYPOTHESIS_ANNOTATION]: "steady-state",
    [STEADY_STATE_ANNOTATION]: plan.steadyState.join(","),
  };
}

/**
 * CloudFront's 5xx rate above the SLO's error objective (percent) for 3 one-minute periods: the
 * other regions did not absorb the drained one. Pages through the edge's alarm topic.
 */
export function drillErrorAlarm(
  name: string,
  a: {
    plan: DrillPlan;
    physicalName: string;
    distributionId: pulumi.Input<string>;
    errorObjectivePercent: number;
    alarmTopicArn: pulumi.Input<string>;
  },
  opts: pulumi.CustomResourceOptions,
): aws.cloudwatch.MetricAlarm {
  const alarmName = drillErrorAlarmName(a.physicalName);
  return new aws.cloudwatch.MetricAlarm(
    name,
    {
      name: alarmName,
      alarmDescription:
        `Region drill (${a.plan.region} drained): CloudFront 5xx above ${a.errorObjectivePercent} % for 3 minutes; ` +
        "the other regions are not absorbing its traffic. docs/runbook-region-failover.md",
      namespace: "AWS/CloudFront",
      metricName: "5xxErrorRate",
      dimensions: { DistributionId: a.distributionId, Region: "Global" },
      statistic: "Average",
      comparisonOperator: "GreaterThanThreshold",
      threshold: a.errorObjectivePercent,
      period: 60,
      evaluationPeriods: 3,
      treatMissingData: "notBreaching",
      alarmActions: [a.alarmTopicArn],
      okActions: [a.alarmTopicArn],
      tags: nameTags(alarmName, drillTags(a.plan)),
    },
    opts,
  );
}
