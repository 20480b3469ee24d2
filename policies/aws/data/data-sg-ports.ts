import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { dependsOn } from "../../lib/policy";
import {
  describePorts,
  inlineIngress,
  type IngressRule,
  SECURITY_GROUP,
  standaloneIngress,
} from "../../lib/security-groups";

const STORES: Record<string, { what: string; groupsProp: string; defaultPort: number }> = {
  "aws:rds/cluster:Cluster": { what: "Aurora cluster", groupsProp: "vpcSecurityGroupIds", defaultPort: 5432 },
  "aws:elasticache/replicationGroup:ReplicationGroup": {
    what: "replication group",
    groupsProp: "securityGroupIds",
    defaultPort: 6379,
  },
};

const onlyPort = (rule: IngressRule, port: number) =>
  (rule.protocol === "tcp" || rule.protocol === "6") && rule.fromPort === port && rule.toPort === port;

/**
 * Mandatory: a data store's security groups admit its own port and nothing else. The peering mesh
 * makes every region's VPC a source (peer VPC ranges on 5432 and 6379 only), so a
 * wider rule on a data group would open the data tier to every region on every port. Stack
 * policy: a standalone rule's group is known only through its dependencies.
 */
export function dataSgPorts(): StackValidationPolicy {
  return {
    name: "aws-data-sg-ports",
    description:
      "Security groups of Aurora clusters and ElastiCache replication groups admit only the store's port over TCP.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      const groups = args.resources.filter((r) => r.type === SECURITY_GROUP);
      const checked = new Set<string>();
      for (const store of args.resources) {
        const kind = STORES[store.type];
        if (!kind) continue;
        const port = Number(store.props.port ?? kind.defaultPort);
        const mine = groups.filter((g: PolicyResource) => dependsOn(store, g, kind.groupsProp));
        for (const g of mine) {
          if (checked.has(g.urn)) continue;
          checked.add(g.urn);
          const report = (rule: IngressRule, urn: string) =>
            reportViolation(
              `security group "${g.name}" of ${kind.what} "${store.name}" ${rule.where} admits ${describePorts(rule)}; expected tcp port ${port} only`,
              urn,
            );
          for (const rule of inlineIngress(g.props)) if (!onlyPort(rule, port)) report(rule, g.urn);
          for (const r of args.resources) {
            const rule = standaloneIngress(r.type, r.name, r.props);
            if (rule && dependsOn(r, g, "securityGroupId") && !onlyPort(rule, port)) report(rule, r.urn);
          }
        }
      }
    },
  };
}
