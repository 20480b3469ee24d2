import type { SecurityPlan } from "./sections/security";
import type { ParsedSections } from "./schema";

export type Environment = ParsedSections["environment"];
export type NetworkConfig = ParsedSections["network"];
export type ClusterConfig = ParsedSections["cluster"];
export type KarpenterConfig = ParsedSections["karpenter"];
export type NodePoolConfig = KarpenterConfig["nodePools"][number];
/** writerRegion: where the writer is now (default primaryRegion); protect: Pulumi protect (default: prod). */
export type DatabaseConfig = ParsedSections["database"] & {
  secondaryRegions: string[];
  writerRegion: string;
  protect: boolean;
};
export type CacheConfig = ParsedSections["cache"] & {
  secondaryRegions: string[];
  global: boolean;
  writerRegion: string;
  protect: boolean;
};
export type EdgeConfig = ParsedSections["edge"] & { hostedZone: string };
export type ServiceConfig = ParsedSections["services"][number];
export type GatewayConfig = ParsedSections["gateway"];
export type AutoscalingConfig = ParsedSections["autoscaling"];
export type ObservabilityConfig = ParsedSections["observability"];
export type ChaosConfig = ParsedSections["chaos"] & { enabled: boolean };
export type CostConfig = ParsedSections["cost"];
export type MeshConfig = ParsedSections["mesh"];

/** A region after defaults: its AZs are resolved and its role is known. */
export interface RegionConfig {
  readonly name: string;
  readonly vpcCidr: string;
  /** Exactly `network.azCount` AZ names, in slot order. */
  readonly availabilityZones: readonly string[];
  readonly isPrimary: boolean;
}

/** The validated, fully defaulted, frozen configuration handed to components. */
export interface PlatformConfig {
  readonly project: string;
  readonly stack: string;
  readonly name: string;
  readonly environment: Environment;
  readonly regions: readonly RegionConfig[];
  readonly primaryRegion: string;
  /** Regions this stack may use (`platform:allowedRegions`); the allowed-regions policy gets the same list. */
  readonly allowedRegions: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  readonly network: NetworkConfig;
  readonly cluster: ClusterConfig;
  readonly karpenter: KarpenterConfig;
  readonly database: DatabaseConfig;
  readonly cache: CacheConfig;
  readonly edge: EdgeConfig;
  readonly services: readonly ServiceConfig[];
  readonly gateway: GatewayConfig;
  readonly autoscaling: AutoscalingConfig;
  readonly observability: ObservabilityConfig;
  readonly chaos: ChaosConfig;
  /** k6 load tests (seed 002), opt-in. */
  readonly loadTests: ParsedSections["loadTests"];
  /** Usage assumptions and budget for the cost estimate (written to plan.json as `usage`). */
  readonly cost: CostConfig;
  /** Detection services (GuardDuty, AWS Config, Security Hub), resolved: on by default in prod. */
  readonly security: SecurityPlan;
  /** Istio ambient mesh: mTLS, circuit breaking, retries/timeouts for the apps namespace. */
  readonly mesh: MeshConfig;
}
