import { strict as assert } from "assert";
import { join } from "node:path";
import { CHARTS } from "../../components/charts";
import { chaosMeshValues } from "../../components/chaos/values";
import { hasPath, readChartValues, unknownValuePaths } from "../helpers/chart-values";

/**
 * fixtures/chaos-mesh-values-2.8.3.yaml: chaos-mesh/chaos-mesh helm/chaos-mesh/values.yaml at tag
 * v2.8.3 (commit 60ec97f1fd5d5edb2fb5c722c8888e18b618d1a0), unmodified, read 2026-12-07.
 */
const CHART = readChartValues(join(__dirname, "fixtures", "chaos-mesh-values-2.8.3.yaml"));

describe("Chaos Mesh chart values against the pinned values.yaml", () => {
  it("reads the values.yaml of the pinned chart", () => {
    assert.equal(CHARTS.chaosMesh.version, "2.8.3");
    // chaosctl and its control server were dropped before 2.8: the key is gone upstream.
    assert.equal(hasPath(CHART, "enableCtrlServer"), false);
  });

  it("sets only keys the chart declares (a key the chart dropped would be silently inert)", () => {
    for (const controllerReplicas of [1, 3])
      assert.deepEqual(
        unknownValuePaths(chaosMeshValues({ controllerReplicas }), CHART, ["nodeSelector", "tolerations"]),
        [],
      );
  });
});
