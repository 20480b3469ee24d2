import { cidrsOverlap } from "./subnets";

/** One region's VPC as the peering planner sees it. */
export interface MeshRegion {
  /** AWS region name, e.g. "us-west-2". One VPC per region. */
  readonly name: string;
  readonly vpcCidr: string;
}

/**
 * One inter-region VPC peering connection. The requester creates it (aws.ec2.VpcPeeringConnection
 * with peerRegion), the accepter accepts it (aws.ec2.VpcPeeringConnectionAccepter).
 */
export interface PeeringPair {
  /** Stable identifier, `<requester>-<accepter>`: the Pulumi names of the pair's resources derive from it. */
  readonly key: string;
  readonly requester: string;
  readonly accepter: string;
}

/** A route in `region`'s route tables to a peer VPC over a peering connection. */
export interface PeerRoute {
  readonly region: string;
  readonly peer: string;
  /** The peer VPC's range. */
  readonly destinationCidr: string;
  /** Key of the PeeringPair the route goes through. */
  readonly pairKey: string;
}

export interface PeeringMeshPlan {
  /** n(n-1)/2 pairs, sorted by key. */
  readonly pairs: readonly PeeringPair[];
  /** n(n-1) routes: every region to every other region's VPC range (per route table of the region). */
  readonly routes: readonly PeerRoute[];
}

// Code-point order: independent of locale and of the order regions are listed in config.
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Full mesh of inter-region VPC peering. Which region requests and what a pair is called depend
 * only on the two region names (the lower name requests), never on config order or on which
 * region is primary, so reordering regions or a switchover renames nothing and adding a region
 * only adds pairs. Throws on a duplicate region or overlapping VPC ranges: AWS refuses to peer
 * overlapping CIDRs (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html,
 * read 2026-12-02); config validation reports the same problem with its key path first.
 */
export function planPeeringMesh(regions: readonly MeshRegion[]): PeeringMeshPlan {
  const sorted = [...regions].sort((a, b) => byName(a.name, b.name));
  sorted.forEach((r, i) => {
    if (i > 0 && sorted[i - 1].name === r.name) throw new Error(`peering: region ${r.name} is listed twice`);
  });
  const pairs: PeeringPair[] = [];
  const routes: PeerRoute[] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const [a, b] = [sorted[i], sorted[j]];
      if (cidrsOverlap(a.vpcCidr, b.vpcCidr))
        throw new Error(
          `peering: ${a.name} ${a.vpcCidr} overlaps ${b.name} ${b.vpcCidr}; peered VPC ranges must be disjoint`,
        );
      const key = `${a.name}-${b.name}`;
      pairs.push({ key, requester: a.name, accepter: b.name });
      routes.push({ region: a.name, peer: b.name, destinationCidr: b.vpcCidr, pairKey: key });
      routes.push({ region: b.name, peer: a.name, destinationCidr: a.vpcCidr, pairKey: key });
    }
  }
  routes.sort((x, y) => byName(x.region, y.region) || byName(x.peer, y.peer));
  return { pairs, routes };
}

/** The VPC ranges of `region`'s peers (what its data-tier security groups admit), sorted by peer name. */
export function peersOf(plan: PeeringMeshPlan, region: string): { peer: string; cidr: string }[] {
  return plan.routes.filter((r) => r.region === region).map((r) => ({ peer: r.peer, cidr: r.destinationCidr }));
}
