import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "./config";
import type { Providers } from "./providers";
import { Detection } from "./security/detection";
import { imageResolver } from "./security/image-digests";
import { Region } from "./region";
import { Workloads } from "./workloads/workloads";
import { connectionEnv } from "./data/connection";
import { createEdge, Edge } from "./edge";
import { DataTier } from "./data";
import { Observability } from "./observability/stack";
import { Chaos } from "./chaos/component";
import { LoadTests } from "./loadtest/component";
import { Mesh } from "./mesh";
import { PeeringMesh, peeringRegion } from "./network/peering";
import { physicalName } from "./naming";

export interface PlatformArgs {
  /** Validated, frozen stack configuration. */
  config: PlatformConfig;
  /** Explicit providers: one per region plus the us-east-1 edge provider. */
  providers: Providers;
}

/**
 * The whole platform. Stages, in the order the code builds them (Pulumi runs each resource as
 * soon as what it names in `dependsOn` or reads as an input exists, not stage by stage):
 *   1. per region: alarm topic, network, cluster (+ Karpenter, add-ons) -> one RegionContext
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
    const contexts = Object.fromEntries(Object.entries(regions).map(([n, r]) => [n, r.context]));
    // Private links between the regions' VPCs: a full VPC peering mesh (README: private connectivity).
    if (config.regions.length > 1)
      this.peering = new PeeringMesh(
        "peering",
        { namePrefix: physicalName([config.name, config.stack]), regions: Object.values(contexts).map(peeringRegion) },
        { parent: this },
      );
    // 2. global data tier (its security groups admit the clusters' security group)
    this.data = new DataTier(config, contexts, this);
    // 2b. per region: the Istio ambient mesh (after the cluster, before the workloads it enrols)
    const meshes: Record<string, Mesh> = {};
    if (config.mesh.enabled)
      for (const [regionName, region] of Object.entries(contexts))
        meshes[regionName] = new Mesh(`${regionName}-mesh`, { config, region }, { parent: region.parent });
    // 3. per region: workloads, gateway, autoscaling
    const workloads: Record<string, Workloads> = {};
    // Tags -> digests, once for every region (issue 19: prod pulls by digest).
    const images = imageResolver(config.security.images, {
      parent: this,
      provider: providers.regional[config.primaryRegion],
    });
    for (const [regionName, region] of Object.entries(contexts)) {
      // Endpoints read locally, writes go to the global writer. Role policies name only this
      // region's cache secret replica and the database users of the cluster the region connects
      // to; never the master secret (issue 19).
      const data = this.data;
      const connection = {
        endpoints: data.connectionInfo(regionName).apply(connectionEnv),
        cacheAuthSecretArn: data.secretArns(regionName).cacheAuth,
        databaseUserArn: data.database ? (user: string) => data.databaseUserArn(regionName, user)! : undefined,
      };
      workloads[regionName] = new Workloads(
        `${regionName}-workloads`,
        { config, region, connection, mesh: meshes[regionName], images },
        { parent: region.parent },
      );
    }
    this.workloads = workloads;
    // 4. edge
    if (config.edge.enabled)
      this.edge = createEdge(
        name,
        {
          config,
          providers,
          regions: Object.entries(regions).map(([n, r]) => ({
            context: r.context,
            gatewayService: workloads[n].gatewayService,
            lbControllerRelease: r.lbController.release,
          })),
        },
        this,
      );
    // 4b. detection services (GuardDuty, AWS Config, Security Hub), every region, primary first
    const sec = config.security;
    if (sec.guardDuty || sec.awsConfig || sec.securityHub)
      new Detection(
        "security",
        {
          plan: sec,
          prefix: `${config.name}-${config.stack}`,
          regions: [...config.regions]
            .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary))
            .map((r) => ({ name: r.name, provider: providers.regional[r.name] })),
        },
        { parent: this },
      );
    // 5. per region: observability, chaos (opt-in)
    for (const [regionName, region] of Object.entries(contexts)) {
      const obs = config.observability.enabled
        ? new Observability(
            `${regionName}-observability`,
            { config, region, scrapeKeda: workloads[regionName].facts.usesKeda },
            { parent: region.parent },
          )
        : undefined;
      // The apps namespace's mesh objects once it exists; monitors once the Prometheus CRDs are in.
      meshes[regionName]?.attachApps({ namespace: workloads[regionName].namespace, monitoringCrds: obs?.release });
      if (config.chaos.enabled || config.chaos.production.enabled)
        new Chaos(
          `${regionName}-chaos`,
          {
            config,
            region,
            dependsOn: [workloads[regionName].namespace, ...(obs ? [obs.release] : [])],
          },
          { parent: region.parent },
        );
      if (config.loadTests.enabled)
        new LoadTests(
          `${regionName}-loadtests`,
          { config, region, dependsOn: [workloads[regionName].namespace, ...(obs ? [obs.release] : [])] },
          { parent: region.parent },
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
