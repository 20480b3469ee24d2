import type { StackValidationPolicy } from "@pulumi/policy";
import { isAwsResource, regionOf } from "../lib/aws";
import { readConfig } from "../lib/policy";

/** The seeds' footprint: primary us-east-1, secondaries us-west-2 and eu-west-1. */
export const DEFAULT_ALLOWED_REGIONS: readonly string[] = ["us-east-1", "us-west-2", "eu-west-1"];

export interface AllowedRegionsConfig {
  allowedRegions: string[];
}

/**
 * Mandatory: data residency and cost; a typo'd or unexpected region is a whole stray stack.
 * us-east-1 must stay allowed for CloudFront's certificate and WAF.
 */
export function awsAllowedRegions(): StackValidationPolicy {
  return {
    name: "aws-allowed-regions",
    description: "Every AWS resource is created in one of the allowed regions.",
    enforcementLevel: "mandatory",
    configSchema: {
      properties: {
        allowedRegions: { type: "array", items: { type: "string" }, default: [...DEFAULT_ALLOWED_REGIONS] },
      },
    },
    validateStack: (args, reportViolation) => {
      const { allowedRegions } = readConfig<AllowedRegionsConfig>(args, {
        allowedRegions: [...DEFAULT_ALLOWED_REGIONS],
      });
      for (const r of args.resources) {
        if (!isAwsResource(r.type)) continue;
        const region = regionOf(r);
        if (region === undefined) reportViolation(`${r.type} "${r.name}" has no region pinned on its provider`, r.urn);
        else if (!allowedRegions.includes(region))
          reportViolation(`${r.type} "${r.name}" is in region ${region}, allowed: ${allowedRegions.join(", ")}`, r.urn);
      }
    },
  };
}
