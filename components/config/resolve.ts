import type { ParsedSections } from "./schema";
import { auroraClassMemoryGiB, auroraDefaultMaxConnections, availabilityZonesOf } from "./aws-domains";
import { cpuMillis } from "./primitives";
import { replicaBounds } from "./sections/replicas";
import { deployerModeOf } from "./sections/cluster";
import { resolveSecurity } from "./sections/security";
import { resolveDataSystems } from "./sections/data-systems";
import { resolveCost } from "./sections/cost";
import { resolveAvailability, resolveDemand } from "./sections/demand";
import { resolveFailover } from "../failover/config";
import { REGION_TIME_ZONES, regionTimeZone } from "./timezones";
import type { LoadContext } from "./load";
import type { PlatformConfig, RegionConfig, ServiceConfig } from "./types";

const AZ_LETTERS = "abcdef";

/**
 * Every default that depends on another key or on AWS facts, applied here once. Components read
 * the result and never call back into config: a walk from a stack key to a resource input goes
 * stack file -> section schema -> this function -> the component that sets the input.
 */
export function resolve(p: ParsedSections, ctx: LoadContext, notices: readonly string[] = []): PlatformConfig {
  const primaryRegion = p.primaryRegion ?? p.regions[0].name;
  const others = p.regions.map((r) => r.name).filter((r) => r !== primaryRegion);
  const zoneOverride = p.autoscaling.keda.businessHours.timezone;
  const regions: RegionConfig[] = p.regions.map((r) => ({
    name: r.name,
    vpcCidr: r.vpcCidr,
    availabilityZones: (
      r.availabilityZones ??
      availabilityZonesOf(r.name) ??
      [...AZ_LETTERS].map((l) => `${r.name}${l}`)
    ).slice(0, p.network.azCount),
    isPrimary: r.name === primaryRegion,
    timeZone: regionTimeZone(r.name, zoneOverride),
  }));
  const demand = resolveDemand({ ...p.demand, peakRps: p.demand.peakRps ?? p.cost.traffic.peakRps });
  const memoryGiB = p.database.instanceMemoryGiB ?? auroraClassMemoryGiB(p.database.instanceClass);
  return {
    project: ctx.project,
    stack: ctx.stack,
    name: p.name ?? ctx.project,
    environment: p.environment,
    regions,
    primaryRegion,
    allowedRegions: p.allowedRegions,
    tags: p.tags,
    network: p.network,
    cluster: {
      ...p.cluster,
      deployer: { ...p.cluster.deployer, mode: deployerModeOf(p.cluster, p.environment) },
    },
    karpenter: p.karpenter,
    database: {
      ...p.database,
      secondaryRegions: p.database.secondaryRegions ?? others,
      writerRegion: p.database.writerRegion ?? primaryRegion,
      protect: p.database.protect ?? p.environment === "prod",
      memoryGiB,
      connectionLimit:
        p.database.maxConnections ?? (memoryGiB === undefined ? undefined : auroraDefaultMaxConnections(memoryGiB)),
    },
    cache: {
      ...p.cache,
      secondaryRegions: p.cache.secondaryRegions ?? others.slice(0, 2),
      global: p.cache.global ?? others.length > 0,
      writerRegion: p.cache.writerRegion ?? primaryRegion,
      protect: p.cache.protect ?? p.environment === "prod",
    },
    edge: {
      ...p.edge,
      hostedZone: p.edge.hostedZone ?? p.edge.domain,
      // Staging and prod make WAF logging mandatory (policies/config): their defaults must pass it.
      waf: { ...p.edge.waf, logging: p.edge.waf.logging ?? p.environment !== "dev" },
    },
    services: p.services.map((s) => resolveService(s, p.autoscaling)),
    gateway: {
      ...p.gateway,
      // nginx: one worker process per CPU of the container's limit.
      workerProcesses: Math.max(1, Math.ceil(cpuMillis(p.gateway.resources.limits.cpu) / 1000)),
    },
    autoscaling: {
      ...p.autoscaling,
      keda: {
        ...p.autoscaling.keda,
        businessHours: {
          ...p.autoscaling.keda.businessHours,
          // Every known region, not only this stack's: a region added later plans without a trip back here.
          timeZones: Object.fromEntries(
            [...new Set([...Object.keys(REGION_TIME_ZONES), ...regions.map((r) => r.name)])].map((r) => [
              r,
              regionTimeZone(r, zoneOverride),
            ]),
          ),
        },
      },
    },
    observability: p.observability,
    chaos: { ...p.chaos, enabled: p.chaos.enabled ?? p.environment === "dev" },
    loadTests: p.loadTests,
    cost: resolveCost(p.cost, demand),
    security: resolveSecurity(p.security, p.environment),
    mesh: p.mesh,
    tracing: p.tracing,
    ...resolveDataSystems(p, primaryRegion),
    batch: p.batch,
    jenkins: p.jenkins,
    demand,
    availability: resolveAvailability(p.availability),
    failover: resolveFailover(p.failover, p.environment),
    notices,
  };
}

/** A service with its replica range and HPA targets filled from `platform:autoscaling`. */
function resolveService(s: ParsedSections["services"][number], a: ParsedSections["autoscaling"]): ServiceConfig {
  const { hpa, keda } = s.autoscaling;
  const range = replicaBounds(s, a);
  if (hpa && range)
    return {
      ...s,
      autoscaling: {
        hpa: {
          minReplicas: range.min,
          maxReplicas: range.max,
          cpuPercent: hpa.cpuPercent ?? a.hpa.cpuPercent,
          memoryPercent: hpa.memoryPercent ?? a.hpa.memoryPercent,
        },
      },
    };
  if (keda && range)
    return { ...s, autoscaling: { keda: { ...keda, minReplicas: range.min, maxReplicas: range.max } } };
  return { ...s, autoscaling: {} };
}
