import type { RegistryEntry } from "../lib/registry-entry";
import { autoscaledNoReplicas } from "./autoscaled-no-replicas";
import { chaosScoped } from "./chaos-scoped";
import { fargatePodCompatible } from "./fargate-pod-compatible";
import { imageDigest } from "./image-digest";
import { imageTagPinned } from "./image-tag-pinned";
import { meshDestinationRules } from "./mesh-destination-rules";
import { meshIstioSchema } from "./mesh-istio-schema";
import { meshMtlsStrict } from "./mesh-mtls-strict";
import { meshTracingProvider } from "./mesh-tracing-provider";
import { meshWaypoint } from "./mesh-waypoint";
import { noExternalService } from "./no-external-service";
import { pdbForReplicated } from "./pdb-for-replicated";
import { podSecurityRestricted } from "./pod-security-restricted";
import { namespacePodSecurity } from "./namespace-pod-security";
import { probes } from "./probes";
import { prometheusRuleLabel } from "./prometheus-rule-label";
import { readOnlyRootFilesystem } from "./read-only-root-filesystem";
import { resourceRequestsLimits } from "./resource-requests-limits";
import { singleAutoscaler } from "./single-autoscaler";

/** This area's policies, in pack order. Adding one: a file exporting its factory, one line here. */
export const kubernetesPolicies: readonly RegistryEntry[] = [
  { create: podSecurityRestricted },
  { create: readOnlyRootFilesystem, strict: "mandatory" },
  { create: resourceRequestsLimits },
  { create: probes, strict: "mandatory" },
  { create: imageTagPinned },
  // Advisory in dev (tags), mandatory in prod/staging, where images are resolved to digests.
  { create: imageDigest, strict: "mandatory" },
  { create: noExternalService },
  { create: pdbForReplicated, strict: "mandatory" },
  { create: singleAutoscaler },
  { create: autoscaledNoReplicas },
  { create: prometheusRuleLabel },
  { create: chaosScoped },
  { create: meshMtlsStrict, strict: "mandatory" },
  { create: meshDestinationRules },
  { create: meshWaypoint },
  { create: meshIstioSchema },
  { create: namespacePodSecurity },
  { create: meshTracingProvider },
  { create: fargatePodCompatible },
];
