import type { RegistryEntry } from "../../lib/registry-entry";
import { dynamodbProtection } from "./dynamodb-protection";

/** This area's policies, in pack order. Adding one: a file exporting its factory, one line here. */
export const dynamodbPolicies: readonly RegistryEntry[] = [{ create: dynamodbProtection }];
