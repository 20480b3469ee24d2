import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "./config";
import type { Providers } from "./providers";
import { Region } from "./region";
import { Workloads } from "./workloads/workloads";
import { connectionManifests } from "./data/connection";
import { NAMESPACES } from "./k8s-names";
import { createEdge, Edge } from "./edge";
import { DataTier, fromRegion } from "./data";
import { Observability } from "./observability/stack";
import { Chaos } from "./chaos/component";
import { PeeringMesh, peeringRegion } from "./network/peering";
import { physicalName } from "./naming";

export interface PlatformArgs {
  /** Validated, frozen stack configuration. */
  config: PlatformConfig;
  /** Explicit providers: one per region plus the us-east-1 edge provider. */
  providers: Providers;
}

/**
 * The whole platform. Stages run in dependency order:
 *   1. per region: network, cluster (+ Karpenter, add-ons)
 *   2. global data tier: Aurora Global Database, ElastiCache Global Datastore
 *   3. per region: workloads, gateway, autoscaling
 *   4. edge: regional ALBs, CloudFront + WAF, Route53
 *   5. per region: observability, chaos
 */
export class Platform extends pulumi.ComponentResource {
  public readonly regions: Readonly<Record<string, Region>>;
  /** Stage 3 per region: services, gateway, autoscaling, queue. */
  public readonly workloads: Readonly<Record<string, Workloads>>;
  /** Stage 4: regional ALBs, CloudFront + WAF, Route53 (undefined when edge.enabled is false). */
  public readonly edge?: Edge;
  /** Stage 2: Aurora Global Database + ElastiCache Global Datastore; `data.connectionInfo(region)` for workloads. */
  public readonly data: DataTier;
  /** Inter-region VPC peering (undefined with a single region). */
  public readonly peering?: PeeringMesh;

  constructor(name: string, args: PlatformArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:index:Platform", name, {}, opts);
    const { config, providers } = args;
    const regions: Record<string, Region> = {};
    for (const region of config.regions) {
      // The Pulumi name is the region name: stable, and unique within the stack.
      regions[region.name] = new Region(
        region.name,
        { config, region, provider: providers.regional[region.name] },
        { parent: this },
      );
    }
    this.regions = regions;
    // Private links between the regions' VPCs: a full VPC peering mesh (README: private connectivity).
    if (config.regions.length > 1)
      this.peering = new PeeringMesh(
        "peering",
        { namePrefix: physicalName([config.name, config.stack]), regions: Object.values(regions).map(peeringRegion) },
        { parent: this },
      );
    // 2. global data tier (after the clusters: its security groups admit their security groups)
    this.data = new DataTier(
      config,
      Object.fromEntries(Object.entries(regions).map(([n, r]) => [n, fromRegion(r)])),
      this,
    );
    // 3. per region: workloads, gateway, autoscaling
    const workloads: Record<string, Workloads> = {};
    for (const [regionName, r] of Object.entries(regions)) {
      // Endpoints read locally, writes go to the global writer; secrets by this region's replica ARN.
      const info = this.data.connectionInfo(regionName);
      const connection = {
        endpoints: info.apply((i) => connectionManifests(i, NAMESPACES.apps)[0].data as Record<string, string>),
        secretArns: [
          ...(config.database.enabled ? [info.secretArn] : []),
          ...(config.cache.enabled ? [info.cacheAuthSecretArn] : []),
        ],
      };
      workloads[regionName] = new Workloads(
        `${regionName}-workloads`,
        {
          config,
          region: regionName,
          physicalName: r.physicalName,
          cluster: r.appCluster,
          provider: r.provider,
          vpcCidr: r.region.vpcCidr,
          connection,
        },
        { parent: r },
      );
    }
    this.workloads = workloads;
    // 4. edge
    if (config.edge.enabled)
      this.edge = createEdge(
        name,
        this,
        config,
        providers,
        Object.values(regions),
        Object.fromEntries(Object.entries(workloads).map(([n, w]) => [n, w.gatewayService])),
      );
    // 5. per region: observability (after workloads: monitors target their Services), chaos (opt-in)
    for (const [regionName, r] of Object.entries(regions)) {
      const deps = [workloads[regionName]];
      const obs = config.observability.enabled
        ? new Observability(
            `${regionName}-observability`,
            {
              config,
              regionName,
              physicalName: r.physicalName,
              cluster: r.cluster,
              provider: r.provider,
              clusterName: r.clusterName,
              dependsOn: deps,
            },
            { parent: r },
          )
        : undefined;
      const alb = this.edge?.regional[regionName];
      if (obs && alb) obs.addLoadBalancerAlarms(alb.albArnSuffix);
      if (config.chaos.enabled)
        new Chaos(
          `${regionName}-chaos`,
          { config, cluster: r.appCluster, dependsOn: obs ? [...deps, obs.release] : deps },
          { parent: r },
        );
    }
    this.registerOutputs({});
  }

  /** Per-region summary exported as stack outputs. */
  public regionOutputs(): Record<string, pulumi.Input<Record<string, unknown>>> {
    const out: Record<string, pulumi.Input<Record<string, unknown>>> = {};
    for (const [name, r] of Object.entries(this.regions)) {
      out[name] = {
        vpcId: r.vpc.vpcId,
        vpcCidr: r.vpc.cidrBlock,
        clusterName: r.clusterName,
        clusterEndpoint: r.cluster.endpoint,
        privateSubnetIds: r.vpc.privateSubnetIds,
        queueUrl: this.workloads[name].queueUrl,
      };
    }
    return out;
  }
}
