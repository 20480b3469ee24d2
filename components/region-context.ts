import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "./cluster/types";
import type { RegionConfig } from "./config/types";

/** A route table that gets a route to every peer VPC; `role` is stable (tier and AZ slot). */
export interface PeeredRouteTable {
  /** e.g. "private-0", "database": part of the route's Pulumi name. */
  readonly role: string;
  readonly id: pulumi.Input<string>;
}

/** What other components need from a region's network. */
export interface VpcHandle {
  readonly vpcId: pulumi.Output<string>;
  /** The VPC range (plain: network policies and security groups are planned from it). */
  readonly cidrBlock: string;
  /** Public subnets, one per AZ (the ALB). */
  readonly publicSubnetIds: pulumi.Output<string>[];
  /** Private subnets, one per AZ (nodes and pods). */
  readonly privateSubnetIds: pulumi.Output<string>[];
  /** Isolated database subnets, one per AZ (no route to the internet). */
  readonly databaseSubnetIds: pulumi.Output<string>[];
  /** The public subnets' ranges (plain): where the ALB lives (the gateway admits only these). */
  readonly publicSubnetCidrs?: readonly string[];
  /** The private subnets' ranges (plain): where nodes and pods live. */
  readonly privateSubnetCidrs: readonly string[];
  /** The route tables that reach the other regions' VPCs (private per AZ, database). */
  readonly peeredRouteTables: readonly PeeredRouteTable[];
}

/** The region's alarm topic: every CloudWatch alarm of the region (and Alertmanager) publishes here. */
export interface AlarmTopic {
  readonly arn: pulumi.Output<string>;
  /** The customer-managed key the topic is encrypted with (publishers need kms:GenerateDataKey*). */
  readonly keyArn: pulumi.Output<string>;
}

/**
 * One handle per region, built once by the Region component and passed to every stage (data,
 * workloads, edge, observability, chaos) instead of a region string, a RegionConfig or a
 * per-component view of the Region.
 */
export interface RegionContext {
  /** AWS region name, e.g. "us-west-2". */
  readonly name: string;
  /** The validated region entry (VPC range, AZs, primary or not). */
  readonly config: RegionConfig;
  /** Prefix for this region's physical names, e.g. `platform-prod-usw2`. */
  readonly physicalName: string;
  /** This region's aws.Provider; every AWS resource of the region uses it. */
  readonly provider: aws.Provider;
  readonly vpc: VpcHandle;
  /** The region's EKS cluster: name, k8s provider, security group, readiness sets. */
  readonly cluster: ClusterHandle;
  /**
   * Karpenter's NodePools. Application pods (which only fit on Karpenter nodes) wait for them on
   * create; on destroy Pulumi deletes dependents first, so those pods go before the NodePools and
   * Karpenter's own nodes (docs/operations.md, destroy order).
   */
  readonly nodePools: readonly pulumi.Resource[];
  /** Created first in the region: the data tier, the edge and observability all alarm to it. */
  readonly alarmTopic: AlarmTopic;
  /** The Region component: regional children of later stages are parented here. */
  readonly parent: pulumi.Resource;
}
