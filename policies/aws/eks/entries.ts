import type { RegistryEntry } from "../../lib/registry-entry";
import { codebuildRunnerScope } from "./codebuild-runner-scope";
import { eksAuthenticationMode } from "./eks-authentication-mode";
import { eksControlPlaneLogGroup } from "./eks-control-plane-log-group";
import { eksControlPlaneLogs } from "./eks-control-plane-logs";
import { eksDeployerPath } from "./eks-deployer-path";
import { eksEndpointExposure } from "./eks-endpoint-exposure";
import { eksSecretsEncryption } from "./eks-secrets-encryption";
import { iamNoWildcardAdmin } from "./iam-no-wildcard-admin";
import { iamTrustConditions } from "./iam-trust-conditions";
import { launchTemplateHardened } from "./launch-template-hardened";

/** This area's policies, in pack order. Adding one: a file exporting its factory, one line here. */
export const eksPolicies: readonly RegistryEntry[] = [
  { create: eksSecretsEncryption },
  { create: eksControlPlaneLogs },
  { create: eksControlPlaneLogGroup },
  { create: eksEndpointExposure },
  { create: eksDeployerPath },
  { create: codebuildRunnerScope },
  { create: eksAuthenticationMode },
  { create: iamNoWildcardAdmin },
  { create: iamTrustConditions },
  { create: launchTemplateHardened },
];
