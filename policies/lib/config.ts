import type { EnforcementLevel, PolicyPackConfig } from "@pulumi/policy";
import { DEFAULT_ALLOWED_REGIONS } from "../stack/aws-allowed-regions";
import { DETECTION_SERVICES } from "../stack/detection-services";
import { REGISTRY } from "./registry";

/**
 * Environments where advisory hygiene policies become mandatory. Staging is included because
 * it rehearses prod: a change that prod would block should be blocked there first.
 */
export const STRICT_ENVIRONMENTS: readonly string[] = ["staging", "prod"];

export interface PolicyConfigOptions {
  /** Overrides the allowed-regions default (the seeds' three regions). */
  allowedRegions?: readonly string[];
  /**
   * `platform:security` resolved (which detection services the stack runs). Unset: the
   * environment's default, the same as components/config/sections/security.ts: all three in prod, none
   * elsewhere.
   */
  detection?: { readonly guardDuty: boolean; readonly awsConfig: boolean; readonly securityHub: boolean };
}

/**
 * The policy pack config a stack should run with (`--policy-pack-config`, and the offline
 * evaluator's base): strict levels in strict environments, the expected `environment` tag,
 * the allowed regions.
 */
export function policyConfigFor(environment: string, options: PolicyConfigOptions = {}): PolicyPackConfig {
  const config: PolicyPackConfig = {
    "aws-allowed-regions": { allowedRegions: [...(options.allowedRegions ?? DEFAULT_ALLOWED_REGIONS)] },
    "aws-required-tags": { environment },
    "aws-detection-services": {
      required: DETECTION_SERVICES.filter((d) => (options.detection ? options.detection[d] : environment === "prod")),
    },
  };
  if (!STRICT_ENVIRONMENTS.includes(environment)) return config;
  for (const entry of REGISTRY) {
    if (!entry.strict) continue;
    const name = entry.create().name;
    const existing = config[name];
    config[name] = {
      ...(typeof existing === "object" ? existing : {}),
      enforcementLevel: entry.strict as EnforcementLevel,
    };
  }
  return config;
}
