import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./lib/registry";

// Levels per stack come from `--policy-pack-config policies/config/<environment>.json`
// (generated from policyConfigFor; see README.md).
new PolicyPack("platform-policies", { policies: allPolicies() });
