import type { RegistryEntry } from "../../lib/registry-entry";
import { awsPhysicalNames } from "./physical-names";

/** This area's policies, in pack order. Adding one: a file exporting its factory, one line here. */
export const namesPolicies: readonly RegistryEntry[] = [{ create: awsPhysicalNames }];
