import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createMetricAlarms } from "../cloudwatch-alarms";
import type { KafkaConfig } from "../config/sections/kafka";
import { dataSecurityGroup } from "../data/security";
import type { RegionContext } from "../region-context";
import { nameTags } from "../tags";
import { MSK_IAM_PORT, planKafkaCluster } from "./plan";

export interface KafkaClusterArgs {
  /** Resolved `platform:kafka` (broker type, storage, topics, alarm thresholds). */
  kafka: KafkaConfig;
  /**
   * The region: physical name prefix (cluster name), provider, private subnets (brokers, one client
   * subnet per AZ), VPC, the cluster security group (the only source admitted on 9098) and the
   * alarm topic.
   */
  region: Pick<RegionContext, "name" | "physicalName" | "provider" | "vpc" | "alarmTopic"> & {
    cluster?: Pick<RegionContext["cluster"], "clusterSecurityGroupId">;
  };
}

/**
 * One provisioned MSK cluster in a region: brokers in the private subnets (one client subnet per
 * AZ), clients authenticated by IAM only (SASL/IAM on 9098, unauthenticated access off) over TLS,
 * TLS between brokers, storage encrypted with the region's own customer-managed key, and a
 * configuration that never auto-creates topics. Its security group admits 9098 from the EKS
 * cluster security group only (nodes and pods); no cross-region source, because no cross-region
 * client exists (docs/kafka.md: no replication).
 */
export class KafkaCluster extends pulumi.ComponentResource {
  public readonly clusterName: string;
  public readonly arn: pulumi.Output<string>;
  /** `host:9098,...`: the IAM bootstrap brokers services get as KAFKA_BROKERS. */
  public readonly bootstrapBrokers: pulumi.Output<string>;
  public readonly securityGroupId: pulumi.Output<string>;

  constructor(name: string, args: KafkaClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
    // The topics are the cluster's own record of who produces and consumes what (the access model reads it).
    super("platform:kafka:KafkaCluster", name, { topics: args.kafka.topics }, opts);
    const { kafka: k, region } = args;
    const subnets = region.vpc.privateSubnetIds;
    const plan = planKafkaCluster({
      prefix: region.physicalName,
      region: region.name,
      azCount: subnets.length,
      kafka: k,
    });
    const child: pulumi.CustomResourceOptions = { parent: this, provider: region.provider };
    const kept: pulumi.CustomResourceOptions = { ...child, ...(k.protect ? { protect: true } : {}) };

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `MSK ${plan.clusterName} broker storage`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        tags: nameTags(`${plan.clusterName}-key`),
      },
      kept,
    );
    const sources =
      region.cluster !== undefined
        ? [
            {
              key: "cluster",
              securityGroupId: region.cluster.clusterSecurityGroupId,
              description: "Kafka (IAM over TLS) from the EKS cluster security group (nodes and pods)",
            },
          ]
        : [];
    const sg = dataSecurityGroup(`${name}-sg`, "MSK brokers", MSK_IAM_PORT, region.vpc.vpcId, sources, child);
    const configuration = new aws.msk.Configuration(
      `${name}-config`,
      {
        name: `${plan.clusterName}-config`,
        kafkaVersions: [k.kafkaVersion],
        serverProperties: plan.serverProperties,
        description: `Broker settings of ${plan.clusterName}`,
      },
      child,
    );
    const cluster = new aws.msk.Cluster(
      `${name}-cluster`,
      {
        clusterName: plan.clusterName,
        kafkaVersion: k.kafkaVersion,
        numberOfBrokerNodes: plan.brokers,
        brokerNodeGroupInfo: {
          instanceType: k.brokerInstanceType,
          clientSubnets: subnets,
          securityGroups: [sg.group.id],
          storageInfo: { ebsStorageInfo: { volumeSize: k.volumeSizeGiB } },
        },
        clientAuthentication: { sasl: { iam: true, scram: false }, unauthenticated: false },
        encryptionInfo: {
          encryptionAtRestKmsKeyArn: key.arn,
          encryptionInTransit: { clientBroker: "TLS", inCluster: true },
        },
        configurationInfo: { arn: configuration.arn, revision: configuration.latestRevision },
        enhancedMonitoring: k.enhancedMonitoring,
        tags: nameTags(plan.clusterName),
      },
      kept,
    );
    createMetricAlarms(name, plan.alarms, region.alarmTopic.arn, child);

    this.clusterName = plan.clusterName;
    this.arn = cluster.arn;
    this.bootstrapBrokers = cluster.bootstrapBrokersSaslIam;
    this.securityGroupId = sg.group.id;
    this.registerOutputs({ clusterName: this.clusterName, bootstrapBrokers: this.bootstrapBrokers });
  }
}
