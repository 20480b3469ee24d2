import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig, RegionConfig } from "./config";
import { clusterName, physicalName, regionCode } from "./naming";
import { EksCluster } from "./cluster/eks";
import { Karpenter } from "./cluster/karpenter";
import { LoadBalancerController } from "./cluster/lb-controller";
import { Vpc } from "./network/vpc";
import { defaultTags } from "./tags";
import { createAlarmTopic } from "./observability/alarm-topic";
import type { RegionContext } from "./region-context";

export interface RegionArgs {
  config: PlatformConfig;
  region: RegionConfig;
  /** This region's aws.Provider; every AWS child uses it. */
  provider: aws.Provider;
}

/**
 * Everything that lives in one AWS region. It owns the network; the Platform
 * parents the region's other components here so `pulumi stack --show-urns`
 * reads per region.
 */
export class Region extends pulumi.ComponentResource {
  public readonly region: RegionConfig;
  public readonly provider: aws.Provider;
  /** Prefix for this region's physical names, e.g. `platform-prod-usw2`. */
  public readonly physicalName: string;
  public readonly clusterName: string;
  public readonly vpc: Vpc;
  /** The region's EKS cluster (ClusterHandle for Karpenter, workloads, observability, chaos). */
  public readonly cluster: EksCluster;
  /** Karpenter on this cluster: interruption queue, controller, EC2NodeClass, NodePools. */
  public readonly karpenter: Karpenter;
  /** AWS Load Balancer Controller; the edge's TargetGroupBinding depends on `lbController.release`. */
  public readonly lbController: LoadBalancerController;
  /** The one handle later stages (data, workloads, edge, observability, chaos) take. */
  public readonly context: RegionContext;

  constructor(name: string, args: RegionArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:region:Region", name, {}, opts);
    const { config, region, provider } = args;
    this.region = region;
    this.provider = provider;
    this.physicalName = physicalName([config.name, config.stack, regionCode(region.name)]);
    this.clusterName = clusterName(config.name, config.stack, region.name);
    // First: it depends on nothing, and every later stage's alarms publish to it.
    const alarmTopic = createAlarmTopic(
      name,
      {
        physicalName: this.physicalName,
        emails: config.observability.alarmEmails,
        protect: config.environment === "prod",
      },
      { parent: this, provider },
    );
    this.vpc = new Vpc(
      `${name}-network`,
      { region, network: config.network, physicalName: this.physicalName, clusterName: this.clusterName },
      { parent: this, provider },
    );
    this.cluster = new EksCluster(
      `${name}-cluster`,
      {
        cluster: config.cluster,
        environment: config.environment,
        provider,
        region: region.name,
        clusterName: this.clusterName,
        physicalName: this.physicalName,
        vpcId: this.vpc.vpcId,
        privateSubnetIds: this.vpc.privateSubnetIds,
        serviceCidr: config.network.serviceCidr,
        nodeTags: defaultTags(config, region.name),
        deployerNetwork: {
          primaryVpcCidr: config.regions.find((r) => r.isPrimary)!.vpcCidr,
          isPrimary: region.isPrimary,
        },
      },
      { parent: this },
    );
    this.karpenter = new Karpenter(
      `${name}-karpenter`,
      {
        cluster: this.cluster,
        provider,
        region: region.name,
        config: config.karpenter,
        physicalName: this.physicalName,
        nodeTags: defaultTags(config, region.name),
      },
      { parent: this },
    );
    this.lbController = new LoadBalancerController(
      `${name}-lb-controller`,
      { cluster: this.cluster, provider, region: region.name, vpcId: this.vpc.vpcId },
      { parent: this },
    );
    const vpc = this.vpc;
    this.context = {
      name: region.name,
      config: region,
      physicalName: this.physicalName,
      provider,
      vpc: {
        vpcId: vpc.vpcId,
        cidrBlock: vpc.cidrBlock,
        publicSubnetIds: vpc.publicSubnetIds,
        privateSubnetIds: vpc.privateSubnetIds,
        databaseSubnetIds: vpc.databaseSubnetIds,
        privateSubnetCidrs: vpc.plan.filter((s) => s.tier === "private").map((s) => s.cidr),
        peeredRouteTables: vpc.peeredRouteTables,
      },
      cluster: this.cluster,
      nodePools: this.karpenter.nodePools,
      alarmTopic,
      parent: this,
    };
    this.registerOutputs({ vpcId: this.vpc.vpcId, clusterName: this.clusterName });
  }
}
