import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { ClusterHandle } from "../cluster/types";
import type { PlatformConfig } from "../config";
import type { Providers } from "../providers";
import { physicalName } from "../naming";
import { GlobalEdge } from "./global";
import { RegionalEdge } from "./regional";

export { GlobalEdge } from "./global";
export { RegionalEdge } from "./regional";

/** What the edge needs from a Region (structural, so it works before the cluster is wired). */
export interface EdgeRegion extends pulumi.Resource {
  readonly region: { name: string };
  readonly provider: aws.Provider;
  readonly physicalName: string;
  readonly vpc: { vpcId: pulumi.Input<string>; publicSubnetIds: pulumi.Input<string>[]; cidrBlock: string };
  readonly cluster?: ClusterHandle;
  readonly lbController?: { release?: pulumi.Resource };
}

export interface Edge {
  regional: Readonly<Record<string, RegionalEdge>>;
  global: GlobalEdge;
}

/**
 * Stage 4 of the Platform: the hosted zone lookup, one origin secret, a RegionalEdge per region
 * (parented under its Region) and the GlobalEdge once.
 */
export function createEdge(
  name: string,
  parent: pulumi.Resource,
  config: PlatformConfig,
  providers: Providers,
  regions: readonly EdgeRegion[],
  gatewayServices: Readonly<Record<string, pulumi.Resource>> = {},
): Edge {
  const { edge } = config;
  const zone = aws.route53.getZoneOutput(
    { name: edge.hostedZone, privateZone: false },
    { parent, provider: providers.edge },
  );
  // Rotating it (replace the resource) updates CloudFront and the listener rules in one `up`; in between, requests may get 403.
  const secret = new random.RandomPassword(`${name}-origin-verify`, { length: 48, special: false }, { parent });
  const regional: Record<string, RegionalEdge> = {};
  for (const r of regions) {
    regional[r.region.name] = new RegionalEdge(
      `${r.region.name}-edge`,
      {
        edge,
        region: r.region.name,
        physicalName: r.physicalName,
        gateway: { listenPort: config.gateway.listenPort, healthPath: config.gateway.healthPath },
        vpc: r.vpc,
        provider: r.provider,
        zoneId: zone.zoneId,
        originVerifySecret: secret.result,
        cluster: r.cluster,
        lbControllerRelease: r.lbController?.release,
        gatewayService: gatewayServices[r.region.name],
      },
      { parent: r, provider: r.provider },
    );
  }
  const global = new GlobalEdge(
    `${name}-edge`,
    {
      edge,
      physicalName: physicalName([config.name, config.stack]),
      primaryRegion: config.primaryRegion,
      provider: providers.edge,
      zoneId: zone.zoneId,
      originVerifySecret: secret.result,
      origins: regions.map((r) => ({
        region: r.region.name,
        names: regional[r.region.name].names,
        albDnsName: regional[r.region.name].albDnsName,
        albZoneId: regional[r.region.name].albZoneId,
      })),
    },
    { parent, provider: providers.edge },
  );
  return { regional, global };
}

/** Stack outputs: the CloudFront name and each region's ALB. */
export function edgeOutputs(e: Edge | undefined): Record<string, unknown> | undefined {
  if (!e) return undefined;
  return {
    cloudfrontDomainName: e.global.distributionDomainName,
    albDnsNames: Object.fromEntries(Object.entries(e.regional).map(([r, x]) => [r, x.albDnsName])),
  };
}
