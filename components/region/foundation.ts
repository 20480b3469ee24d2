import type * as aws from "@pulumi/aws";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { installRegionAddons, type HelmAddon } from "../addons/addon";
import type { ClusterConfig, Environment, KarpenterConfig, NetworkConfig, RegionConfig } from "../config/types";
import { EksCluster } from "../cluster/eks";
import { Karpenter } from "../cluster/karpenter";
import { LoadBalancerController } from "../cluster/lb-controller";
import { Vpc } from "../network/vpc";
import { createAlarmTopic } from "../observability/alarm-topic";
import type { RegionContext } from "../region-context";

/** What one region's foundation needs: plain values, each named for what it decides. */
export interface RegionFoundationArgs {
  /** The validated region entry: name, VPC range, AZs, primary or not. */
  region: RegionConfig;
  /** This region's aws.Provider; every AWS child uses it. */
  provider: aws.Provider;
  /** Prefix for the region's physical names, e.g. `platform-prod-usw2`. */
  physicalName: string;
  /** The EKS cluster's name (also the Karpenter discovery tag and the subnets' cluster tag). */
  clusterName: string;
  /** dev or prod: cluster sizing and protection. */
  environment: Environment;
  /** `platform:network`: subnet sizes, NAT, flow logs, the Kubernetes service range. */
  network: NetworkConfig;
  /** `platform:cluster`: version, system node group, endpoint access, logging. */
  cluster: ClusterConfig;
  /** `platform:karpenter`: NodePools, root volume size, AMI alias. */
  karpenter: KarpenterConfig;
  /** Addresses subscribed to the region's alarm topic. */
  alarmEmails: readonly string[];
  /** Protect the alarm topic from deletion (prod). */
  protect: boolean;
  /** Tags for what EC2 launches outside Pulumi (system nodes, Karpenter nodes): provider default tags miss them. */
  nodeTags: Record<string, string>;
  /** The primary region's VPC range: where an in-network deployer runs. */
  primaryVpcCidr: string;
  /** The add-on registry; those with `perRegion` are installed on this region's cluster. */
  addons: readonly HelmAddon[];
}

/**
 * One AWS region: its foundation (alarm topic, network, EKS cluster, Karpenter, the AWS Load
 * Balancer Controller, the registry's per-region add-ons) built here, and every later stage's regional components parented here so
 * `pulumi stack --show-urns` reads per region. `context` is the one handle later stages take.
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
  /** Releases of the registry's per-region add-ons, by add-on id. */
  public readonly addons: Readonly<Record<string, k8s.helm.v3.Release>>;
  /** The one handle later stages (data, apps, edge) take. */
  public readonly context: RegionContext;

  constructor(name: string, args: RegionFoundationArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:region:Region", name, {}, opts);
    const { region, provider } = args;
    this.region = region;
    this.provider = provider;
    this.physicalName = args.physicalName;
    this.clusterName = args.clusterName;
    // First: it depends on nothing, and every later stage's alarms publish to it.
    const alarmTopic = createAlarmTopic(
      name,
      { physicalName: this.physicalName, emails: args.alarmEmails, protect: args.protect },
      { parent: this, provider },
    );
    this.vpc = new Vpc(
      `${name}-network`,
      { region, network: args.network, physicalName: this.physicalName, clusterName: this.clusterName },
      { parent: this, provider },
    );
    this.cluster = new EksCluster(
      `${name}-cluster`,
      {
        cluster: args.cluster,
        environment: args.environment,
        provider,
        region: region.name,
        clusterName: this.clusterName,
        physicalName: this.physicalName,
        vpcId: this.vpc.vpcId,
        privateSubnetIds: this.vpc.privateSubnetIds,
        serviceCidr: args.network.serviceCidr,
        nodeTags: args.nodeTags,
        deployerNetwork: { primaryVpcCidr: args.primaryVpcCidr, isPrimary: region.isPrimary },
      },
      { parent: this },
    );
    this.karpenter = new Karpenter(
      `${name}-karpenter`,
      {
        cluster: this.cluster,
        provider,
        region: region.name,
        config: args.karpenter,
        physicalName: this.physicalName,
        nodeTags: args.nodeTags,
      },
      { parent: this },
    );
    this.lbController = new LoadBalancerController(
      `${name}-lb-controller`,
      { cluster: this.cluster, provider, region: region.name, vpcId: this.vpc.vpcId },
      { parent: this },
    );
    this.addons = installRegionAddons(
      name,
      args.addons,
      { region: region.name, environment: args.environment, cluster: this.cluster, provider },
      this,
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
        publicSubnetCidrs: vpc.plan.filter((s) => s.tier === "public").map((s) => s.cidr),
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
