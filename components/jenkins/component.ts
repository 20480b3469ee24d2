import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { installAddon } from "../addons/addon";
import { JENKINS_ADDON } from "../addons/jenkins";
import { installKeda } from "../addons/keda";
import type { JenkinsConfig } from "../config/sections/jenkins";
import type { RegionContext } from "../region-context";
import { withResolvedImages, type ImageResolver } from "../security/image-digests";
import { agentPoolDeployment, agentPoolPdb, agentScaledObject, swarmSecret } from "./agents";
import { createHeavyBuilds } from "./codebuild";
import { createJenkinsHome } from "./efs";
import { JENKINS } from "./names";
import { controllerDownRule, jenkinsNamespaces, jenkinsNetworkPolicies } from "./plan";
import { efsStorageClass, homeClaim, homeVolume } from "./storage";
import { jenkinsValues } from "./values";

export interface JenkinsArgs {
  /** `platform:jenkins` (controller and agent sizes, scaling, EFS, CodeBuild). */
  config: JenkinsConfig;
  /** The cluster's Kubernetes minor (the EFS CSI add-on's default build is AWS's for it). */
  kubernetesVersion: string;
  region: Pick<RegionContext, "name" | "physicalName" | "provider" | "vpc" | "cluster" | "nodePools" | "alarmTopic">;
  /** kube-prometheus-stack: the chart's ServiceMonitor and our PrometheusRule need its CRDs. */
  monitoringRelease: pulumi.Resource;
  /**
   * KEDA (the ScaledObject's CRD and admission webhook), when the workloads installed it;
   * otherwise Jenkins installs it (one operator, no queue permissions).
   */
  kedaRelease?: pulumi.Resource;
  /** Keep the home's file system and key on `pulumi destroy` (prod: build history is state). */
  protect: boolean;
  /** Configured image -> what the agent pods pull (digest-pinned where the stack pins). */
  images?: ImageResolver;
}

/**
 * Seed 002's Jenkins in one region: its home on EFS (file system, access point, EFS CSI add-on,
 * StorageClass/PV/PVC), the official chart configured as code, the swarm agent pool scaled by
 * KEDA on the Prometheus plugin's metrics, the CodeBuild project for heavy builds, default-deny
 * NetworkPolicies and the controller-down alert. Nothing of it is exposed or in the app path.
 */
export class Jenkins extends pulumi.ComponentResource {
  public readonly release: k8s.helm.v3.Release;

  constructor(name: string, args: JenkinsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:jenkins:Jenkins", name, {}, opts);
    const { config: j, region } = args;
    const kp = { parent: this, provider: region.cluster.k8sProvider };
    const runsOn = [...region.cluster.workloadDependencies, ...region.nodePools];
    const keda =
      args.kedaRelease ??
      installKeda(
        name,
        {
          cluster: region.cluster,
          provider: region.provider,
          queueArns: [],
          operatorReplicas: 1,
          vpcCidr: region.vpc.cidrBlock,
        },
        this,
      );

    const home = createJenkinsHome(
      name,
      j,
      region,
      { kubernetesVersion: args.kubernetesVersion, protect: args.protect },
      this,
    );
    const builds = createHeavyBuilds(name, j, region, this);

    const [controllerNs, agentsNs] = jenkinsNamespaces(j).map(
      (ns, i) =>
        new k8s.core.v1.Namespace(
          `${name}-${i === 0 ? "namespace" : "agents-namespace"}`,
          ns as k8s.core.v1.NamespaceArgs,
          kp,
        ),
    );
    const policies = jenkinsNetworkPolicies(j).map(
      (p) =>
        new k8s.networking.v1.NetworkPolicy(
          `${name}-${p.metadata.namespace === j.namespace ? "" : "agents-"}${p.metadata.name}`,
          p as k8s.networking.v1.NetworkPolicyArgs,
          { ...kp, dependsOn: [p.metadata.namespace === j.namespace ? controllerNs : agentsNs] },
        ),
    );
    const password = new random.RandomPassword(
      `${name}-swarm-password`,
      { length: 32, special: false },
      { parent: this },
    );
    const secrets = [controllerNs, agentsNs].map(
      (ns, i) =>
        new k8s.core.v1.Secret(
          `${name}-${i === 0 ? "" : "agents-"}swarm-secret`,
          swarmSecret(i === 0 ? j.namespace : j.agentsNamespace, password.result) as k8s.core.v1.SecretArgs,
          { ...kp, dependsOn: [ns] },
        ),
    );

    const storageClass = new k8s.storage.v1.StorageClass(
      `${name}-storage-class`,
      efsStorageClass() as k8s.storage.v1.StorageClassArgs,
      kp,
    );
    const pvName = `${JENKINS.homeClaim}-${j.namespace}`;
    const volume = new k8s.core.v1.PersistentVolume(
      `${name}-home-volume`,
      homeVolume(
        pvName,
        pulumi.interpolate`${home.fileSystem.id}::${home.accessPoint.id}`,
      ) as k8s.core.v1.PersistentVolumeArgs,
      { ...kp, dependsOn: [storageClass, ...home.ready] },
    );
    const claim = new k8s.core.v1.PersistentVolumeClaim(
      `${name}-home-claim`,
      homeClaim(j, pvName) as k8s.core.v1.PersistentVolumeClaimArgs,
      { ...kp, dependsOn: [controllerNs, volume] },
    );

    this.release = installAddon(
      `${name}-release`,
      JENKINS_ADDON,
      {
        values: jenkinsValues(j, { project: builds.projectName, region: region.name }),
        namespace: controllerNs.metadata.name,
        dependsOn: [...runsOn, controllerNs, agentsNs, claim, ...secrets, ...policies, args.monitoringRelease],
      },
      kp,
    );

    const pool = new k8s.apps.v1.Deployment(
      `${name}-agent-pool`,
      withResolvedImages(agentPoolDeployment(j, j.agents.image), args.images) as k8s.apps.v1.DeploymentArgs,
      // Agents register with a running controller; they only fit on Karpenter nodes.
      { ...kp, dependsOn: [...runsOn, agentsNs, secrets[1], this.release] },
    );
    new k8s.policy.v1.PodDisruptionBudget(
      `${name}-agent-pool-pdb`,
      agentPoolPdb(j) as k8s.policy.v1.PodDisruptionBudgetArgs,
      { ...kp, dependsOn: [agentsNs] },
    );
    const scaler = agentScaledObject(j);
    new k8s.apiextensions.CustomResource(
      `${name}-agent-scaler`,
      { apiVersion: scaler.apiVersion, kind: scaler.kind, metadata: scaler.metadata, spec: scaler.spec },
      { ...kp, dependsOn: [keda, pool] },
    );
    const rule = controllerDownRule(j);
    new k8s.apiextensions.CustomResource(
      `${name}-alerts`,
      { apiVersion: rule.apiVersion, kind: rule.kind, metadata: rule.metadata, spec: rule.spec },
      { ...kp, dependsOn: [args.monitoringRelease, controllerNs] },
    );
    this.registerOutputs({});
  }
}
