import type { DeployerMode } from "./sections/cluster";
import type { DataSystemsConfig } from "./sections/data-systems";
import type { resolveCost } from "./sections/cost";
import type { AvailabilityPlan, DemandPlan } from "./sections/demand";
import type { SecurityPlan } from "./sections/security";
import type { FailoverPlan } from "../failover/config";
import type { ParsedSections } from "./schema";

export type Environment = ParsedSections["environment"];
export type NetworkConfig = ParsedSections["network"];
/** deployer.mode resolved: in-network in prod, egress-cidrs elsewhere, unless set. */
export type ClusterConfig = ParsedSections["cluster"] & {
  deployer: ParsedSections["cluster"]["deployer"] & { mode: DeployerMode };
};
export type KarpenterConfig = ParsedSections["karpenter"];
export type NodePoolConfig = KarpenterConfig["nodePools"][number];
/** writerRegion: where the writer is now (default primaryRegion); protect: Pulumi protect (default: prod). */
/**
 * memoryGiB: instanceMemoryGiB or the class's nominal memory; connectionLimit: maxConnections or
 * Aurora's default for that memory (both undefined only for a class the table lacks, which is a
 * config error while the database is enabled).
 */
export type DatabaseConfig = ParsedSections["database"] & {
  secondaryRegions: string[];
  writerRegion: string;
  protect: boolean;
  memoryGiB: number | undefined;
  connectionLimit: number | undefined;
};
export type CacheConfig = ParsedSections["cache"] & {
  secondaryRegions: string[];
  global: boolean;
  writerRegion: string;
  protect: boolean;
};
export type EdgeConfig = ParsedSections["edge"] & { hostedZone: string };
type ParsedService = ParsedSections["services"][number];
type ParsedAutoscaling = ParsedSections["autoscaling"];
/** A service with its scaler's replica range and targets filled from `platform:autoscaling`. */
export type ServiceConfig = Omit<ParsedService, "autoscaling"> & {
  autoscaling: {
    hpa?: Required<NonNullable<ParsedService["autoscaling"]["hpa"]>>;
    keda?: NonNullable<ParsedService["autoscaling"]["keda"]> & { minReplicas: number; maxReplicas: number };
  };
};
/** workerProcesses: nginx worker processes, one per CPU of the container limit. */
export type GatewayConfig = ParsedSections["gateway"] & { workerProcesses: number };
/** keda.businessHours.timeZones: the IANA zone each configured region's schedule runs in. */
export type AutoscalingConfig = ParsedAutoscaling & {
  keda: ParsedAutoscaling["keda"] & {
    businessHours: ParsedAutoscaling["keda"]["businessHours"] & { timeZones: Readonly<Record<string, string>> };
  };
};
export type ObservabilityConfig = ParsedSections["observability"];
export type ChaosConfig = ParsedSections["chaos"] & { enabled: boolean };
/** The cost section as plan.json's `usage`: traffic.peakRps is the demand model's design peak. */
export type CostConfig = ReturnType<typeof resolveCost>;
export type MeshConfig = ParsedSections["mesh"];

/** A region after defaults: its AZs are resolved and its role is known. */
export interface RegionConfig {
  readonly name: string;
  readonly vpcCidr: string;
  /** Exactly `network.azCount` AZ names, in slot order. */
  readonly availabilityZones: readonly string[];
  readonly isPrimary: boolean;
  /** IANA zone of the region's business-hours schedule (autoscaling.keda.businessHours.timezone or the region's own). */
  readonly timeZone: string;
}

/** The validated, fully defaulted, frozen configuration handed to components. */
export interface PlatformConfig extends DataSystemsConfig {
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
  /** Seed 003 traces: collector, Jaeger, sampling and retention (built where the mesh is on). */
  readonly tracing: ParsedSections["tracing"];
  /** Seed 002 Fargate batch: the Job template, its schedule, where it runs. */
  readonly batch: ParsedSections["batch"];
  /** Seed 002 Jenkins: one controller (primary region by default), EFS home, KEDA agents, CodeBuild. */
  readonly jenkins: ParsedSections["jenkins"];
  /** The one traffic model (users, daily active share, requests, peak factor, seed 003 floor) and its design peak. */
  readonly demand: DemandPlan;
  /** Availability objective (percent) and the failure budget it allows per 30-day month. */
  readonly availability: AvailabilityPlan;
  /** Writer promotion, the cache writer name's TTL and the region drill (components/failover/config.ts). */
  readonly failover: FailoverPlan;
  /** Things about the stack file worth a person's attention (e.g. a key read at its new place). */
  readonly notices: readonly string[];
}
