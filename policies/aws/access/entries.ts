import type { RegistryEntry } from "../../lib/registry-entry";
import { accessModel, accessModelAdvisory } from "./access-model";
import { elasticacheRbac, elasticacheUserScope } from "./cache-rbac";

/** This area's policies, in pack order. Adding one: a file exporting its factory, one line here. */
export const accessPolicies: readonly RegistryEntry[] = [
  { create: accessModel },
  { create: accessModelAdvisory },
  { create: elasticacheRbac },
  { create: elasticacheUserScope },
];
