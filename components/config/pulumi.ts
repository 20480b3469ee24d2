import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "./errors";
import { loadConfig } from "./load";
import type { PlatformConfig } from "./types";

/**
 * The single place that reads Pulumi config. A RunError makes `pulumi up`
 * print the report without a stack trace, before any resource is registered.
 */
export function loadStackConfig(): PlatformConfig {
  try {
    return loadConfig(pulumi.runtime.allConfig(), { project: pulumi.getProject(), stack: pulumi.getStack() });
  } catch (err) {
    if (err instanceof ConfigError) throw new pulumi.RunError(err.message);
    throw err;
  }
}
