import type { RegistryEntry } from "../../lib/registry-entry";
import { ec2NodeClassEncryptedVolumes } from "./ec2nodeclass-encrypted-volumes";
import { ec2NodeClassImdsv2 } from "./ec2nodeclass-imdsv2";

/** This area's policies, in pack order. Adding one: a file exporting its factory, one line here. */
export const karpenterPolicies: readonly RegistryEntry[] = [
  { create: ec2NodeClassImdsv2 },
  { create: ec2NodeClassEncryptedVolumes },
];
