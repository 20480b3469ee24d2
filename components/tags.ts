import type { PlatformConfig } from "./config";

/** Tag keys every taggable AWS resource carries (policy `required-tags`). */
export const REQUIRED_TAG_KEYS = ["project", "stack", "environment", "region", "managed-by"] as const;

/**
 * Provider default tags for one region. User tags go first so the required
 * keys can never be overridden by config.
 */
export function defaultTags(
  config: Pick<PlatformConfig, "project" | "stack" | "environment" | "tags">,
  region: string,
): Record<string, string> {
  return {
    ...config.tags,
    project: config.project,
    stack: config.stack,
    environment: config.environment,
    region,
    "managed-by": "pulumi",
  };
}

/** Resource-level tags: a Name plus role tags; merged after provider default tags by AWS. */
export function nameTags(name: string, extra: Record<string, string> = {}): Record<string, string> {
  return { Name: name, ...extra };
}
