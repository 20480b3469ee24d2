import type { StackValidationPolicy } from "@pulumi/policy";
import { isAwsResource, regionOf } from "../lib/aws";
import { readConfig } from "../lib/policy";

/**
 * The seeds' footprint: primary us-east-1, secondaries us-west-2 and eu-west-1. Same default as
 * `platform:allowedRegions` (components/config/regions.ts; a test holds them equal). A stack that
 * sets its own list gets it here through --policy-pack-config (npm run policy-config) and offline
 * through tools/plan-lib.ts.
 */
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
      // One violation per disallowed region, not one per resource: a stack in the wrong region
      // would otherwise bury the report under hundreds of identical lines.
      const outside = new Map<string, { type: string; name: string; urn: string }[]>();
      for (const r of args.resources) {
        if (!isAwsResource(r.type)) continue;
        const region = regionOf(r);
        if (region === undefined) reportViolation(`${r.type} "${r.name}" has no region pinned on its provider`, r.urn);
        else if (!allowedRegions.includes(region)) outside.set(region, [...(outside.get(region) ?? []), r]);
      }
      for (const [region, rs] of outside) {
        const what =
          rs.length === 1
            ? `${rs[0].type} "${rs[0].name}" is`
            : `${rs.length} AWS resources (first: ${rs[0].type} "${rs[0].name}") are`;
        reportViolation(
          `${what} in region ${region}, allowed: ${allowedRegions.join(", ")}; to use ${region}, add it to platform:allowedRegions and pass \`npm run policy-config -- --stack <stack>\` as --policy-pack-config`,
          rs[0].urn,
        );
      }
    },
  };
}
