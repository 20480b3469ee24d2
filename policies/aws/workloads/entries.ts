import type { RegistryEntry } from "../../lib/registry-entry";
import { sqsEncryption } from "./sqs-encryption";

/** This area's policies, in pack order. Adding one: a file exporting its factory, one line here. */
export const workloadsPolicies: readonly RegistryEntry[] = [{ create: sqsEncryption }];
