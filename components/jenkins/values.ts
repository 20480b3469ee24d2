/**
 * Values of the official Jenkins chart (jenkinsci/helm-charts charts/jenkins 5.9.53, values.yaml
 * read at tag jenkins-5.9.53, 2205541, 2026-08-07; test/jenkins/fixtures holds it). Every key set
 * here is checked against that file (test/jenkins/values.spec.ts).
 */
import type { JenkinsConfig } from "../config/sections/jenkins";
import { PROMETHEUS_RELEASE } from "../k8s-names";
import { PROMETHEUS_PLUGIN } from "./metrics";
import { JENKINS } from "./names";

/**
 * Plugins beside the chart's own (kubernetes, workflow-aggregator, git, configuration-as-code):
 * prometheus (the metrics the agents scale on), swarm (the pool's agents register themselves),
 * matrix-auth (the swarm user gets only the agent permissions). Versions: the newest tag of each
 * plugin's repository in the copy read 2026-12-07 (prometheus-plugin 852.v317db_5d17a_b_0,
 * swarm-plugin 1254.vf26a_5e188f26, matrix-auth-plugin matrix-auth-3.2.8).
 */
export const EXTRA_PLUGINS = [
  `prometheus:${PROMETHEUS_PLUGIN.version}`,
  "swarm:1254.vf26a_5e188f26",
  "matrix-auth:3.2.8",
] as const;

/** What the swarm plugin's docs/security.adoc asks for, with matrix-based security: nothing more. */
export const SWARM_PERMISSIONS = ["Overall/Read", "Agent/Create", "Agent/Connect", "Agent/Configure"] as const;

const restrictedContainer = {
  runAsUser: 1000,
  runAsGroup: 1000,
  runAsNonRoot: true,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

/** JCasC: local users (admin from the chart's secret, the swarm user from ours) and a matrix that limits the latter. */
export function jcasc() {
  // JCasC resolves ${<secret>-<key>} from controller.additionalExistingSecrets mounts.
  const swarmPassword = `\${${JENKINS.swarmSecret}-${JENKINS.swarmSecretKey}}`;
  return {
    defaultConfig: true,
    securityRealm: [
      "local:",
      "  allowsSignup: false",
      "  enableCaptcha: false",
      "  users:",
      '  - id: "${chart-admin-username}"',
      '    name: "Jenkins Admin"',
      '    password: "${chart-admin-password}"',
      `  - id: "${JENKINS.swarmUser}"`,
      '    name: "Swarm agents"',
      `    password: "${swarmPassword}"`,
    ].join("\n"),
    authorizationStrategy: [
      "globalMatrix:",
      "  entries:",
      "  - user:",
      '      name: "${chart-admin-username}"',
      "      permissions:",
      '      - "Overall/Administer"',
      "  - user:",
      `      name: "${JENKINS.swarmUser}"`,
      "      permissions:",
      ...SWARM_PERMISSIONS.map((p) => `      - "${p}"`),
    ].join("\n"),
  };
}

export interface CodeBuildTarget {
  project: string;
  region: string;
}

/** Chart values; `codebuild` becomes global environment variables pipelines read (CODEBUILD_PROJECT, AWS_REGION). */
export function jenkinsValues(j: JenkinsConfig, codebuild: CodeBuildTarget) {
  const c = j.controller;
  const casc = jcasc();
  return {
    controller: {
      resources: { requests: { ...c.requests }, limits: { ...c.limits } },
      containerEnv: [{ name: PROMETHEUS_PLUGIN.periodEnv, value: String(j.metricsPeriodSeconds) }],
      additionalPlugins: [...EXTRA_PLUGINS],
      // Agents connect over WebSocket on 8080: no TCP agent listener, no second port to admit.
      agentListenerEnabled: false,
      serviceType: "ClusterIP",
      podSecurityContextOverride: {
        runAsUser: 1000,
        runAsNonRoot: true,
        fsGroup: 1000,
        seccompProfile: { type: "RuntimeDefault" },
      },
      containerSecurityContext: restrictedContainer,
      sidecars: { configAutoReload: { containerSecurityContext: restrictedContainer } },
      additionalExistingSecrets: [{ name: JENKINS.swarmSecret, keyName: JENKINS.swarmSecretKey }],
      JCasC: {
        defaultConfig: casc.defaultConfig,
        securityRealm: casc.securityRealm,
        authorizationStrategy: casc.authorizationStrategy,
        configScripts: {
          codebuild: [
            "jenkins:",
            "  globalNodeProperties:",
            "  - envVars:",
            "      env:",
            "      - key: CODEBUILD_PROJECT",
            `        value: "${codebuild.project}"`,
            "      - key: AWS_REGION",
            `        value: "${codebuild.region}"`,
          ].join("\n"),
        },
      },
      prometheus: {
        enabled: true,
        // kube-prometheus-stack's Prometheus selects monitors labelled with its release.
        serviceMonitorAdditionalLabels: { release: PROMETHEUS_RELEASE },
        scrapeInterval: `${j.metricsPeriodSeconds}s`,
        scrapeEndpoint: JENKINS.metricsPath,
      },
    },
    agent: {
      namespace: j.agentsNamespace,
      websocket: true,
      restrictedPssSecurityContext: true,
      resources: { requests: { ...j.agents.requests }, limits: { ...j.agents.limits } },
      containerCap: j.agents.maxReplicas,
    },
    persistence: { enabled: true, existingClaim: JENKINS.homeClaim },
    serviceAccount: { create: true, name: JENKINS.serviceAccount },
    // The program owns the namespaces' NetworkPolicies (default deny plus exact allows).
    networkPolicy: { enabled: false },
  };
}
