import type { RegistryEntry } from "../lib/registry-entry";
import { awsAllowedRegions } from "./aws-allowed-regions";
import { awsNoDefaultProvider } from "./aws-no-default-provider";
import { awsRequiredTags } from "./aws-required-tags";
import { alarmSubscriptions } from "./alarm-subscriptions";
import { costBudget } from "./cost-budget";
import { detectionServices } from "./detection-services";

/** This area's policies, in pack order. Adding one: a file exporting its factory, one line here. */
export const stackPolicies: readonly RegistryEntry[] = [
  { create: awsNoDefaultProvider },
  { create: awsAllowedRegions },
  { create: awsRequiredTags },
  // Advisory while a stack sets no budget; with one, mandatory in prod/staging.
  { create: costBudget, strict: "mandatory" },
  // Advisory in dev (off by default there, alarms may go nowhere); mandatory in prod/staging.
  { create: detectionServices, strict: "mandatory" },
  { create: alarmSubscriptions, strict: "mandatory" },
];
