import type * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { CHARTS, type ChartPin } from "../charts";
import type { ClusterHandle } from "../cluster/types";
import type { Environment } from "../config/types";

/** A custom resource kind a chart installs the CRD of, with the API versions the CRD serves. */
export interface ProvidedKind {
  readonly group: string;
  readonly kind: string;
  readonly versions: readonly string[];
}

/** An admission webhook a chart (or its controller at start) registers, and what it admits. */
export interface ProvidedWebhook {
  /** Name of the (Validating|Mutating)WebhookConfiguration. */
  readonly configuration: string;
  readonly type: "validating" | "mutating";
  /** API groups and kinds it intercepts; `"*"` for every kind of the group. */
  readonly admits: readonly { readonly group: string; readonly kinds: readonly string[] | "*" }[];
  /** Other objects the webhook reads to admit one (it refuses while they are missing). */
  readonly reads?: string;
}

/** What an add-on brings into the cluster, read from the chart at its pinned version. */
export interface AddonProvides {
  readonly crds: readonly ProvidedKind[];
  readonly webhooks: readonly ProvidedWebhook[];
  /** Where both lists were read (repository, path, tag or commit) and when. */
  readonly source: string;
}

/** Helm release settings that differ between add-ons (omitted: Helm's default). */
export interface ReleaseSettings {
  /** false where the program creates the namespace itself (Pod Security labels). */
  readonly createNamespace?: boolean;
  /** Roll back a failed install or upgrade. */
  readonly atomic?: boolean;
  /** Seconds Helm waits for the release's resources. */
  readonly timeout?: number;
  readonly maxHistory?: number;
}

/** One pinned upstream Helm chart the platform installs on every cluster that needs it. */
export interface HelmAddon {
  /** Stable identifier, e.g. "keda". */
  readonly id: string;
  /** Key of the chart pin in components/charts.ts (version, repository, Kubernetes window). */
  readonly chart: keyof typeof CHARTS;
  /** The Helm release name in the cluster. */
  readonly releaseName: string;
  /** The namespace the release lives in. */
  readonly namespace: string;
  readonly release: ReleaseSettings;
  readonly provides: AddonProvides;
  /**
   * Set for an add-on every region's foundation installs on its cluster (after the system nodes,
   * parented under the Region, Pulumi name `${region}-${id}`): its values and what it waits for.
   * Unset: the component that owns the add-on installs it (Karpenter, workloads, mesh, ...).
   */
  readonly perRegion?: (ctx: AddonContext) => AddonInstall;
}

/** What a per-region add-on may read about the region it is installed in. */
export interface AddonContext {
  /** AWS region name, e.g. "us-west-2". */
  readonly region: string;
  readonly environment: Environment;
  /** The region's cluster: name, k8s provider, the system nodes and EKS add-ons (`workloadDependencies`). */
  readonly cluster: ClusterHandle;
  /** The region's aws.Provider (Pod Identity roles an add-on may need). */
  readonly provider: aws.Provider;
}

/** Per-install inputs: values, what the release waits for, and where it lives in the Pulumi tree. */
export interface AddonInstall {
  /** Chart values (plain or computed). */
  readonly values: pulumi.Input<Record<string, unknown>>;
  /** What must exist before the release: nodes and add-ons it runs on, its namespace, its Pod Identity. */
  readonly dependsOn: readonly pulumi.Resource[];
  /**
   * The namespace as an output of the Namespace resource the program creates, so the release
   * also reads it; omitted: the add-on's namespace name.
   */
  readonly namespace?: pulumi.Input<string>;
}

/** The chart pin of an add-on. */
export function chartPin(addon: HelmAddon): ChartPin {
  return CHARTS[addon.chart];
}

/**
 * The `helm.v3.Release` of an add-on. `name` is the Pulumi name and stays what the caller gave
 * (renaming it would replace the release); the chart, version and repository come from the pin.
 */
export function installAddon(
  name: string,
  addon: HelmAddon,
  install: AddonInstall,
  opts: { parent: pulumi.Resource; provider: k8s.Provider },
): k8s.helm.v3.Release {
  const pin = chartPin(addon);
  const { createNamespace, atomic, timeout, maxHistory } = addon.release;
  return new k8s.helm.v3.Release(
    name,
    {
      name: addon.releaseName,
      chart: pin.chart,
      version: pin.version,
      ...(pin.repo ? { repositoryOpts: { repo: pin.repo } } : {}),
      namespace: install.namespace ?? addon.namespace,
      ...(createNamespace !== undefined ? { createNamespace } : {}),
      ...(atomic !== undefined ? { atomic } : {}),
      values: install.values,
      ...(timeout !== undefined ? { timeout } : {}),
      ...(maxHistory !== undefined ? { maxHistory } : {}),
    },
    { ...opts, dependsOn: [...install.dependsOn] },
  );
}

/** Installs every add-on with `perRegion` on one region's cluster, in registry order. */
export function installRegionAddons(
  region: string,
  addons: readonly HelmAddon[],
  ctx: AddonContext,
  parent: pulumi.Resource,
): Record<string, k8s.helm.v3.Release> {
  const out: Record<string, k8s.helm.v3.Release> = {};
  for (const addon of addons)
    if (addon.perRegion)
      out[addon.id] = installAddon(`${region}-${addon.id}`, addon, addon.perRegion(ctx), {
        parent,
        provider: ctx.cluster.k8sProvider,
      });
  return out;
}
