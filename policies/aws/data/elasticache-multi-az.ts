import type { ResourceValidationPolicy } from "@pulumi/policy";
import { REPLICATION_GROUP } from "./types";

/** Mandatory: one AZ or one node means a node loss is a cache outage and a cold start for every service. */
export function elasticacheMultiAz(): ResourceValidationPolicy {
  return {
    name: "aws-elasticache-multi-az",
    description: "ElastiCache replication groups have automatic failover, Multi-AZ and at least 2 nodes.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== REPLICATION_GROUP) return;
      const p = args.props;
      if (p.automaticFailoverEnabled !== true)
        reportViolation(`replication group "${args.name}" must set automaticFailoverEnabled: true`);
      if (p.multiAzEnabled !== true) reportViolation(`replication group "${args.name}" must set multiAzEnabled: true`);
      if (typeof p.numCacheClusters === "number" && p.numCacheClusters < 2)
        reportViolation(`replication group "${args.name}" has ${p.numCacheClusters} node; failover needs at least 2`);
    },
  };
}
