import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, regionCode } from "../naming";
import { nameTags } from "../tags";
import { planPeeringMesh, type PeeringMeshPlan } from "./peering-plan";
import type { PeeredRouteTable, RegionContext } from "../region-context";

export type { PeeredRouteTable };

/** One region's side of the mesh. */
export interface PeeringRegion {
  readonly name: string;
  /** The region's aws.Provider: its side of every pair and its routes are created through it. */
  readonly provider: aws.Provider;
  readonly vpcId: pulumi.Input<string>;
  readonly vpcCidr: string;
  /** Private (per AZ) and database route tables; never the public one. */
  readonly routeTables: readonly PeeredRouteTable[];
}

export interface PeeringMeshArgs {
  /** Every region of the stack (order does not matter). */
  regions: readonly PeeringRegion[];
  /** Physical-name prefix for tags, e.g. `platform-prod`. */
  namePrefix: string;
}

/**
 * Full mesh of inter-region VPC peering (docs/network.md, "Private connectivity between regions"):
 * per pair a VpcPeeringConnection in the requester region with `peerRegion`, and a
 * VpcPeeringConnectionAccepter in the accepter region; then, in every region, a route to each
 * peer VPC in every private and database route table. Routes take the connection id from the
 * accepter, so they are created only once the connection is active. Pulumi names come from the
 * pure plan: `${name}-<requester>-<accepter>` and `${name}-<region>-to-<peer>-<table role>`.
 */
export class PeeringMesh extends pulumi.ComponentResource {
  public readonly plan: PeeringMeshPlan;
  /** Active peering connection id per pair key. */
  public readonly connectionIds: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: PeeringMeshArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:network:PeeringMesh", name, {}, opts);
    const byName = new Map(args.regions.map((r) => [r.name, r]));
    this.plan = planPeeringMesh(args.regions.map((r) => ({ name: r.name, vpcCidr: r.vpcCidr })));
    const ids: Record<string, pulumi.Output<string>> = {};
    for (const pair of this.plan.pairs) {
      const requester = byName.get(pair.requester)!;
      const accepter = byName.get(pair.accepter)!;
      const tagName = physicalName([args.namePrefix, regionCode(pair.requester), regionCode(pair.accepter)]);
      // Inter-region: autoAccept is refused on the requester; the accepter side accepts.
      const connection = new aws.ec2.VpcPeeringConnection(
        `${name}-${pair.key}`,
        {
          vpcId: requester.vpcId,
          peerVpcId: accepter.vpcId,
          peerRegion: accepter.name,
          tags: nameTags(tagName, { "platform.io/peering-side": "requester" }),
        },
        { parent: this, provider: requester.provider },
      );
      const accept = new aws.ec2.VpcPeeringConnectionAccepter(
        `${name}-${pair.key}-accept`,
        {
          vpcPeeringConnectionId: connection.id,
          autoAccept: true,
          tags: nameTags(tagName, { "platform.io/peering-side": "accepter" }),
        },
        { parent: this, provider: accepter.provider },
      );
      ids[pair.key] = accept.vpcPeeringConnectionId;
    }
    this.connectionIds = ids;
    for (const route of this.plan.routes) {
      const region = byName.get(route.region)!;
      for (const table of region.routeTables) {
        new aws.ec2.Route(
          `${name}-${route.region}-to-${route.peer}-${table.role}`,
          {
            routeTableId: table.id,
            destinationCidrBlock: route.destinationCidr,
            vpcPeeringConnectionId: ids[route.pairKey],
          },
          { parent: this, provider: region.provider },
        );
      }
    }
    this.registerOutputs({ connectionIds: ids });
  }
}

/** A region's side of the mesh, from its context. */
export function peeringRegion(r: RegionContext): PeeringRegion {
  return {
    name: r.name,
    provider: r.provider,
    vpcId: r.vpc.vpcId,
    vpcCidr: r.vpc.cidrBlock,
    routeTables: r.vpc.peeredRouteTables,
  };
}
