import { z } from "zod";
import { allowedRegionsSchema, environmentSchema, projectNameSchema, regionsSchema, tagsSchema } from "./sections/core";
import { networkSchema } from "./sections/network";
import { clusterSchema } from "./sections/cluster";
import { karpenterSchema } from "./sections/karpenter";
import { cacheSchema, databaseSchema } from "./sections/data";
import { edgeSchema } from "./sections/edge";
import { autoscalingSchema, gatewaySchema, servicesSchema } from "./sections/workloads";
import { chaosSchema, loadTestsSchema, observabilitySchema } from "./sections/operations";
import { costSchema } from "./sections/cost";
import { securitySchema } from "./sections/security";
import { meshSchema } from "./sections/mesh";
import { tracingSchema } from "./sections/tracing";
import { DATA_SYSTEM_SECTIONS } from "./sections/data-systems";
import { batchSchema } from "./sections/batch";
import { jenkinsSchema } from "./sections/jenkins";
import { availabilitySchema, demandSchema } from "./sections/demand";
import { failoverSchema } from "../failover/config";

/**
 * Every `platform:<key>` the program reads. Each key is parsed on its own so a
 * mistake in one section never hides mistakes in another.
 */
export const CONFIG_SECTIONS = {
  environment: environmentSchema,
  /** Prefix of physical names; default: the Pulumi project name. */
  name: projectNameSchema.optional(),
  regions: regionsSchema,
  primaryRegion: z.string().optional(),
  allowedRegions: allowedRegionsSchema,
  tags: tagsSchema.default({}),
  network: networkSchema,
  cluster: clusterSchema,
  karpenter: karpenterSchema,
  database: databaseSchema,
  cache: cacheSchema,
  edge: edgeSchema,
  services: servicesSchema,
  gateway: gatewaySchema,
  autoscaling: autoscalingSchema,
  observability: observabilitySchema,
  chaos: chaosSchema,
  loadTests: loadTestsSchema,
  cost: costSchema,
  security: securitySchema,
  mesh: meshSchema,
  tracing: tracingSchema,
  ...DATA_SYSTEM_SECTIONS,
  batch: batchSchema,
  jenkins: jenkinsSchema,
  demand: demandSchema,
  availability: availabilitySchema,
  failover: failoverSchema,
} as const;

export type SectionKey = keyof typeof CONFIG_SECTIONS;
export type ParsedSections = { [K in SectionKey]: z.output<(typeof CONFIG_SECTIONS)[K]> };

/** Keys without a default: the stack file must set them. */
export const REQUIRED_KEYS: readonly SectionKey[] = ["environment", "regions"];
