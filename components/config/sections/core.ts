import { z } from "zod";
import { awsTagKeyProblem, awsTagValueProblem, dnsLabel, ipv4Cidr } from "../primitives";
import { DEFAULT_ALLOWED_REGIONS } from "../regions";

/** `platform:environment`: selects safety levels (deletion protection, policy strictness). */
export const environmentSchema = z.enum(["dev", "staging", "prod"], { error: 'one of "dev", "staging", "prod"' });

/** One entry of `platform:regions`. */
export const regionSchema = z.strictObject({
  /** AWS region name, e.g. us-east-1. */
  name: z.string({ error: "an AWS region name like us-east-1" }),
  /** The region's VPC CIDR; must not overlap any other region's (peering, Global Datastore, routing). */
  vpcCidr: ipv4Cidr,
  /**
   * Explicit AZ names. Default: the first `network.azCount` of `<region>a..f`.
   * Order matters: subnet slots follow it, so append, never reorder.
   */
  availabilityZones: z.array(z.string()).optional(),
});

export const regionsSchema = z
  .array(regionSchema, { error: "a list of regions, each { name, vpcCidr }" })
  .min(1, { error: "at least one region" });

/** Short name used as the prefix of every physical resource name. */
export const projectNameSchema = dnsLabel
  .max(20, { error: "a DNS label of at most 20 characters (it prefixes AWS names with tight limits)" })
  // It starts every physical name, and RDS and ElastiCache identifiers must begin with a letter
  // (policies/aws/names: RDS CreateDBCluster, ElastiCache CreateReplicationGroup).
  .regex(/^[a-z]/, { error: "a DNS label starting with a letter (RDS and ElastiCache identifiers begin with it)" });

export const tagsSchema = z
  .record(z.string(), z.string({ error: "a string tag value" }), { error: "a map of tag key to string value" })
  .superRefine((tags, ctx) => {
    for (const [k, v] of Object.entries(tags)) {
      const keyProblem = awsTagKeyProblem(k);
      if (keyProblem) ctx.addIssue({ code: "custom", path: [k], message: `${keyProblem}, not ${JSON.stringify(k)}` });
      const valueProblem = awsTagValueProblem(v);
      if (valueProblem) ctx.addIssue({ code: "custom", path: [k], message: valueProblem });
    }
  });

/**
 * `platform:allowedRegions`: where this stack may create AWS resources. Config validation and the
 * mandatory aws-allowed-regions policy read the same list (docs/stack-config.md).
 */
export const allowedRegionsSchema = z
  .array(z.string({ error: "an AWS region name like us-east-1" }), { error: "a list of AWS region names" })
  .min(1, { error: "at least one region" })
  .default([...DEFAULT_ALLOWED_REGIONS]);
