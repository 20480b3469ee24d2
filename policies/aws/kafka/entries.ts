import type { RegistryEntry } from "../../lib/registry-entry";
import { kafkaSecurity } from "./kafka-security";

/** This area's policies, in pack order. Adding one: a file exporting its factory, one line here. */
export const kafkaPolicies: readonly RegistryEntry[] = [{ create: kafkaSecurity }];
