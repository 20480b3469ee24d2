import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { installAddon } from "../addons/addon";
import { ISTIO } from "../addons/istio";
import type { ClusterHandle } from "../cluster/types";
import type { PlatformConfig } from "../config";
import { istioNetworkPolicies } from "./istio-network";
import { appsNamespaceLabels, type MeshManifest } from "./manifests";
import { planMesh, type MeshPlan } from "./plan";
import { ISTIO_NAMESPACE, type IstioChart } from "./values";
import { GATEWAY_API } from "./versions";
import { SEED_002_SCENARIOS } from "../loadtest/plan";

export interface MeshArgs {
  /** Validated stack configuration: `mesh`, services, gateway, environment, cluster version. */
  config: Pick<
    PlatformConfig,
    "mesh" | "environment" | "services" | "gateway" | "cluster" | "loadTests" | "demand" | "regions"
  >;
  /**
   * The region (a RegionContext fits): its cluster (every object uses its k8sProvider; the
   * charts wait for its add-ons), its VPC range (the ALB's plaintext to the gateway pods) and
   * its NodePools (istiod and the waypoint run on Karpenter nodes).
   */
  region: {
    readonly name: string;
    readonly cluster: ClusterHandle;
    readonly vpc: { readonly cidrBlock: string; readonly publicSubnetCidrs?: readonly string[] };
    readonly nodePools?: readonly pulumi.Resource[];
  };
  /** Istio's meshConfig tracing provider (components/tracing/names.ts); omitted: waypoints report no spans. */
  tracingProvider?: Record<string, unknown>;
}

/** What the apps namespace's objects wait for once it exists. */
export interface AppsAttachment {
  /** The apps Namespace resource (Workloads creates it with `namespaceLabels`). */
  namespace: pulumi.Resource;
  /** The release that installs the Prometheus Operator CRDs; omitted: no monitors (observability off). */
  monitoringCrds?: pulumi.Resource;
}

/**
 * Istio in ambient mode on one cluster: Gateway API CRDs, then Istio's base (CRDs), istiod, CNI
 * node agent and ztunnel charts, pinned in components/charts.ts. `attachApps` then adds the apps
 * namespace's mesh objects (mTLS, authorization, circuit breakers, routes, waypoint, network
 * policies) and the scrape monitors once the namespace exists. Planning is planMesh().
 */
export class Mesh extends pulumi.ComponentResource {
  /** Labels the apps namespace must carry (ambient enrolment, waypoint). */
  public readonly namespaceLabels: Readonly<Record<string, string>> = appsNamespaceLabels();
  /** CNI node agent and ztunnel: app pods wait for them so they are captured from their first packet. */
  public readonly dataplane: pulumi.Resource[];
  public readonly releases: Readonly<Record<IstioChart, k8s.helm.v3.Release>>;
  public readonly plan: MeshPlan;
  private readonly gatewayApi: pulumi.Resource;
  private readonly k8s$: pulumi.CustomResourceOptions;
  private readonly name: string;

  constructor(name: string, args: MeshArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:mesh:Mesh", name, {}, opts);
    const { config, region } = args;
    this.name = name;
    this.plan = planMesh({
      mesh: config.mesh,
      environment: config.environment,
      services: config.services,
      gateway: config.gateway,
      vpcCidr: region.vpc.cidrBlock,
      albSubnetCidrs: region.vpc.publicSubnetCidrs,
      loadTestRunners: config.loadTests?.enabled === true,
      pool: {
        peakRps: config.demand.peakRps,
        regions: config.regions.length,
        loadTestVus: config.loadTests?.enabled
          ? Math.max(0, ...config.loadTests.scenarios.map((s) => SEED_002_SCENARIOS[s].vus))
          : 0,
      },
      kubernetesVersion: config.cluster.kubernetesVersion,
      tracingProvider: args.tracingProvider,
    });
    this.k8s$ = { parent: this, provider: region.cluster.k8sProvider };
    const base = region.cluster.workloadDependencies;

    this.gatewayApi = new k8s.yaml.v2.ConfigFile(
      `${name}-gateway-api-crds`,
      { file: GATEWAY_API.file },
      { ...this.k8s$, dependsOn: base },
    );
    // istio-system ourselves (Helm's createNamespace cannot label it): the CNI node agent and
    // ztunnel need host access and NET_ADMIN, so "privileged" is enforced, "baseline" warned.
    const namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      {
        metadata: {
          name: ISTIO_NAMESPACE,
          labels: {
            "app.kubernetes.io/managed-by": "pulumi",
            "pod-security.kubernetes.io/enforce": "privileged",
            "pod-security.kubernetes.io/audit": "baseline",
            "pod-security.kubernetes.io/warn": "baseline",
          },
        },
      },
      this.k8s$,
    );
    const release = (chart: IstioChart, dependsOn: pulumi.Resource[]) =>
      installAddon(
        `${name}-${chart}`,
        ISTIO[chart],
        { values: this.plan.values[chart], dependsOn },
        {
          parent: this,
          provider: region.cluster.k8sProvider,
        },
      );
    // Default deny, then istiod's, ztunnel's and the CNI agent's own paths (./istio-network.ts).
    const policies = istioNetworkPolicies(region.vpc.cidrBlock).map(
      (p) =>
        new k8s.networking.v1.NetworkPolicy(`${name}-netpol-${p.metadata.name}`, p, {
          ...this.k8s$,
          dependsOn: [namespace],
        }),
    );
    const istioBase = release("base", [...base, namespace, ...policies]);
    const istiod = release("istiod", [istioBase, this.gatewayApi, ...(region.nodePools ?? [])]);
    const cni = release("cni", [istioBase]);
    const ztunnel = release("ztunnel", [istiod, cni]);
    this.releases = { base: istioBase, istiod, cni, ztunnel };
    this.dataplane = [cni, ztunnel];
    this.registerOutputs({});
  }

  /**
   * The apps namespace's mesh objects: Istio kinds wait for the base chart (CRDs) and the
   * namespace, the waypoint Gateway also for the Gateway API CRDs and istiod (which owns the
   * istio-waypoint GatewayClass), monitors for the Prometheus Operator CRDs.
   */
  public attachApps(apps: AppsAttachment): pulumi.Resource[] {
    const { base, istiod } = this.releases;
    const needs: Record<MeshManifest["needs"], pulumi.Resource[]> = {
      core: [apps.namespace],
      // istiod too: its validating webhook fails open until istiod runs (tools/order/rules.json).
      istio: [apps.namespace, base, istiod],
      waypoint: [apps.namespace, this.gatewayApi, istiod],
    };
    const created = this.plan.manifests.map((m) => this.create(`${this.name}-${m.role}`, m.manifest, needs[m.needs]));
    if (apps.monitoringCrds)
      for (const m of this.plan.monitors)
        created.push(
          this.create(`${this.name}-${m.kind.toLowerCase()}-${m.metadata.name}`, m, [apps.monitoringCrds, istiod]),
        );
    return created;
  }

  private create(name: string, manifest: Record<string, unknown>, dependsOn: pulumi.Resource[]): pulumi.Resource {
    const opts = { ...this.k8s$, dependsOn };
    if (manifest.kind === "NetworkPolicy")
      return new k8s.networking.v1.NetworkPolicy(name, manifest as k8s.networking.v1.NetworkPolicyArgs, opts);
    if (manifest.kind === "ConfigMap")
      return new k8s.core.v1.ConfigMap(name, manifest as k8s.core.v1.ConfigMapArgs, opts);
    return new k8s.apiextensions.CustomResource(name, manifest as k8s.apiextensions.CustomResourceArgs, opts);
  }
}
