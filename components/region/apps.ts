import { FargateBatch } from "../batch/component";
import { jenkinsRunsIn } from "../config/sections/jenkins";
import { Jenkins } from "../jenkins/component";
import { Chaos } from "../chaos/component";
import type { PlatformConfig } from "../config";
import { LoadTests } from "../loadtest/component";
import { BurstProcessor } from "../lambda/burst-processor";
import { Mesh } from "../mesh";
import { Observability } from "../observability/stack";
import { Tracing } from "../tracing/component";
import { tracingExtensionProvider } from "../tracing/names";
import type { ImageResolver } from "../security/image-digests";
import { Workloads, type DataConnection } from "../workloads/workloads";
import type { Region } from "./foundation";
import { bindGateway, type EdgeBinding } from "./gateway-binding";

/** The global tier's handles one region's apps need, typed (nothing else of the global tier reaches them). */
export interface GlobalHandles {
  /** This region's data-tier connection: endpoints ConfigMap data, cache AUTH secret, database users. */
  connection: DataConnection;
  /** Maps each configured image to what pods pull (repo@sha256 resolved once for every region). */
  images: ImageResolver;
  /** This region's edge (ALB target group) the gateway is bound to; omitted when edge.enabled is false. */
  edge?: EdgeBinding;
}

/** The config sections the apps stage's components read (each component's Args name which). */
export type AppsSettings = Pick<
  PlatformConfig,
  | "mesh"
  | "environment"
  | "services"
  | "gateway"
  | "cluster"
  | "autoscaling"
  | "chaos"
  | "regions"
  | "observability"
  | "loadTests"
  | "tracing"
  | "batch"
  | "jenkins"
  | "burstProcessor"
  | "demand"
>;

/** What one region's apps stage built. */
export interface RegionApps {
  /** Services, gateway, autoscaling, queue. */
  readonly workloads: Workloads;
  /** The Istio ambient mesh (undefined when mesh.enabled is false). */
  readonly mesh?: Mesh;
  /** kube-prometheus-stack, rules, monitors (undefined when observability.enabled is false). */
  readonly observability?: Observability;
}

/**
 * One region's apps, parented under the region: the mesh (after the cluster, before the workloads
 * it enrols), the workloads and the gateway's binding to the edge (a child of the RegionalEdge), observability, the apps namespace's mesh objects, chaos experiments
 * and load tests (both opt-in). Pulumi names are `${region}-<stage>` as they always were.
 */
export function deployApps(foundation: Region, config: AppsSettings, global: GlobalHandles): RegionApps {
  const region = foundation.context;
  const opts = { parent: region.parent };
  const name = region.name;
  const tracingProvider = config.tracing.enabled ? tracingExtensionProvider() : undefined;
  const mesh = config.mesh.enabled ? new Mesh(`${name}-mesh`, { config, region, tracingProvider }, opts) : undefined;
  const workloads = new Workloads(
    `${name}-workloads`,
    { config, region, connection: global.connection, mesh, images: global.images },
    opts,
  );
  if (global.edge)
    bindGateway(global.edge, {
      gatewayService: workloads.gatewayService,
      lbControllerRelease: foundation.lbController.release,
      cluster: region.cluster,
    });
  const observability = config.observability.enabled
    ? new Observability(
        `${name}-observability`,
        {
          config,
          region,
          scrapeKeda: workloads.facts.usesKeda,
          scrapeJenkins: jenkinsRunsIn(config.jenkins, name, region.config.isPrimary)
            ? config.jenkins.namespace
            : undefined,
        },
        opts,
      )
    : undefined;
  // The apps namespace's mesh objects once it exists; monitors once the Prometheus CRDs are in.
  mesh?.attachApps({ namespace: workloads.namespace, monitoringCrds: observability?.release });
  // Experiments and test runs live in the apps namespace and exercise the alerts.
  const appsReady = [workloads.namespace, ...(observability ? [observability.release] : [])];
  if (config.chaos.enabled || config.chaos.production.enabled)
    new Chaos(`${name}-chaos`, { config, region, dependsOn: appsReady }, opts);
  if (config.loadTests.enabled) new LoadTests(`${name}-loadtests`, { config, region, dependsOn: appsReady }, opts);
  // Seed 002's burst processor takes jobs off the queue the workers consume (no queue, nothing to burst).
  if (config.burstProcessor.enabled && workloads.queue)
    new BurstProcessor(`${name}-burst`, { config: config.burstProcessor, region, queue: workloads.queue }, opts);
  // Spans come from the waypoints: without the mesh there is nothing to trace.
  if (mesh && config.tracing.enabled) {
    const meshReleases = [mesh.releases.base, mesh.releases.istiod];
    const tracingArgs = { config: config.tracing, region, meshReleases, appsNamespace: workloads.namespace };
    new Tracing(`${name}-tracing`, tracingArgs, opts);
  }
  if (config.batch.enabled && (config.batch.regions === "all" || region.config.isPrimary))
    new FargateBatch(`${name}-batch`, { config: config.batch, region, images: global.images }, opts);
  // One controller (seed 002): in platform:jenkins.region, else the primary region. Its agents scale on
  // Prometheus through KEDA (config rules require observability; KEDA comes with the workloads or Jenkins).
  if (observability && jenkinsRunsIn(config.jenkins, name, region.config.isPrimary)) {
    const kedaRelease = workloads.keda;
    const kubernetesVersion = config.cluster.kubernetesVersion;
    const protect = config.environment === "prod";
    const jenkinsArgs = {
      config: config.jenkins,
      kubernetesVersion,
      region,
      kedaRelease,
      protect,
      images: global.images,
    };
    new Jenkins(`${name}-jenkins`, { ...jenkinsArgs, monitoringRelease: observability.release }, opts);
  }
  return { workloads, mesh, observability };
}
