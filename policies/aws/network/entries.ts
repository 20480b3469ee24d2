import type { RegistryEntry } from "../../lib/registry-entry";
import { noWorldIngress } from "./no-world-ingress";
import { securityGroupDescriptions } from "./security-group-descriptions";
import { subnetPublicIp } from "./subnet-public-ip";
import { vpcFlowLogs } from "./vpc-flow-logs";

/** This area's policies, in pack order. Adding one: a file exporting its factory, one line here. */
export const networkPolicies: readonly RegistryEntry[] = [
  { create: vpcFlowLogs },
  { create: subnetPublicIp },
  { create: noWorldIngress },
  { create: securityGroupDescriptions, strict: "mandatory" },
];
