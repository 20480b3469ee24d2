import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/types";
import type { RegionContext } from "../region-context";
import { peersOf, planPeeringMesh } from "../network/peering-plan";
import { dataIngressSources, dataSecurityGroup } from "./security";

/**
 * What the data tier reads from a region's context: name, provider (every resource of that
 * region), VPC (database subnets; private subnet CIDRs as the fallback ingress source), alarm
 * topic, and the cluster security group when a cluster exists (preferred ingress source).
 */
export type DataRegionInput = Pick<RegionContext, "name" | "provider" | "vpc" | "alarmTopic"> & {
  readonly cluster?: Pick<ClusterHandle, "clusterSecurityGroupId">;
};

/** Per-region customer-managed key: each region encrypts with its own key (KMS keys are regional). */
export function dataKey(name: string, description: string, opts: pulumi.CustomResourceOptions): aws.kms.Key {
  return new aws.kms.Key(name, { description, enableKeyRotation: true, deletionWindowInDays: 30 }, opts);
}

/**
 * The data store's security group in region `r`: created empty, then one ingress rule on `port`
 * per source (security.ts): the local cluster security group (the private subnets without a
 * cluster) and every peer region's VPC range over the peering mesh.
 */
export function regionalDataSecurityGroup(
  name: string,
  what: string,
  port: number,
  r: string,
  regions: Readonly<Record<string, DataRegionInput>>,
  opts: pulumi.CustomResourceOptions,
): aws.ec2.SecurityGroup {
  const region = regions[r];
  const mesh = planPeeringMesh(Object.values(regions).map((x) => ({ name: x.name, vpcCidr: x.vpc.cidrBlock })));
  const sources = dataIngressSources(what, {
    clusterSecurityGroupId: region.cluster?.clusterSecurityGroupId,
    privateSubnetCidrs: region.vpc.privateSubnetCidrs,
    peers: peersOf(mesh, r),
  });
  return dataSecurityGroup(name, what, port, region.vpc.vpcId, sources, opts).group;
}
