import { createHash } from "crypto";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { CHARTS } from "../charts";
import { podIdentityRole } from "../cluster/pod-identity";
import type { ClusterHandle } from "../cluster/types";
import type { PlatformConfig } from "../config/types";
import { GATEWAY_SERVICE, NAMESPACES, PROMETHEUS_RELEASE } from "../k8s-names";
import { alarmKeyPolicy, albAlarmSpecs } from "./alarms";
import { platformMonitorTargets, serviceMonitorManifest } from "./monitors";
import { prometheusRuleManifest, renderAlertRules, ruleSelectorLabels } from "./rules";
import {
  ALERTMANAGER_SERVICE_ACCOUNT,
  GRAFANA_ADMIN_SECRET_KEYS,
  PROMETHEUS_SERVICE_ACCOUNT,
  kubePrometheusStackValues,
  monitoringNamespaceLabels,
} from "./values";

export interface ObservabilityArgs {
  /** Validated stack config; reads `observability` and `services`. */
  config: PlatformConfig;
  /** AWS region name, e.g. "us-west-2" (external label `region`, SigV4 region). */
  regionName: string;
  /** Prefix for physical AWS names, e.g. `platform-prod-usw2`. */
  physicalName: string;
  /** The region's EKS cluster: its k8s provider carries every Kubernetes resource. */
  cluster: ClusterHandle;
  /** The region's aws.Provider; every AWS child uses it. */
  provider: aws.Provider;
  /** Plain cluster name (external label `cluster`). Defaults to `cluster.name`. */
  clusterName?: string;
  /**
   * The regional ALB: adds the 5xx-rate and p95 latency CloudWatch alarms (the edge's own
   * alarms are on ELB 5xx counts and average latency). Or call `addLoadBalancerAlarms` later.
   */
  loadBalancer?: { arnSuffix: pulumi.Input<string> };
  /** Created before the monitors (e.g. the workloads component, so their namespaces exist). */
  dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/**
 * Metrics, alerts and alarms for one region: kube-prometheus-stack (Prometheus with gp3
 * storage and optional remote_write to an Amazon Managed Prometheus workspace, Alertmanager
 * publishing to SNS, Grafana), the platform's alert rules and ServiceMonitors, and the
 * CloudWatch alarms on the ALB. Alertmanager and CloudWatch share one encrypted SNS topic.
 */
export class Observability extends pulumi.ComponentResource {
  public readonly alarmTopicArn: pulumi.Output<string>;
  /** The chart release; custom resources that need its CRDs depend on it. */
  public readonly release: k8s.helm.v3.Release;
  /** AMP workspace remote_write URL, when `managedPrometheus` is on. */
  public readonly remoteWriteUrl?: pulumi.Output<string>;

  constructor(name: string, args: ObservabilityArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:observability:Observability", name, {}, opts);
    const { config, regionName, physicalName, cluster, provider } = args;
    const obs = config.observability;
    const clusterName = args.clusterName ?? cluster.name;
    const aw = { parent: this, provider };
    const kp = { parent: this, provider: cluster.k8sProvider };

    // --- Alarm topic (AWS side) --------------------------------------------------------
    // A customer-managed key, not alias/aws/sns: CloudWatch alarms cannot publish to a topic
    // encrypted with the AWS-managed SNS key (its key policy cannot grant cloudwatch.amazonaws.com).
    const identity = aws.getCallerIdentityOutput({}, aw);
    const partition = aws.getPartitionOutput({}, aw);
    const key = new aws.kms.Key(
      `${name}-alarm-key`,
      {
        description: `Encrypts the ${physicalName} alarm topic`,
        enableKeyRotation: true,
        deletionWindowInDays: 7,
        policy: pulumi
          .all([partition.partition, identity.accountId])
          .apply(([p, account]) => JSON.stringify(alarmKeyPolicy(p, account))),
      },
      aw,
    );
    const topic = new aws.sns.Topic(`${name}-alarms`, { name: `${physicalName}-alarms`, kmsMasterKeyId: key.arn }, aw);
    for (const email of obs.alarmEmails) {
      // Named by a hash of the address: reordering the list never replaces a subscription.
      const id = createHash("sha256").update(email).digest("hex").slice(0, 8);
      new aws.sns.TopicSubscription(
        `${name}-alarm-email-${id}`,
        { topic: topic.arn, protocol: "email", endpoint: email },
        aw,
      );
    }
    this.alarmTopicArn = topic.arn;

    this.alarmOpts = { name, physicalName, thresholds: obs.thresholds, opts: aw };
    if (args.loadBalancer) this.addLoadBalancerAlarms(args.loadBalancer.arnSuffix);

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
              Resource: key.arn,
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
      { ...kp, dependsOn: cluster.workloadDependencies },
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
        region: regionName,
        retention: obs.retention,
        storageGiB: obs.storageGiB,
        scrapeInterval: obs.scrapeInterval,
        remoteWriteUrl: url,
        alarmTopicArn,
        routes: obs.alertRoutes,
        grafanaAdminSecret: grafanaSecretName,
      }),
    );
    const chart = CHARTS.kubePrometheusStack;
    this.release = new k8s.helm.v3.Release(
      `${name}-kube-prometheus-stack`,
      {
        name: PROMETHEUS_RELEASE,
        chart: chart.chart,
        version: chart.version,
        repositoryOpts: { repo: chart.repo },
        namespace: namespace.metadata.name,
        values,
        // Prometheus with a fresh gp3 volume can take minutes to become ready.
        timeout: 900,
        maxHistory: 5,
      },
      { ...kp, dependsOn: [grafanaSecret, ...identities] },
    );

    // --- Rules and monitors (CRDs come with the release) --------------------------------
    const crd = { ...kp, dependsOn: [this.release, ...(args.dependsOn ?? [])] };
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

    const targets = platformMonitorTargets({
      webServices: config.services.filter((s) => s.kind === "web").map((s) => s.name),
      gateway: GATEWAY_SERVICE.name,
      appsNamespace: GATEWAY_SERVICE.namespace,
    });
    for (const target of targets) {
      const m = serviceMonitorManifest(target, selector);
      new k8s.apiextensions.CustomResource(
        `${name}-monitor-${target.name}`,
        { apiVersion: m.apiVersion, kind: m.kind, metadata: m.metadata, spec: m.spec },
        crd,
      );
    }

    this.registerOutputs({ alarmTopicArn: this.alarmTopicArn });
  }

  private readonly alarmOpts: {
    name: string;
    physicalName: string;
    thresholds: PlatformConfig["observability"]["thresholds"];
    opts: pulumi.CustomResourceOptions;
  };

  /**
   * ALB 5xx-rate and p95 latency alarms to the alarm topic. A method, so the Platform can build
   * Observability before the edge (the edge's own alarms can then use `alarmTopicArn`) and add
   * these once the ALB exists. Call at most once per load balancer.
   */
  public addLoadBalancerAlarms(arnSuffix: pulumi.Input<string>): aws.cloudwatch.MetricAlarm[] {
    const { name, physicalName, thresholds, opts } = this.alarmOpts;
    return albAlarmSpecs({
      physicalName,
      loadBalancerArnSuffix: arnSuffix,
      errorRatePercent: thresholds.errorRatePercent,
      latencyP95Ms: thresholds.latencyP95Ms,
    }).map(
      (spec) =>
        new aws.cloudwatch.MetricAlarm(
          `${name}-alarm-${spec.role}`,
          {
            ...(spec.args as aws.cloudwatch.MetricAlarmArgs),
            alarmActions: [this.alarmTopicArn],
            okActions: [this.alarmTopicArn],
          },
          opts,
        ),
    );
  }
}
