import { strict as assert } from "assert";
import { join } from "node:path";
import { CHARTS } from "../../components/charts";
import { kedaValues } from "../../components/addons/keda";
import { karpenterValues } from "../../components/cluster/karpenter/manifests";
import { lbControllerValues } from "../../components/cluster/lb-controller";
import { readChartValues, unknownValuePaths } from "../helpers/chart-values";

/**
 * Each chart's values.yaml at the pinned version, unmodified, read 2026-12-07 (fixtures/):
 * - keda-values-2.20.2.yaml: kedacore/charts keda/values.yaml at v2.20.2 (68a5b50);
 * - karpenter-values-1.14.1.yaml: aws/karpenter-provider-aws charts/karpenter/values.yaml at v1.14.1 (bde0065);
 * - aws-load-balancer-controller-values-3.5.0.yaml: aws/eks-charts stable/aws-load-balancer-controller/values.yaml
 *   at 5239609 (chart 3.5.0).
 * Maps a chart passes through whole count as one key.
 */
const FREE_FORM = ["nodeSelector", "tolerations", "resources", "requests", "limits"];
const fixture = (f: string) => readChartValues(join(__dirname, "fixtures", f));

describe("add-on values set only keys the pinned chart declares", () => {
  it("KEDA", () => {
    assert.equal(CHARTS.keda.version, "2.20.2");
    const chart = fixture("keda-values-2.20.2.yaml");
    for (const operatorReplicas of [1, 2])
      assert.deepEqual(unknownValuePaths(kedaValues({ operatorReplicas }), chart, FREE_FORM), []);
  });

  it("Karpenter", () => {
    assert.equal(CHARTS.karpenter.version, "1.14.1");
    const chart = fixture("karpenter-values-1.14.1.yaml");
    const values = karpenterValues({ clusterName: "c", interruptionQueueName: "q", replicas: 3 });
    assert.deepEqual(unknownValuePaths(values, chart, FREE_FORM), []);
  });

  it("AWS Load Balancer Controller", () => {
    assert.equal(CHARTS.lbController.version, "3.5.0");
    const chart = fixture("aws-load-balancer-controller-values-3.5.0.yaml");
    const values = lbControllerValues({ clusterName: "c", region: "us-west-2", vpcId: "vpc-1" });
    // templates/pdb.yaml renders podDisruptionBudget whole into the PDB spec (its default is {}).
    assert.deepEqual(unknownValuePaths(values, chart, [...FREE_FORM, "podDisruptionBudget"]), []);
  });

  it("finds a key the chart does not declare (deny side)", () => {
    const chart = fixture("keda-values-2.20.2.yaml");
    assert.deepEqual(unknownValuePaths({ operator: { replicaCount: 1, noSuchKey: true } }, chart, FREE_FORM), [
      "operator.noSuchKey",
    ]);
  });
});
