import { strict as assert } from "assert";
import { join } from "node:path";
import { CHARTS } from "../../components/charts";
import { k6OperatorValues } from "../../components/addons/k6-operator";
import { readChartValues, unknownValuePaths } from "../helpers/chart-values";

/**
 * fixtures/k6-operator-values-4.6.0.yaml: grafana/k6-operator charts/k6-operator/values.yaml at tag
 * helm-k6-operator-4.6.0 (commit cf0ae21f4e26b0dd0f99d763ae72e063b4384f2a), unmodified, read 2026-12-07.
 */
const CHART = readChartValues(join(__dirname, "fixtures", "k6-operator-values-4.6.0.yaml"));

describe("k6-operator chart values", () => {
  it("reads the values.yaml of the pinned chart", () => {
    assert.equal(CHARTS.k6Operator.version, "4.6.0");
    // The chart renders its own Namespace unless told not to (templates/namespace.yaml).
    assert.deepEqual(CHART.namespace, { create: true });
  });

  it("sets only keys the chart declares", () => {
    assert.deepEqual(unknownValuePaths(k6OperatorValues(), CHART), []);
  });

  it("leaves the namespace to the program: the chart's Namespace is off, its CRDs on", () => {
    const v = k6OperatorValues() as { namespace: { create: boolean }; installCRDs: boolean };
    assert.equal(v.namespace.create, false);
    assert.equal(v.installCRDs, true);
  });
});
