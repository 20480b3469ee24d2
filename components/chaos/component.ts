import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { installAddon } from "../addons/addon";
import { CHAOS_MESH } from "../addons/chaos-mesh";
import type { PlatformConfig } from "../config/types";
import { GATEWAY_SERVICE, NAMESPACES, PROMETHEUS_RELEASE } from "../k8s-names";
import { prometheusRuleManifest, ruleSelectorLabels } from "../observability/rules";
import { gatewayHypothesisRules } from "./hypotheses";
import type { RegionContext } from "../region-context";
import { planChaosExperiments } from "./plan";
import { productionPodFailure } from "./production";
import { chaosNetworkPolicies } from "./network";
import { chaosMeshValues, chaosNamespaceLabels } from "./values";

/** The config sections the Chaos component reads. */
export type ChaosSettings = Pick<PlatformConfig, "chaos" | "services" | "environment"> &
  Partial<Pick<PlatformConfig, "observability">>;

export interface ChaosArgs {
  /** Validated stack config: `chaos` (experiments), `services` (targets), `environment` (controller replicas). */
  config: ChaosSettings;
  /** The region: its cluster's k8s provider carries every resource. */
  region: Pick<RegionContext, "cluster"> & { vpc: Pick<RegionContext["vpc"], "cidrBlock"> };
  /**
   * Created before the experiments (and deleted after them): the apps namespace the Schedules
   * live in, and the observability release whose alerts they exercise.
   */
  dependsOn?: pulumi.Resource[];
}

/**
 * Chaos Mesh and the platform's scheduled experiments for one cluster: pod-failure on a share
 * of each target service's pods, latency on every reply of a service, CPU stress on a service
 * (its HPA should react), and pod-kill on the gateway. Each Schedule states its hypothesis
 * (`platform.io/hypothesis`: the alerts it fires, or the alerts that must stay silent; see
 * types.ts). Only created when `chaos.enabled`.
 */
export class Chaos extends pulumi.ComponentResource {
  public readonly release: k8s.helm.v3.Release;
  /** Kubernetes names of the Schedules created. */
  public readonly experiments: string[];

  constructor(name: string, args: ChaosArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:chaos:Chaos", name, {}, opts);
    const { config } = args;
    const { cluster } = args.region;
    const kp = { parent: this, provider: cluster.k8sProvider };

    // Planned first: a bad experiment fails before anything is registered.
    const schedules: { apiVersion: string; kind: string; metadata: { name: string }; spec: unknown }[] = config.chaos
      .enabled
      ? planChaosExperiments({
          ...config.chaos,
          namespace: GATEWAY_SERVICE.namespace,
          services: config.services.map((s) => s.name),
          gateway: GATEWAY_SERVICE.name,
        })
      : [];
    // Seed 002's production experiment, opt-in, each run guarded by an abort check.
    if (config.chaos.production.enabled) schedules.push(...productionSchedules(config));

    const namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      {
        metadata: { name: NAMESPACES.chaos, labels: chaosNamespaceLabels() },
      },
      // Only the API server: the namespace waits for no node or add-on.
      kp,
    );

    // Default deny, then the controller's, daemon's and dashboard's own paths (./network.ts).
    const guarded = schedules.some((s) => (s.spec as { type?: string } | undefined)?.type === "Workflow");
    const policies = chaosNetworkPolicies(args.region.vpc.cidrBlock, guarded).map(
      (p) =>
        new k8s.networking.v1.NetworkPolicy(`${name}-netpol-${p.metadata.name}`, p, { ...kp, dependsOn: [namespace] }),
    );

    this.release = installAddon(
      `${name}-chaos-mesh`,
      CHAOS_MESH,
      {
        values: chaosMeshValues({ controllerReplicas: config.environment === "prod" ? 3 : 1 }),
        namespace: namespace.metadata.name,
        // The controller runs on the system nodes; the daemon follows every node as it joins.
        dependsOn: [...cluster.workloadDependencies, ...policies],
      },
      kp,
    );

    const crd = { ...kp, dependsOn: [this.release, ...(args.dependsOn ?? [])] };
    for (const s of schedules) {
      new k8s.apiextensions.CustomResource(
        `${name}-${s.metadata.name.replace(/^chaos-/, "")}`,
        { apiVersion: s.apiVersion, kind: s.kind, metadata: s.metadata, spec: s.spec as Record<string, unknown> },
        crd,
      );
    }
    // The gateway pod-kill's steady state is read from nginx's own counters (hypotheses.ts).
    // Only with the Prometheus Operator (observability), which installs the PrometheusRule CRD.
    if (config.chaos.enabled && config.observability?.enabled !== false) {
      const rule = prometheusRuleManifest(
        "chaos-steady-state",
        NAMESPACES.monitoring,
        gatewayHypothesisRules(GATEWAY_SERVICE.namespace, GATEWAY_SERVICE.name),
        ruleSelectorLabels(PROMETHEUS_RELEASE),
      );
      new k8s.apiextensions.CustomResource(
        `${name}-steady-state-rules`,
        { apiVersion: rule.apiVersion, kind: rule.kind, metadata: rule.metadata, spec: rule.spec },
        { ...kp, dependsOn: args.dependsOn ?? [] },
      );
    }
    this.experiments = schedules.map((s) => s.metadata.name);
    this.registerOutputs({});
  }
}

/** The production pod-failure Schedules; a target that is not a configured web service is a config error. */
export function productionSchedules(config: Pick<PlatformConfig, "chaos" | "services">) {
  const p = config.chaos.production;
  return p.targets.map((target, i) => {
    const svc = config.services.find((s) => s.name === target && s.kind === "web");
    if (!svc)
      throw new Error(
        `platform:chaos.production.targets[${i}]: got ${JSON.stringify(target)}; expected a configured web service (${config.services
          .filter((s) => s.kind === "web")
          .map((s) => s.name)
          .join(", ")})`,
      );
    return productionPodFailure({
      namespace: GATEWAY_SERVICE.namespace,
      target,
      percent: p.percent,
      duration: p.duration,
      schedule: p.schedule,
    });
  });
}
