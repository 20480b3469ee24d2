import { FargateBatch } from "../batch/component";
import { Chaos } from "../chaos/component";
import type { PlatformConfig } from "../config";
import { LoadTests } from "../loadtest/component";
import { Mesh } from "../mesh";
import { Observability } from "../observability/stack";
import type { RegionContext } from "../region-context";
import type { ImageResolver } from "../security/image-digests";
import { Workloads, type DataConnection } from "../workloads/workloads";

/** The global tier's handles one region's apps need, typed (nothing else of the global tier reaches them). */
export interface GlobalHandles {
  /** This region's data-tier connection: endpoints ConfigMap data, cache AUTH secret, database users. */
  connection: DataConnection;
  /** Maps each configured image to what pods pull (repo@sha256 resolved once for every region). */
  images: ImageResolver;
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
  | "batch"
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
 * it enrols), the workloads, observability, the apps namespace's mesh objects, chaos experiments
 * and load tests (both opt-in). Pulumi names are `${region}-<stage>` as they always were.
 */
export function deployApps(region: RegionContext, config: AppsSettings, global: GlobalHandles): RegionApps {
  const opts = { parent: region.parent };
  const name = region.name;
  const mesh = config.mesh.enabled ? new Mesh(`${name}-mesh`, { config, region }, opts) : undefined;
  const workloads = new Workloads(
    `${name}-workloads`,
    { config, region, connection: global.connection, mesh, images: global.images },
    opts,
  );
  const observability = config.observability.enabled
    ? new Observability(`${name}-observability`, { config, region, scrapeKeda: workloads.facts.usesKeda }, opts)
    : undefined;
  // The apps namespace's mesh objects once it exists; monitors once the Prometheus CRDs are in.
  mesh?.attachApps({ namespace: workloads.namespace, monitoringCrds: observability?.release });
  // Experiments and test runs live in the apps namespace and exercise the alerts.
  const appsReady = [workloads.namespace, ...(observability ? [observability.release] : [])];
  if (config.chaos.enabled || config.chaos.production.enabled)
    new Chaos(`${name}-chaos`, { config, region, dependsOn: appsReady }, opts);
  if (config.loadTests.enabled) new LoadTests(`${name}-loadtests`, { config, region, dependsOn: appsReady }, opts);
  if (config.batch.enabled && (config.batch.regions === "all" || region.config.isPrimary))
    new FargateBatch(`${name}-batch`, { config: config.batch, region, images: global.images }, opts);
  return { workloads, mesh, observability };
}
