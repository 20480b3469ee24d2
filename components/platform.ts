import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "./config";
import type { Providers } from "./providers";
import { Detection } from "./security/detection";
import { imageResolver } from "./security/image-digests";
import { connectionEnv, type ConnectionInfo } from "./data/connection";
import { createEdge, type Edge } from "./edge";
import { DataTier } from "./data";
import { GlobalTable } from "./dynamodb/table";
import { KafkaCluster } from "./kafka/cluster";
import { PeeringMesh, peeringRegion } from "./network/peering";
import { physicalName } from "./naming";
import { deployApps, foundationArgs, Region, type GlobalHandles, type RegionApps } from "./region";
import type { Workloads } from "./workloads/workloads";

export interface PlatformArgs {
  /** Validated, frozen stack configuration. */
  config: PlatformConfig;
  /** Explicit providers: one per region plus the us-east-1 edge provider. */
  providers: Providers;
}

/** What the global tier builds once for every region. */
interface GlobalTier {
  peering?: PeeringMesh;
  data: DataTier;
  edge?: Edge;
  /** Per region: the handles its apps stage takes. */
  handles: (region: string) => GlobalHandles;
}

/**
 * The whole platform in three steps (Pulumi runs each resource as soon as what it waits for
 * exists, not step by step):
 *   1. every region's foundation: alarm topic, network, cluster, Karpenter, LB controller,
 *      the registry's per-region add-ons;
 *   2. the global tier: VPC peering, the global data tier, the edge (regional ALBs, CloudFront +
 *      WAF, Route53), detection services;
 *   3. every region's apps: mesh, workloads (bound to the region's ALB), observability, chaos,
 *      load tests.
 */
export class Platform extends pulumi.ComponentResource {
  public readonly regions: Readonly<Record<string, Region>>;
  /** Per region: services, gateway, autoscaling, queue. */
  public readonly workloads: Readonly<Record<string, Workloads>>;
  /** Regional ALBs, CloudFront + WAF, Route53 (undefined when edge.enabled is false). */
  public readonly edge?: Edge;
  /** Aurora Global Database + ElastiCache Global Datastore; `data.connectionInfo(region)` for workloads. */
  public readonly data: DataTier;
  /** Inter-region VPC peering (undefined with a single region). */
  public readonly peering?: PeeringMesh;
  /** The URL viewers use, `https://<edge.domain>` (undefined when edge.enabled is false). */
  public readonly appUrl?: string;

  constructor(name: string, args: PlatformArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:index:Platform", name, {}, opts);
    const { config, providers } = args;
    // 1. The Pulumi name of a region is its name: stable, and unique within the stack.
    this.regions = Object.fromEntries(
      config.regions.map((r) => [
        r.name,
        new Region(r.name, foundationArgs(config, r, providers.regional[r.name]), { parent: this }),
      ]),
    );
    // 2.
    const global = globalTier(name, config, providers, Object.values(this.regions), this);
    this.peering = global.peering;
    this.data = global.data;
    this.edge = global.edge;
    this.appUrl = config.edge.enabled ? `https://${config.edge.domain}` : undefined;
    // 3.
    const apps: Record<string, RegionApps> = byRegion(Object.keys(this.regions), (n) =>
      deployApps(this.regions[n], config, global.handles(n)),
    );
    this.workloads = byRegion(Object.keys(apps), (n) => apps[n].workloads);
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
        ...endpointOutputs(this.data.connectionInfo(name)),
        albDnsName: this.edge?.regional[name]?.albDnsName,
        // Latency or failover routing sends each viewer to a healthy region behind this one name.
        appUrl: this.appUrl,
        originName: this.edge?.regional[name]?.names.regional,
      };
    }
    return out;
  }

  /** Per region the cluster's kubeconfig (AWS CLI token exec), each a secret output. */
  public kubeconfigs(): Record<string, pulumi.Output<unknown>> {
    return byRegion(Object.keys(this.regions), (n) => pulumi.secret(this.regions[n].cluster.cluster.kubeconfigJson));
  }
}

/** Where the region's apps write and read (empty when a tier is disabled: left out). */
function endpointOutputs(info: pulumi.Output<ConnectionInfo>): Record<string, pulumi.Output<string | undefined>> {
  const pick = (f: (c: ConnectionInfo) => string) => info.apply((c) => f(c) || undefined);
  return {
    databaseWriterEndpoint: pick((c) => c.writerEndpoint),
    databaseGlobalWriterEndpoint: pick((c) => c.globalWriterEndpoint),
    databaseReaderEndpoint: pick((c) => c.readerEndpoint),
    cacheWriterEndpoint: pick((c) => c.redisWriterEndpoint),
    cacheReaderEndpoint: pick((c) => c.redisReaderEndpoint),
  };
}

function byRegion<T>(names: readonly string[], build: (name: string) => T): Record<string, T> {
  return Object.fromEntries(names.map((n) => [n, build(n)]));
}

/**
 * Peering between the regions' VPCs (a full mesh, more than one region), the global data tier
 * (its security groups admit the clusters' security group), the image resolver (tags to digests,
 * once for every region), the edge and the detection services (every region, primary first).
 */
function globalTier(
  name: string,
  config: PlatformConfig,
  providers: Providers,
  foundations: readonly Region[],
  parent: pulumi.Resource,
): GlobalTier {
  const regions = foundations.map((r) => r.context);
  const peering =
    regions.length > 1
      ? new PeeringMesh(
          "peering",
          { namePrefix: physicalName([config.name, config.stack]), regions: regions.map(peeringRegion) },
          { parent },
        )
      : undefined;
  const data = new DataTier(config, Object.fromEntries(regions.map((r) => [r.name, r])), parent);
  // Every region reads and writes its local replica (a region without one uses the primary table).
  const table = config.dynamodb.enabled
    ? new GlobalTable(
        "dynamodb",
        {
          dynamodb: config.dynamodb,
          name: config.name,
          stack: config.stack,
          primaryRegion: config.primaryRegion,
          regions: Object.fromEntries(regions.map((r) => [r.name, r])),
        },
        { parent },
      )
    : undefined;
  const local = (region: string) => table?.tableArns[region] ?? table?.tableArns[config.primaryRegion];
  // One MSK cluster per region, next to its cluster (docs/kafka.md); apps reach only their own region's.
  const kafka = Object.fromEntries(
    config.kafka.enabled
      ? regions.map((r) => [
          r.name,
          new KafkaCluster(`${r.name}-kafka`, { kafka: config.kafka, region: r }, { parent: r.parent }),
        ])
      : [],
  ) as Record<string, KafkaCluster | undefined>;
  const images = imageResolver(config.security.images, { parent, provider: providers.regional[config.primaryRegion] });
  // Each region's TargetGroupBinding is added by its apps stage, once the gateway Service exists.
  const edge = config.edge.enabled
    ? createEdge(name, { config, providers, regions: regions.map((context) => ({ context })) }, parent)
    : undefined;
  const sec = config.security;
  if (sec.guardDuty || sec.awsConfig || sec.securityHub)
    new Detection(
      "security",
      {
        plan: sec,
        prefix: `${config.name}-${config.stack}`,
        regions: [...config.regions]
          .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary))
          .map((r) => ({
            name: r.name,
            provider: providers.regional[r.name],
            alarmTopicArn: regions.find((c) => c.name === r.name)?.alarmTopic.arn,
          })),
      },
      { parent },
    );
  // Endpoints read locally, writes go to the global writer. Role policies name only each service's own
  // cache user and the database users of the cluster the region connects to; never the master secret.
  const handles = (region: string): GlobalHandles => ({
    connection: {
      endpoints: pulumi.all([data.connectionInfo(region), kafka[region]?.bootstrapBrokers]).apply(([c, brokers]) => ({
        ...connectionEnv(c),
        ...(table ? { DYNAMODB_TABLE_NAME: table.tableName } : {}),
        ...(brokers !== undefined ? { KAFKA_BROKERS: brokers } : {}),
      })),
      cache: data.cache && {
        user: (service: string) => data.cache!.userOf(service),
        connect: (service: string) => data.cache!.connectResources(service),
      },
      databaseUserArn: data.database ? (user: string) => data.databaseUserArn(region, user)! : undefined,
      kafka: kafka[region] && {
        clusterArn: kafka[region].arn,
        clusterName: kafka[region].clusterName,
        topics: config.kafka.topics,
      },
      dynamodb: table && {
        tableArn: local(region)!,
        keyArn: table.keyArns[region] ?? table.keyArns[config.primaryRegion],
      },
    },
    images,
    // createEdge names each RegionalEdge `<region>-edge`.
    edge: edge && { edge: edge.regional[region], edgeName: `${region}-edge`, listenPort: config.gateway.listenPort },
  });
  return { peering, data, edge, handles };
}
