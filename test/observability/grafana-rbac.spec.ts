import { strict as assert } from "assert";
import { CHARTS } from "../../components/charts";
import {
  GRAFANA_SIDECAR_ROLE,
  grafanaSidecarRoleManifest,
  kubePrometheusStackValues,
  type PrometheusStackValuesInput,
} from "../../components/observability/values";
import { ofType, planFor } from "../helpers/plan";

const INPUT: PrometheusStackValuesInput = {
  clusterName: "platform-prod-use1",
  region: "us-east-1",
  retention: "360h",
  storageGiB: 50,
  scrapeInterval: "15s",
  alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:platform-prod-use1-alarms",
  routes: [{ severity: "critical", receiver: "sns", repeatInterval: "1h" }],
  grafanaAdminSecret: "grafana-admin",
};

/**
 * What the keys do, read at the pinned versions (2026-12-02): kube-prometheus-stack 79.9.0's
 * Chart.yaml depends on grafana 10.2.0 and its values.yaml sets grafana.sidecar.dashboards
 * .searchNamespace: ALL. grafana-10.2.0 charts/grafana: templates/clusterrole.yaml renders only
 * when `not rbac.namespaced` (or extraClusterRoleRules); templates/role.yaml grants configmaps and
 * secrets get/watch/list in the release namespace when namespaced; _pod.tpl renders
 * searchNamespace as `NAMESPACE: {{ . | join "," }}` and resource as `RESOURCE` (values.yaml:
 * configmap, secret or both; default both); with rbac.useExistingRole role.yaml renders nothing and
 * rolebinding.yaml binds the ServiceAccount to that Role.
 */
describe("Grafana values: namespaced RBAC", () => {
  it("limits Grafana and its sidecars to ConfigMaps in the monitoring namespace", () => {
    const grafana = (kubePrometheusStackValues(INPUT) as any).grafana;
    assert.deepEqual(
      grafana.rbac,
      { namespaced: true, useExistingRole: "grafana-sidecar-configmaps" },
      "no ClusterRole (no cluster-wide Secret read), and not the chart's Role (Secrets in monitoring)",
    );
    assert.equal(grafana.rbac.extraClusterRoleRules, undefined, "extra cluster rules would bring the ClusterRole back");
    assert.deepEqual(grafana.sidecar, {
      dashboards: { searchNamespace: ["monitoring"], resource: "configmap" },
      datasources: { searchNamespace: ["monitoring"], resource: "configmap" },
    });
  });

  it("the sidecars' own Role reads ConfigMaps in monitoring and nothing else", () =>
    assert.deepEqual(grafanaSidecarRoleManifest(), {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: GRAFANA_SIDECAR_ROLE, namespace: "monitoring" },
      rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }],
    }));

  it("the pinned chart is the one these keys were checked against", () =>
    assert.equal(CHARTS.kubePrometheusStack.version, "79.9.0"));

  it("every region's release runs in the namespace its sidecars search, after their Role, never ALL", async () => {
    const { plan } = await planFor("prod");
    const releases = ofType(plan, "kubernetes:helm.sh/v3:Release").filter(
      (r) => r.inputs.chart === "kube-prometheus-stack",
    );
    assert.equal(releases.length, 3);
    for (const r of releases) {
      const sidecar = (r.inputs.values as any).grafana.sidecar;
      assert.deepEqual(
        [sidecar.dashboards.searchNamespace, sidecar.datasources.searchNamespace],
        [[r.inputs.namespace], [r.inputs.namespace]],
      );
      const role = plan.resources.find(
        (x) => x.type === "kubernetes:rbac.authorization.k8s.io/v1:Role" && r.dependencies.includes(x.urn),
      );
      assert.ok(role, `${r.name} must wait for the sidecars' Role`);
      assert.deepEqual((role.inputs as any).metadata, { name: GRAFANA_SIDECAR_ROLE, namespace: r.inputs.namespace });
    }
  });
});
