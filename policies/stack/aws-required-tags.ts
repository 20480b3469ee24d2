import type { StackValidationPolicy } from "@pulumi/policy";
import { TAGGABLE_TYPES, UNKNOWN_TAG_VALUE, effectiveTags, regionOf } from "../lib/aws";
import { readConfig } from "../lib/policy";

export const DEFAULT_REQUIRED_TAGS: readonly string[] = ["project", "stack", "environment", "region", "managed-by"];

export interface RequiredTagsConfig {
  requiredTags: string[];
  /** When set, the `environment` tag must equal it (catches a prod config copied into dev). */
  environment?: string;
}

/**
 * Mandatory: cost allocation and incident response depend on knowing what a resource belongs
 * to, and tags are cheap to fix before creation. Provider `defaultTags` count, because that
 * is where the platform applies them.
 */
export function awsRequiredTags(): StackValidationPolicy {
  return {
    name: "aws-required-tags",
    description: "Taggable AWS resources carry the platform tags (own tags merged over provider defaultTags).",
    enforcementLevel: "mandatory",
    configSchema: {
      properties: {
        requiredTags: { type: "array", items: { type: "string" }, default: [...DEFAULT_REQUIRED_TAGS] },
        environment: { type: "string" },
      },
    },
    validateStack: (args, reportViolation) => {
      const config = readConfig<RequiredTagsConfig>(args, { requiredTags: [...DEFAULT_REQUIRED_TAGS] });
      for (const r of args.resources) {
        if (!TAGGABLE_TYPES.includes(r.type)) continue;
        const tags = effectiveTags(r);
        const what = `${r.type} "${r.name}"`;
        const missing = config.requiredTags.filter((k) => !tags[k]);
        if (missing.length > 0) reportViolation(`${what} is missing tags: ${missing.join(", ")}`, r.urn);
        const comparable = (v: string | undefined) => v !== undefined && v !== "" && v !== UNKNOWN_TAG_VALUE;
        if (config.environment && comparable(tags.environment) && tags.environment !== config.environment)
          reportViolation(`${what} has tag environment=${tags.environment}, expected ${config.environment}`, r.urn);
        const region = regionOf(r);
        if (region && comparable(tags.region) && tags.region !== region)
          reportViolation(`${what} has tag region=${tags.region} but is in ${region}`, r.urn);
      }
    },
  };
}
