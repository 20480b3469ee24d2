import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { installAddon } from "../addons/addon";
import { JAEGER } from "../addons/jaeger";
import { OTEL_COLLECTOR } from "../addons/opentelemetry-collector";
import type { TracingConfig } from "../config/sections/tracing";
import type { RegionContext } from "../region-context";
import {
  badgerClaim,
  meshTracingTelemetry,
  tracingNamespace,
  tracingNetworkPolicies,
  waypointEgressPolicy,
} from "./plan";
import { collectorValues, jaegerValues } from "./values";

export interface TracingArgs {
  /** `platform:tracing` (sampling, retention, volume size, collector replicas). */
  config: TracingConfig;
  region: Pick<RegionContext, "cluster" | "nodePools">;
  /**
   * The mesh release that installs the Telemetry CRD (Istio base) and istiod, which reads the
   * Telemetry and pushes it to the waypoints.
   */
  meshReleases: pulumi.Resource[];
  /** The apps namespace, where the waypoint's egress policy to the collector lives. */
  appsNamespace: pulumi.Resource;
}

/**
 * Seed 003's traces in one region: an OpenTelemetry Collector receiving the waypoints' spans and
 * Jaeger storing them (Badger on a gp3 volume, UI by port-forward), the mesh-wide Telemetry that
 * enables tracing at the configured sampling, and the namespace's NetworkPolicies.
 */
export class Tracing extends pulumi.ComponentResource {
  public readonly collector: k8s.helm.v3.Release;

  constructor(name: string, args: TracingArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:tracing:Tracing", name, {}, opts);
    const { config: t, region } = args;
    const kp = { parent: this, provider: region.cluster.k8sProvider };
    const runsOn = [...region.cluster.workloadDependencies, ...region.nodePools];

    const namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      tracingNamespace() as k8s.core.v1.NamespaceArgs,
      kp,
    );
    const policies = tracingNetworkPolicies().map(
      (p) =>
        new k8s.networking.v1.NetworkPolicy(`${name}-${p.metadata.name}`, p as k8s.networking.v1.NetworkPolicyArgs, {
          ...kp,
          dependsOn: [namespace],
        }),
    );
    const claim = new k8s.core.v1.PersistentVolumeClaim(
      `${name}-badger`,
      badgerClaim(t) as k8s.core.v1.PersistentVolumeClaimArgs,
      { ...kp, dependsOn: [namespace] },
    );
    const jaeger = installAddon(
      `${name}-jaeger`,
      JAEGER,
      { values: jaegerValues(t), dependsOn: [...runsOn, namespace, claim, ...policies] },
      kp,
    );
    this.collector = installAddon(
      `${name}-collector`,
      OTEL_COLLECTOR,
      { values: collectorValues(t), dependsOn: [...runsOn, namespace, ...policies, jaeger] },
      kp,
    );
    const egress = new k8s.networking.v1.NetworkPolicy(
      `${name}-waypoint-egress`,
      waypointEgressPolicy() as k8s.networking.v1.NetworkPolicyArgs,
      { ...kp, dependsOn: [args.appsNamespace] },
    );
    // Spans start once the collector serves and the waypoint may reach it; the CRD and istiod come with the mesh.
    const telemetry = meshTracingTelemetry(t);
    new k8s.apiextensions.CustomResource(
      `${name}-telemetry`,
      { apiVersion: telemetry.apiVersion, kind: telemetry.kind, metadata: telemetry.metadata, spec: telemetry.spec },
      { ...kp, dependsOn: [...args.meshReleases, this.collector, egress] },
    );
    this.registerOutputs({});
  }
}
