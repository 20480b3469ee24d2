import { strict as assert } from "assert";
import * as path from "path";
import { parse } from "yaml";
import { CHARTS } from "../../components/charts";
import { jenkinsSchema } from "../../components/config/sections/jenkins";
import { JENKINS_ADDON } from "../../components/addons/jenkins";
import { efsCsiConfiguration } from "../../components/jenkins/efs";
import { PROMETHEUS_PLUGIN } from "../../components/jenkins/metrics";
import { EXTRA_PLUGINS, jenkinsValues, SWARM_PERMISSIONS } from "../../components/jenkins/values";
import { readChartValues, unknownValuePaths } from "../helpers/chart-values";

/** charts/jenkins/values.yaml at jenkinsci/helm-charts tag jenkins-5.9.53 (2205541), unmodified, read 2026-12-07. */
const CHART = readChartValues(path.join(__dirname, "fixtures", "jenkins-5.9.53.values.yaml"));
const FREE = [
  "resources",
  "podSecurityContextOverride",
  "containerSecurityContext",
  "configScripts",
  "serviceMonitorAdditionalLabels",
];
const d = jenkinsSchema.parse(undefined);
const values = jenkinsValues(d, { project: "platform-dev-use1-jenkins-heavy", region: "us-east-1" });

describe("Jenkins chart values against the pinned chart's values.yaml", () => {
  it("pins chart 5.9.53 from charts.jenkins.io, installed in its own namespace by the program", () => {
    assert.equal(CHARTS.jenkins.version, "5.9.53");
    assert.equal(CHARTS.jenkins.repo, "https://charts.jenkins.io");
    assert.ok(CHARTS.jenkins.release.endsWith("/jenkins-5.9.53"));
    assert.equal(JENKINS_ADDON.release.createNamespace, false);
    assert.deepEqual(JENKINS_ADDON.provides.crds, []);
  });

  it("sets only keys the chart declares", () => {
    assert.deepEqual(unknownValuePaths(values, CHART, FREE), []);
    // The same check catches a key the chart does not have.
    assert.deepEqual(unknownValuePaths({ controller: { replicaCount: 2 } }, CHART, FREE), ["controller.replicaCount"]);
  });

  it("gives the controller seed 002's requests and limits, not the chart's 50m/256Mi", () => {
    const chartDefault = (CHART.controller as { resources: unknown }).resources;
    assert.deepEqual(chartDefault, {
      requests: { cpu: "50m", memory: "256Mi" },
      limits: { cpu: "2000m", memory: "4096Mi" },
    });
    assert.deepEqual(values.controller.resources, {
      requests: { cpu: "1", memory: "2Gi" },
      limits: { cpu: "2", memory: "4Gi" },
    });
  });

  it("keeps the home on the EFS claim, agents in their namespace over WebSocket, no agent listener, nothing exposed", () => {
    assert.deepEqual(values.persistence, { enabled: true, existingClaim: "jenkins-home" });
    assert.equal(values.agent.namespace, "jenkins-agents");
    assert.equal(values.agent.websocket, true);
    assert.equal(values.agent.restrictedPssSecurityContext, true);
    assert.equal(values.controller.agentListenerEnabled, false);
    assert.equal(values.controller.serviceType, "ClusterIP");
    assert.equal(
      (CHART.controller as { ingress: { enabled: boolean } }).ingress.enabled,
      false,
      "no ingress by default",
    );
    assert.equal("ingress" in values.controller, false);
  });

  it("configures security as code: the swarm user gets only the swarm plugin's documented permissions", () => {
    const realm = parse(values.controller.JCasC.securityRealm) as {
      local: { users: { id: string; password: string }[] };
    };
    assert.deepEqual(
      realm.local.users.map((u) => u.id),
      ["${chart-admin-username}", "swarm-agent"],
    );
    assert.equal(realm.local.users[1].password, "${jenkins-swarm-password}");
    const matrix = parse(values.controller.JCasC.authorizationStrategy) as {
      globalMatrix: { entries: { user: { name: string; permissions: string[] } }[] };
    };
    const swarm = matrix.globalMatrix.entries.find((e) => e.user.name === "swarm-agent")!;
    // jenkinsci/swarm-plugin docs/security.adoc: Overall/Read, Agent/Create, Agent/Connect, Agent/Configure.
    assert.deepEqual(swarm.user.permissions, ["Overall/Read", "Agent/Create", "Agent/Connect", "Agent/Configure"]);
    assert.deepEqual([...SWARM_PERMISSIONS], swarm.user.permissions);
    assert.ok(!swarm.user.permissions.includes("Overall/Administer"));
    assert.deepEqual(values.controller.additionalExistingSecrets, [{ name: "jenkins-swarm", keyName: "password" }]);
    const casc = parse(values.controller.JCasC.configScripts.codebuild) as {
      jenkins: { globalNodeProperties: { envVars: { env: { key: string; value: string }[] } }[] };
    };
    assert.deepEqual(casc.jenkins.globalNodeProperties[0].envVars.env, [
      { key: "CODEBUILD_PROJECT", value: "platform-dev-use1-jenkins-heavy" },
      { key: "AWS_REGION", value: "us-east-1" },
    ]);
  });

  it("installs the Prometheus plugin and has the chart's ServiceMonitor select-able by kube-prometheus-stack", () => {
    assert.ok(EXTRA_PLUGINS.includes(`prometheus:852.v317db_5d17a_b_0` as never));
    assert.equal(PROMETHEUS_PLUGIN.version, "852.v317db_5d17a_b_0");
    assert.deepEqual(values.controller.prometheus.serviceMonitorAdditionalLabels, { release: "kube-prometheus-stack" });
    assert.equal(values.controller.prometheus.enabled, true);
    assert.equal(values.controller.prometheus.scrapeEndpoint, (CHART.controller as any).prometheus.scrapeEndpoint);
    assert.deepEqual(values.controller.containerEnv, [{ name: "COLLECTING_METRICS_PERIOD_IN_SECONDS", value: "30" }]);
  });

  it("runs every container of the controller pod under Pod Security restricted", () => {
    for (const sc of [
      values.controller.containerSecurityContext,
      values.controller.sidecars.configAutoReload.containerSecurityContext,
    ]) {
      assert.equal(sc.runAsNonRoot, true);
      assert.equal(sc.allowPrivilegeEscalation, false);
      assert.deepEqual(sc.capabilities, { drop: ["ALL"] });
      assert.deepEqual(sc.seccompProfile, { type: "RuntimeDefault" });
    }
    assert.equal(values.controller.podSecurityContextOverride.runAsNonRoot, true);
  });
});

describe("EFS CSI add-on configuration against the driver chart's values.yaml", () => {
  /** charts/aws-efs-csi-driver/values.yaml at kubernetes-sigs/aws-efs-csi-driver helm-chart-aws-efs-csi-driver-4.4.1 (3fcc6bd). */
  const EFS_CHART = readChartValues(path.join(__dirname, "fixtures", "aws-efs-csi-driver-4.4.1.values.yaml"));

  it("sets only keys the chart declares, the controller on the system nodes", () => {
    const config = efsCsiConfiguration();
    assert.deepEqual(unknownValuePaths(config, EFS_CHART, ["nodeSelector", "tolerations"]), []);
    assert.deepEqual(config.controller.nodeSelector, { "platform.io/node-role": "system" });
    // A key the chart does not have (the EBS driver's node.tolerateAllTaints) is caught.
    assert.deepEqual(unknownValuePaths({ node: { tolerateAllTaints: true } }, EFS_CHART, []), [
      "node.tolerateAllTaints",
    ]);
  });

  it("keeps the chart's own controller tolerations it replaces, and the node's tolerate-everything default", () => {
    const chart = EFS_CHART as { controller: { tolerations: { key: string }[] }; node: { tolerations: unknown } };
    const keys = efsCsiConfiguration().controller.tolerations.map((t) => t.key);
    for (const t of chart.controller.tolerations) assert.ok(keys.includes(t.key), t.key);
    assert.deepEqual(chart.node.tolerations, [{ operator: "Exists" }]);
    assert.equal("node" in efsCsiConfiguration(), false);
  });
});
