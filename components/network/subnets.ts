import { Address4 } from "ip-address";

export type SubnetTier = "public" | "private" | "database";
export const SUBNET_TIERS: readonly SubnetTier[] = ["private", "public", "database"];

export interface SubnetPrefixes {
  readonly public: number;
  readonly private: number;
  readonly database: number;
}

export interface SubnetPlanInput {
  readonly vpcCidr: string;
  /** AZ names in slot order; slot i is always the same addresses. */
  readonly availabilityZones: readonly string[];
  readonly prefixes: SubnetPrefixes;
  /** Slots reserved per tier so a later AZ lands in its own, never-used range. */
  readonly reservedSlots: number;
}

export interface PlannedSubnet {
  readonly tier: SubnetTier;
  readonly availabilityZone: string;
  readonly slot: number;
  readonly cidr: string;
}

const blockSize = (prefix: number): bigint => 1n << BigInt(32 - prefix);

/**
 * Tier blocks, largest subnets first so every block starts aligned to its
 * subnet size. The layout depends only on prefixes and reserved slots, never on
 * how many AZs are in use, which is what keeps existing subnets in place.
 */
function tierLayout(
  prefixes: SubnetPrefixes,
  reservedSlots: number,
): { tier: SubnetTier; prefix: number; offset: bigint }[] {
  const ordered = [...SUBNET_TIERS].sort((a, b) => prefixes[a] - prefixes[b]);
  let offset = 0n;
  return ordered.map((tier) => {
    const entry = { tier, prefix: prefixes[tier], offset };
    offset += blockSize(prefixes[tier]) * BigInt(reservedSlots);
    return entry;
  });
}

/** Addresses all reserved slots need, expressed as the largest VPC prefix that holds them. */
export function requiredVpcPrefix(prefixes: SubnetPrefixes, reservedSlots: number): number {
  const total = SUBNET_TIERS.reduce((sum, t) => sum + blockSize(prefixes[t]) * BigInt(reservedSlots), 0n);
  let prefix = 32;
  while (prefix > 0 && blockSize(prefix) < total) prefix--;
  return prefix;
}

/** Why `vpcCidr` cannot hold the plan, or undefined when it can. */
export function capacityProblem(vpcCidr: string, prefixes: SubnetPrefixes, reservedSlots: number): string | undefined {
  const vpcPrefix = new Address4(vpcCidr).subnetMask;
  const needed = requiredVpcPrefix(prefixes, reservedSlots);
  if (vpcPrefix > needed) {
    return `a VPC of /${needed} or larger: ${reservedSlots} AZ slots of /${prefixes.private} private, /${prefixes.public} public and /${prefixes.database} database subnets do not fit in /${vpcPrefix}`;
  }
  return undefined;
}

/** Pure, deterministic subnet plan for one VPC. Throws if the VPC is too small. */
export function planSubnets(input: SubnetPlanInput): PlannedSubnet[] {
  const { vpcCidr, availabilityZones, prefixes, reservedSlots } = input;
  if (availabilityZones.length > reservedSlots) {
    throw new Error(`${availabilityZones.length} AZs exceed the ${reservedSlots} reserved subnet slots`);
  }
  const problem = capacityProblem(vpcCidr, prefixes, reservedSlots);
  if (problem) throw new Error(`${vpcCidr}: expected ${problem}`);
  const base = new Address4(vpcCidr).startAddress().bigInt();
  const subnets: PlannedSubnet[] = [];
  for (const { tier, prefix, offset } of tierLayout(prefixes, reservedSlots)) {
    availabilityZones.forEach((availabilityZone, slot) => {
      const start = Address4.fromBigInt(base + offset + BigInt(slot) * blockSize(prefix));
      subnets.push({ tier, availabilityZone, slot, cidr: `${start.correctForm()}/${prefix}` });
    });
  }
  return subnets.sort((a, b) => SUBNET_TIERS.indexOf(a.tier) - SUBNET_TIERS.indexOf(b.tier) || a.slot - b.slot);
}

/** True when two CIDR blocks share any address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = new Address4(a);
  const y = new Address4(b);
  return x.isInSubnet(y) || y.isInSubnet(x);
}
