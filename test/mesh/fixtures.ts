import { meshSchema } from "../../components/config/sections/mesh";
import { gatewaySchema, servicesSchema } from "../../components/config/sections/workloads";
import type { GatewayConfig, MeshConfig, ServiceConfig } from "../../components/config/types";
import type { MeshPlanInput } from "../../components/mesh/plan";

/**
 * Mesh planning input from the sections' own defaults (seed catalogue, seed 002 numbers), without
 * a whole stack config: the mesh depends on no other section's cross-field rules.
 */
export function meshInput(
  overrides: { mesh?: Record<string, unknown> } & Omit<Partial<MeshPlanInput>, "mesh"> = {},
): MeshPlanInput {
  const { mesh, ...rest } = overrides;
  return {
    mesh: meshSchema.parse(mesh ?? {}) as MeshConfig,
    environment: "prod",
    services: servicesSchema.parse(undefined) as ServiceConfig[],
    gateway: gatewaySchema.parse(undefined) as GatewayConfig,
    vpcCidr: "10.10.0.0/16",
    kubernetesVersion: "1.34",
    ...rest,
  };
}
