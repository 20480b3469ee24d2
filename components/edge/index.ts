import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { GLOBAL_EDGE_REGION, type PlatformConfig } from "../config";
import type { Providers } from "../providers";
import { physicalName } from "../naming";
import { createAlarmTopic } from "../observability/alarm-topic";
import type { RegionContext } from "../region-context";
import { GlobalEdge } from "./global";
import { RegionalEdge } from "./regional";
import { sharedValidationRecord, type SharedValidation } from "./certificate";
import { originNames } from "./names";
import { drillPlan } from "../failover/drill";

export { GlobalEdge } from "./global";
export { RegionalEdge } from "./regional";

/** One region as the edge sees it: the region's context plus what its TargetGroupBinding waits for. */
export interface EdgeRegion {
  readonly context: RegionContext;
  /**
   * The gateway Service (workloads): the binding targets it. Omitted: no binding here; the
   * region's apps stage binds the gateway once it exists (components/region/gateway-binding.ts).
   */
  readonly gatewayService?: pulumi.Resource;
  /** The AWS Load Balancer Controller release: installs the TargetGroupBinding CRD. */
  readonly lbControllerRelease?: pulumi.Resource;
}

export interface EdgeArgs {
  /**
   * Validated stack config: `edge` (domain, zone, WAF, CloudFront), `gateway` (the port and health
   * path the ALB targets), `observability` (alarm thresholds and emails), `name`/`stack` (physical
   * names), `environment` (protection), `primaryRegion` (failover routing).
   */
  config: Pick<
    PlatformConfig,
    "edge" | "gateway" | "observability" | "name" | "stack" | "environment" | "primaryRegion" | "failover"
  >;
  providers: Providers;
  /** Every region, in config order. */
  regions: readonly EdgeRegion[];
}

export interface Edge {
  regional: Readonly<Record<string, RegionalEdge>>;
  global: GlobalEdge;
}

/**
 * The global tier's edge: the hosted zone lookup, one origin secret, a RegionalEdge per region
 * (parented under its Region) and the GlobalEdge once. The health-check alarms use the
 * us-east-1 region's alarm topic, or an edge topic in us-east-1 when the stack has no such region.
 */
export function createEdge(name: string, args: EdgeArgs, parent: pulumi.Resource): Edge {
  const { config, providers, regions } = args;
  const { edge } = config;
  const zone = aws.route53.getZoneOutput(
    { name: edge.hostedZone, privateZone: false },
    { parent, provider: providers.edge },
  );
  // Rotating it (replace the resource) updates CloudFront and the listener rules in one `up`; in between, requests may get 403.
  const secret = new random.RandomPassword(`${name}-origin-verify`, { length: 48, special: false }, { parent });
  const originValidation = originValidationRecord(name, args, zone.zoneId, parent);
  const regional: Record<string, RegionalEdge> = {};
  for (const { context, gatewayService, lbControllerRelease } of regions) {
    regional[context.name] = new RegionalEdge(
      `${context.name}-edge`,
      {
        edge,
        region: context,
        gateway: { listenPort: config.gateway.listenPort, healthPath: config.gateway.healthPath },
        zoneId: zone.zoneId,
        originVerifySecret: secret.result,
        lbControllerRelease,
        gatewayService,
        sharedValidation: [originValidation],
        thresholds: config.observability.thresholds,
      },
      { parent: context.parent, provider: context.provider },
    );
  }
  const globalName = physicalName([config.name, config.stack]);
  const home = regions.find((r) => r.context.name === GLOBAL_EDGE_REGION)?.context.alarmTopic;
  const topic =
    home ??
    createAlarmTopic(
      `${name}-edge`,
      { physicalName: globalName, emails: config.observability.alarmEmails, protect: config.environment === "prod" },
      { parent, provider: providers.edge },
    );
  const global = new GlobalEdge(
    `${name}-edge`,
    {
      edge,
      physicalName: globalName,
      primaryRegion: config.primaryRegion,
      provider: providers.edge,
      zoneId: zone.zoneId,
      originVerifySecret: secret.result,
      alarmTopicArn: topic.arn,
      drill: drillPlan(
        config.failover.drill,
        regions.map((r) => r.context.name),
        config.primaryRegion,
        globalName,
      ),
      origins: regions.map(({ context: { name: region } }) => ({
        region,
        names: regional[region].names,
        albDnsName: regional[region].albDnsName,
        albZoneId: regional[region].albZoneId,
      })),
    },
    { parent, provider: providers.edge },
  );
  return { regional, global };
}

/**
 * The one validation record of the origin name every regional certificate covers, owned by the edge
 * (not by a region, whose removal would delete it). In a stack with a GLOBAL_EDGE_REGION region it
 * takes over that region's former record (same provider), so the record is updated, not recreated.
 */
function originValidationRecord(
  name: string,
  args: EdgeArgs,
  zoneId: pulumi.Input<string>,
  parent: pulumi.Resource,
): SharedValidation {
  const { edge } = args.config;
  const home = args.regions.find((r) => r.context.name === GLOBAL_EDGE_REGION)?.context;
  const adopt = home && {
    name: `${home.name}-edge-cert-validation-1`,
    parent: pulumi.createUrn(`${home.name}-edge`, "platform:edge:RegionalEdge", home.parent),
  };
  return sharedValidationRecord(
    `${name}-origin-cert`,
    { domain: originNames(edge.domain, edge.originLabel, args.regions[0].context.name).shared, zoneId, adopt },
    { parent, provider: args.providers.edge },
  );
}

/** Stack outputs: the CloudFront name and each region's ALB. */
export function edgeOutputs(e: Edge | undefined): Record<string, unknown> | undefined {
  if (!e) return undefined;
  return {
    cloudfrontDomainName: e.global.distributionDomainName,
    albDnsNames: Object.fromEntries(Object.entries(e.regional).map(([r, x]) => [r, x.albDnsName])),
  };
}
