import type { RegistryEntry } from "../../lib/registry-entry";
import { elasticacheRbac, elasticacheUserScope } from "./cache-rbac";
import { noForeignAccess } from "./foreign-access";

/**
 * This area's policies, in pack order. Adding one: a file exporting its factory, one line here.
 * The plan-wide access model (who may act on what) runs with the plan (tools/access/violations.ts):
 * it reads outputs only the mock engine gives; these decide from one resource's inputs.
 */
export const accessPolicies: readonly RegistryEntry[] = [
  { create: elasticacheRbac },
  { create: elasticacheUserScope },
  { create: noForeignAccess },
];
