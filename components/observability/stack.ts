import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { installAddon } from "../addons/addon";
import { EXPORTER_PORT } from "../workloads/manifests/gateway";
import { monitoringNetworkPolicies } from "./monitoring-network";
import { KUBE_PROMETHEUS_STACK } from "../addons/kube-prometheus-stack";
import { podIdentityRole } from "../cluster/pod-identity";
import type { PlatformConfig } from "../config/types";
import { GATEWAY_SERVICE, NAMESPACES, PROMETHEUS_RELEASE } from "../k8s-names";
import type { RegionContext } from "../region-context";
import { platformMonitorTargets, serviceMonitorManifest } from "./monitors";
import { prometheusRuleManifest, renderAlertRules, ruleSelectorLabels } from "./rules";
import { renderSloRules } from "./slo";
import {
  ALERTMANAGER_SERVICE_ACCOUNT,
  GRAFANA_ADMIN_SECRET_KEYS,
  PROMETHEUS_SERVICE_ACCOUNT,
  grafanaSidecarRoleManifest,
  kubePrometheusStackValues,
  monitoringNamespaceLabels,
} from "./values";

export interface ObservabilityArgs {
  /**
   * Validated stack config: `observability`, `services` (monitored web services), `mesh.enabled`
   * (Prometheus joins the mesh) and `loadTests.enabled` (remote-write receiver for k6).
   */
  config: Pick<PlatformConfig, "observability" | "services" | "mesh" | "loadTests">;
  /**
   * The region: name (external label `region`, SigV4 region), physical name prefix, provider,
   * cluster (name = external label `cluster`, its k8s provider carries every Kubernetes resource)
   * and the alarm topic Alertmanager publishes to.
   */
  region: Pick<RegionContext, "name" | "physicalName" | "provider" | "cluster" | "alarmTopic" | "vpc">;
  /** KEDA runs in this region (Workloads.facts.usesKeda): only then is its operator scraped. */
  scrapeKeda: boolean;
  /** Jenkins' controller runs in this region, in this namespace: Prometheus scrapes it. */
  scrapeJenkins?: string;
}

/**
 * Metrics, alerts and alarms for one region: kube-prometheus-stack (Prometheus with gp3
 * storage and optional remote_write to an Amazon Managed Prometheus workspace, Alertmanager
 * publishing to the region's alarm topic, Grafana), the platform's alert rules and
 * ServiceMonitors. The rules and monitors wait only for the chart (their CRDs): ServiceMonitors
 * live in the monitoring namespace and select their targets by namespace name, so they need
 * neither the apps namespace nor the workloads.
 */
export class Observability extends pulumi.ComponentResource {
  /** The chart release; custom resources that need its CRDs depend on it. */
  public readonly release: k8s.helm.v3.Release;
  /** AMP workspace remote_write URL, when `managedPrometheus` is on. */
  public readonly remoteWriteUrl?: pulumi.Output<string>;

  constructor(name: string, args: ObservabilityArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:observability:Observability", name, {}, opts);
    const { config, region } = args;
    const { physicalName, cluster, provider } = region;
    const obs = config.observability;
    const clusterName = cluster.name;
    const aw = { parent: this, provider };
    const kp = { parent: this, provider: cluster.k8sProvider };
    const topic = region.alarmTopic;

    // --- Pod Identity: Alertmanager publishes to the topic, Prometheus writes to AMP -----
    const identities: pulumi.Resource[] = [];
    identities.push(
      podIdentityRole(
        `${name}-alertmanager-pi`,
        {
          clusterName,
          namespace: NAMESPACES.monitoring,
          serviceAccount: ALERTMANAGER_SERVICE_ACCOUNT,
          statements: [
            { Sid: "PublishAlerts", Effect: "Allow", Action: ["sns:Publish"], Resource: topic.arn },
            {
              Sid: "EncryptForTopic",
              Effect: "Allow",
              Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
              Resource: topic.keyArn,
            },
          ],
        },
        aw,
      ).association,
    );

    let remoteWriteUrl: pulumi.Output<string> | undefined;
    if (obs.managedPrometheus) {
      const workspace = new aws.amp.Workspace(`${name}-amp`, { alias: physicalName }, aw);
      remoteWriteUrl = pulumi.interpolate`${workspace.prometheusEndpoint}api/v1/remote_write`;
      identities.push(
        podIdentityRole(
          `${name}-prometheus-pi`,
          {
            clusterName,
            namespace: NAMESPACES.monitoring,
            serviceAccount: PROMETHEUS_SERVICE_ACCOUNT,
            statements: [{ Sid: "RemoteWrite", Effect: "Allow", Action: ["aps:RemoteWrite"], Resource: workspace.arn }],
          },
          aw,
        ).association,
      );
    }
    this.remoteWriteUrl = remoteWriteUrl;

    // --- Kubernetes side ----------------------------------------------------------------
    const namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      {
        metadata: { name: NAMESPACES.monitoring, labels: monitoringNamespaceLabels() },
      },
      // Only the API server: the namespace waits for no node or add-on.
      kp,
    );

    // Default deny, then the stack's own paths (./monitoring-network.ts).
    const policies = monitoringNetworkPolicies({
      vpcCidr: region.vpc.cidrBlock,
      meshMember: config.mesh.enabled,
      appScrapePorts: [...new Set([...config.services.map((s) => s.port), EXPORTER_PORT])].sort((a, b) => a - b),
      scrapeKeda: args.scrapeKeda,
      scrapeJenkins: args.scrapeJenkins,
      prometheusIdentity: obs.managedPrometheus,
    }).map(
      (p) =>
        new k8s.networking.v1.NetworkPolicy(`${name}-netpol-${p.metadata.name}`, p, { ...kp, dependsOn: [namespace] }),
    );

    const password = new random.RandomPassword(
      `${name}-grafana-password`,
      { length: 32, special: false },
      { parent: this },
    );
    const grafanaSecretName = "grafana-admin";
    const grafanaSecret = new k8s.core.v1.Secret(
      `${name}-grafana-admin`,
      {
        metadata: { name: grafanaSecretName, namespace: namespace.metadata.name },
        type: "Opaque",
        // pulumi.secret: the value stays encrypted in state and prints as [secret] in plans.
        stringData: {
          [GRAFANA_ADMIN_SECRET_KEYS.user]: "admin",
          [GRAFANA_ADMIN_SECRET_KEYS.password]: pulumi.secret(password.result),
        },
      },
      kp,
    );

    const values = pulumi.all([topic.arn, remoteWriteUrl ?? pulumi.output(undefined)]).apply(([alarmTopicArn, url]) =>
      kubePrometheusStackValues({
        clusterName,
        region: region.name,
        retention: obs.retention,
        storageGiB: obs.storageGiB,
        scrapeInterval: obs.scrapeInterval,
        remoteWriteUrl: url,
        alarmTopicArn,
        routes: obs.alertRoutes,
        grafanaAdminSecret: grafanaSecretName,
        meshMember: config.mesh.enabled,
        remoteWriteReceiver: config.loadTests.enabled,
      }),
    );
    // Grafana's sidecars get ConfigMap reads only (values.ts, grafanaSidecarRoleManifest).
    const grafanaRole = new k8s.rbac.v1.Role(`${name}-grafana-sidecar-role`, grafanaSidecarRoleManifest(), {
      ...kp,
      dependsOn: [namespace],
    });
    this.release = installAddon(
      `${name}-kube-prometheus-stack`,
      KUBE_PROMETHEUS_STACK,
      {
        values,
        namespace: namespace.metadata.name,
        // Its pods need the system nodes, their add-ons and the gp3 StorageClass (Prometheus' volume).
        dependsOn: [grafanaSecret, grafanaRole, ...identities, ...policies, ...cluster.workloadDependencies],
      },
      kp,
    );

    // --- Rules and monitors (CRDs come with the release) --------------------------------
    const crd = { ...kp, dependsOn: [this.release] };
    const selector = ruleSelectorLabels(PROMETHEUS_RELEASE);
    const rule = prometheusRuleManifest(
      "platform-alerts",
      NAMESPACES.monitoring,
      renderAlertRules({ thresholds: obs.thresholds }),
      selector,
    );
    new k8s.apiextensions.CustomResource(
      `${name}-rules`,
      { apiVersion: rule.apiVersion, kind: rule.kind, metadata: rule.metadata, spec: rule.spec },
      crd,
    );
    // Seed 003 SLOs: SLI recording rules and multi-window burn-rate alerts on mesh telemetry.
    const slo = prometheusRuleManifest("platform-slos", NAMESPACES.monitoring, renderSloRules(), selector);
    new k8s.apiextensions.CustomResource(
      `${name}-slo-rules`,
      { apiVersion: slo.apiVersion, kind: slo.kind, metadata: slo.metadata, spec: slo.spec },
      crd,
    );

    const targets = platformMonitorTargets({
      webServices: config.services.filter((s) => s.kind === "web").map((s) => s.name),
      gateway: GATEWAY_SERVICE.name,
      appsNamespace: GATEWAY_SERVICE.namespace,
      keda: args.scrapeKeda,
    });
    for (const target of targets) {
      const m = serviceMonitorManifest(target, selector);
      new k8s.apiextensions.CustomResource(
        `${name}-monitor-${target.name}`,
        { apiVersion: m.apiVersion, kind: m.kind, metadata: m.metadata, spec: m.spec },
        crd,
      );
    }

    this.registerOutputs({ remoteWriteUrl: this.remoteWriteUrl });
  }
}
