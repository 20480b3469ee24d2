import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { HEALTH_CHECK_REGIONS } from "../config/sections/edge";
import { nameTags } from "../tags";
import { healthCheckAlarm } from "./alarms";
import type { GlobalEdgeArgs } from "./global";

/**
 * One HTTPS Route53 health check per regional origin (its own origin-<code> name) and the alarm
 * that pages when it fails. Interval and threshold come from `platform:edge.healthCheck`; the
 * failover view holds their product against the availability budget (docs/failover.md).
 */
export function originHealthChecks(
  name: string,
  args: Pick<GlobalEdgeArgs, "edge" | "physicalName" | "origins" | "alarmTopicArn" | "drill">,
  child: pulumi.CustomResourceOptions,
): Record<string, aws.route53.HealthCheck> {
  const { edge, physicalName } = args;
  const actions = [args.alarmTopicArn];
  const healthChecks: Record<string, aws.route53.HealthCheck> = {};
  for (const o of args.origins) {
    const hc = new aws.route53.HealthCheck(
      `${name}-hc-${o.region}`,
      {
        type: "HTTPS",
        fqdn: o.names.regional,
        port: 443,
        enableSni: true,
        resourcePath: edge.healthCheck.path,
        requestInterval: edge.healthCheck.intervalSeconds,
        failureThreshold: edge.healthCheck.failureThreshold,
        measureLatency: edge.healthCheck.measureLatency,
        regions: [...(edge.healthCheck.regions ?? HEALTH_CHECK_REGIONS)],
        // The drill reports its region unhealthy while the region keeps running.
        invertHealthcheck: args.drill?.region === o.region ? true : undefined,
        tags: nameTags(`${physicalName}-${o.region}-origin`),
      },
      child,
    );
    healthChecks[o.region] = hc;
    const alarm = healthCheckAlarm(`${physicalName}-${o.region}-origin-health`, hc.id, o.names.regional);
    new aws.cloudwatch.MetricAlarm(
      `${name}-hc-${o.region}-alarm`,
      { ...(alarm.args as aws.cloudwatch.MetricAlarmArgs), alarmActions: actions, okActions: actions },
      child,
    );
  }
  return healthChecks;
}
