import type { EnforcementLevel } from "@pulumi/policy";
import type { PlatformPolicy } from "./policy";

/** One policy of the pack: its factory and, when stricter, its level in strict environments. */
export interface RegistryEntry {
  create: () => PlatformPolicy;
  /** Level in strict environments (see STRICT_ENVIRONMENTS) when stricter than the default. */
  strict?: EnforcementLevel;
}
