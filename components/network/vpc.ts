import * as aws from "@pulumi/aws";
import { serviceTrustPolicy } from "../iam-trust";
import * as pulumi from "@pulumi/pulumi";
import type { NetworkConfig, RegionConfig } from "../config";
import { MAX_AZS } from "../config/sections/network";
import { nameTags } from "../tags";
import type { PeeredRouteTable } from "./peering";
import { PlannedSubnet, planSubnets, SubnetTier } from "./subnets";

export interface VpcArgs {
  /** The region this VPC lives in (AZs, CIDR). */
  region: RegionConfig;
  /** Subnet sizes, NAT mode, flow-log settings. */
  network: NetworkConfig;
  /** Physical name prefix, e.g. `platform-prod-usw2`. */
  physicalName: string;
  /** EKS cluster name; drives the Karpenter discovery and cluster subnet tags. */
  clusterName: string;
}

/** Tags each tier needs: ELB placement (LB controller) and Karpenter discovery. */
export function subnetTags(tier: SubnetTier, clusterName: string): Record<string, string> {
  const common = { "platform.io/tier": tier };
  if (tier === "public") return { ...common, "kubernetes.io/role/elb": "1" };
  if (tier === "private") {
    return {
      ...common,
      "kubernetes.io/role/internal-elb": "1",
      "karpenter.sh/discovery": clusterName,
      [`kubernetes.io/cluster/${clusterName}`]: "shared",
    };
  }
  return common;
}

/**
 * One region's network: public, private (nodes and pods) and isolated database
 * subnets in every configured AZ, NAT (single or per AZ), flow logs and an S3
 * gateway endpoint. Subnet CIDRs come from the pure planner.
 */
export class Vpc extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  public readonly cidrBlock: string;
  public readonly publicSubnetIds: pulumi.Output<string>[];
  public readonly privateSubnetIds: pulumi.Output<string>[];
  public readonly databaseSubnetIds: pulumi.Output<string>[];
  public readonly privateRouteTableIds: pulumi.Output<string>[];
  /** The isolated database subnets' route table (local routes, S3 endpoint, peer VPCs). */
  public readonly databaseRouteTableId: pulumi.Output<string>;
  /** Private (per AZ slot) and database route tables, with stable roles: where peer-VPC routes go. */
  public readonly peeredRouteTables: readonly PeeredRouteTable[];
  public readonly plan: readonly PlannedSubnet[];

  constructor(name: string, args: VpcArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:network:Vpc", name, {}, opts);
    const { region, network, physicalName, clusterName } = args;
    const child = { parent: this };
    this.cidrBlock = region.vpcCidr;
    this.plan = planSubnets({
      vpcCidr: region.vpcCidr,
      availabilityZones: region.availabilityZones,
      prefixes: network.subnetPrefixes,
      reservedSlots: MAX_AZS,
    });

    const vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      { cidrBlock: region.vpcCidr, enableDnsHostnames: true, enableDnsSupport: true, tags: nameTags(physicalName) },
      child,
    );
    this.vpcId = vpc.id;

    // The default security group admits all traffic between its members; strip it (CIS 5.4).
    new aws.ec2.DefaultSecurityGroup(
      `${name}-default-sg`,
      { vpcId: vpc.id, ingress: [], egress: [], tags: nameTags(`${physicalName}-default-locked`) },
      child,
    );

    const subnets = new Map<string, aws.ec2.Subnet>();
    for (const s of this.plan) {
      subnets.set(
        `${s.tier}-${s.slot}`,
        new aws.ec2.Subnet(
          `${name}-${s.tier}-${s.slot}`,
          {
            vpcId: vpc.id,
            cidrBlock: s.cidr,
            availabilityZone: s.availabilityZone,
            // Nothing launches in public subnets but ALB nodes and NAT gateways, which get their own
            // addresses: no instance there should receive a public IP by accident.
            mapPublicIpOnLaunch: false,
            tags: nameTags(`${physicalName}-${s.tier}-${s.availabilityZone}`, subnetTags(s.tier, clusterName)),
          },
          child,
        ),
      );
    }
    const ofTier = (tier: SubnetTier) =>
      this.plan.filter((s) => s.tier === tier).map((s) => subnets.get(`${tier}-${s.slot}`)!);
    this.publicSubnetIds = ofTier("public").map((s) => s.id);
    this.privateSubnetIds = ofTier("private").map((s) => s.id);
    this.databaseSubnetIds = ofTier("database").map((s) => s.id);

    const igw = new aws.ec2.InternetGateway(
      `${name}-igw`,
      { vpcId: vpc.id, tags: nameTags(`${physicalName}-igw`) },
      child,
    );
    const publicRt = new aws.ec2.RouteTable(
      `${name}-public-rt`,
      { vpcId: vpc.id, tags: nameTags(`${physicalName}-public`) },
      child,
    );
    new aws.ec2.Route(
      `${name}-public-default`,
      { routeTableId: publicRt.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id },
      child,
    );
    ofTier("public").forEach(
      (subnet, i) =>
        new aws.ec2.RouteTableAssociation(
          `${name}-public-${i}`,
          { routeTableId: publicRt.id, subnetId: subnet.id },
          child,
        ),
    );

    // Single NAT (dev) puts every AZ behind slot 0; per-AZ NAT keeps an AZ outage local.
    const natSlots = network.natGateways === "single" ? [0] : region.availabilityZones.map((_, i) => i);
    const nats = natSlots.map((slot) => {
      const eip = new aws.ec2.Eip(
        `${name}-nat-${slot}`,
        { domain: "vpc", tags: nameTags(`${physicalName}-nat-${slot}`) },
        child,
      );
      return new aws.ec2.NatGateway(
        `${name}-nat-${slot}`,
        {
          allocationId: eip.id,
          subnetId: subnets.get(`public-${slot}`)!.id,
          tags: nameTags(`${physicalName}-nat-${slot}`),
        },
        { parent: this, dependsOn: [igw] },
      );
    });
    this.privateRouteTableIds = ofTier("private").map((subnet, i) => {
      const rt = new aws.ec2.RouteTable(
        `${name}-private-rt-${i}`,
        { vpcId: vpc.id, tags: nameTags(`${physicalName}-private-${region.availabilityZones[i]}`) },
        child,
      );
      new aws.ec2.Route(
        `${name}-private-default-${i}`,
        { routeTableId: rt.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nats[Math.min(i, nats.length - 1)].id },
        child,
      );
      new aws.ec2.RouteTableAssociation(`${name}-private-${i}`, { routeTableId: rt.id, subnetId: subnet.id }, child);
      return rt.id;
    });
    // Database subnets are isolated: local and peer-VPC routes only, no NAT, no IGW.
    const dbRt = new aws.ec2.RouteTable(
      `${name}-database-rt`,
      { vpcId: vpc.id, tags: nameTags(`${physicalName}-database`) },
      child,
    );
    this.databaseRouteTableId = dbRt.id;
    this.peeredRouteTables = [
      ...this.privateRouteTableIds.map((id, i) => ({ role: `private-${i}`, id })),
      { role: "database", id: dbRt.id },
    ];
    ofTier("database").forEach(
      (subnet, i) =>
        new aws.ec2.RouteTableAssociation(
          `${name}-database-${i}`,
          { routeTableId: dbRt.id, subnetId: subnet.id },
          child,
        ),
    );

    new aws.ec2.VpcEndpoint(
      `${name}-s3`,
      {
        vpcId: vpc.id,
        serviceName: `com.amazonaws.${region.name}.s3`,
        vpcEndpointType: "Gateway",
        routeTableIds: [...this.privateRouteTableIds, dbRt.id],
        tags: nameTags(`${physicalName}-s3`),
      },
      child,
    );

    this.createFlowLogs(name, physicalName, network, vpc);
    this.registerOutputs({ vpcId: this.vpcId, privateSubnetIds: this.privateSubnetIds });
  }

  private createFlowLogs(name: string, physicalName: string, network: NetworkConfig, vpc: aws.ec2.Vpc): void {
    const child = { parent: this };
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-flow-logs`,
      {
        name: `/platform/${physicalName}/vpc-flow-logs`,
        retentionInDays: network.flowLogs.retentionDays,
        tags: nameTags(`${physicalName}-flow-logs`),
      },
      child,
    );
    const role = new aws.iam.Role(
      `${name}-flow-logs`,
      {
        // Confused-deputy guard (VPC Flow Logs user guide, IAM role for publishing flow logs).
        assumeRolePolicy: aws
          .getCallerIdentityOutput({}, child)
          .accountId.apply((account) => serviceTrustPolicy("vpc-flow-logs.amazonaws.com", account)),
        tags: nameTags(`${physicalName}-flow-logs`),
      },
      child,
    );
    new aws.iam.RolePolicy(
      `${name}-flow-logs`,
      {
        role: role.id,
        policy: logGroup.arn.apply((arn) =>
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: [
                  "logs:CreateLogStream",
                  "logs:PutLogEvents",
                  "logs:DescribeLogGroups",
                  "logs:DescribeLogStreams",
                ],
                Resource: [arn, `${arn}:*`],
              },
            ],
          }),
        ),
      },
      child,
    );
    new aws.ec2.FlowLog(
      `${name}-flow-log`,
      {
        vpcId: vpc.id,
        trafficType: network.flowLogs.trafficType,
        logDestinationType: "cloud-watch-logs",
        logDestination: logGroup.arn,
        iamRoleArn: role.arn,
        maxAggregationInterval: 60,
        tags: nameTags(`${physicalName}-flow-log`),
      },
      child,
    );
  }
}
