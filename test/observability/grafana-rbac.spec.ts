import { strict as assert } from "assert";
import { kubePrometheusStackValues, type PrometheusStackValuesInput } from "../../components/observability/values";

describe("Grafana values: namespaced RBAC (issue 19)", () => {
  it("limits Grafana and its sidecars to the monitoring namespace (no cluster-wide Secret read)", () => {
    const input: PrometheusStackValuesInput = {
      clusterName: "platform-prod-use1",
      region: "us-east-1",
      retention: "360h",
      storageGiB: 50,
      scrapeInterval: "15s",
      alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:platform-prod-use1-alarms",
      routes: [{ severity: "critical", receiver: "sns", repeatInterval: "1h" }],
      grafanaAdminSecret: "grafana-admin",
    };
    const grafana = (kubePrometheusStackValues(input) as any).grafana;
    assert.deepEqual(grafana.rbac, { namespaced: true });
    assert.deepEqual(grafana.sidecar, {
      dashboards: { searchNamespace: "monitoring" },
      datasources: { searchNamespace: "monitoring" },
    });
  });
});
