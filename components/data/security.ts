import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** One source a data store admits on its port: the cluster's security group, or a CIDR. */
export interface IngressSource {
  /** Stable suffix of the rule's Pulumi name: "cluster", "private-<slot>" or "peer-<region>". */
  readonly key: string;
  readonly description: string;
  readonly securityGroupId?: pulumi.Input<string>;
  readonly cidr?: string;
}

/** What the sources are planned from: the region's cluster (if any), its private subnets, its peers. */
export interface IngressInput {
  /** EKS cluster security group (nodes and pods); preferred local source. */
  readonly clusterSecurityGroupId?: pulumi.Input<string>;
  /** Private (node and pod) subnet ranges in AZ slot order: the local source without a cluster. */
  readonly privateSubnetCidrs: readonly string[];
  /** Peer VPCs over the inter-region peering (see network/peering-plan.ts `peersOf`). */
  readonly peers: readonly { readonly peer: string; readonly cidr: string }[];
}

/**
 * Who may reach a data store: the local cluster security group (or, without a cluster, the
 * private subnets; never the public ones), plus every peer region's VPC range, because apps in
 * other regions write to the primary cache and, after a promotion, to whichever region holds
 * the writer. Peer ranges are CIDRs: inter-region peering cannot reference a peer's security
 * group (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html, read
 * 2026-12-02).
 */
export function dataIngressSources(what: string, input: IngressInput): IngressSource[] {
  const local: IngressSource[] =
    input.clusterSecurityGroupId !== undefined
      ? [
          {
            key: "cluster",
            securityGroupId: input.clusterSecurityGroupId,
            description: `${what} from the EKS cluster security group (nodes and pods)`,
          },
        ]
      : input.privateSubnetCidrs.map((cidr, i) => ({
          key: `private-${i}`,
          cidr,
          description: `${what} from private (node and pod) subnet ${i}`,
        }));
  const peers = input.peers.map((p) => ({
    key: `peer-${p.peer}`,
    cidr: p.cidr,
    description: `${what} from ${p.peer} over VPC peering`,
  }));
  return [...local, ...peers];
}

/**
 * A data store's security group, created EMPTY so it (and the cluster or replication group that
 * names it) never waits for the EKS cluster; each source is its own
 * `aws.vpc.SecurityGroupIngressRule` on `port` only. No inline rules at all, so the provider
 * never fights the standalone rules; on create it revokes AWS's default allow-all egress rule
 * (aws_security_group docs, "NOTE on Egress rules"), and Aurora and ElastiCache never open
 * connections to clients. Rule names:
 * `${name}-from-<source key>`.
 */
export function dataSecurityGroup(
  name: string,
  what: string,
  port: number,
  vpcId: pulumi.Input<string>,
  sources: readonly IngressSource[],
  opts: pulumi.CustomResourceOptions,
): { group: aws.ec2.SecurityGroup; rules: aws.vpc.SecurityGroupIngressRule[] } {
  const group = new aws.ec2.SecurityGroup(
    name,
    { vpcId, description: `${what}: port ${port} from the cluster and peer VPCs only` },
    opts,
  );
  const rules = sources.map(
    (s) =>
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-from-${s.key}`,
        {
          securityGroupId: group.id,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          description: s.description,
          ...(s.securityGroupId !== undefined
            ? { referencedSecurityGroupId: s.securityGroupId }
            : { cidrIpv4: s.cidr }),
        },
        opts,
      ),
  );
  return { group, rules };
}
