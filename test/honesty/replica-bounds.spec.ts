import { strict as assert } from "assert";
import { formatIssue } from "../../components/config";
import { configIssues } from "../helpers/stand-in";

/**
 * Replica bounds at the edge: Kubernetes accepts minReplicas == maxReplicas (a fixed size; the
 * HorizontalPodAutoscaler API only requires maxReplicas >= minReplicas, autoscaling/v2
 * HorizontalPodAutoscalerSpec) and rejects min > max. The boundary values (equal, one over)
 * are the ones an off-by-one in the check would get wrong; the defaults (3..10) never reach them.
 */
const base = {
  environment: "prod",
  regions: [
    { name: "us-east-1", vpcCidr: "10.0.0.0/16" },
    { name: "us-west-2", vpcCidr: "10.1.0.0/16" },
  ],
};
const messages = (raw: Record<string, unknown>) => configIssues({ ...base, ...raw }).map(formatIssue);

describe("replica bounds: min == max is a fixed size, min == max + 1 is refused", () => {
  it("autoscaling.hpa: 7..7 loads, 8..7 names the key, the value and the bound", () => {
    assert.deepEqual(messages({ autoscaling: { hpa: { minReplicas: 7, maxReplicas: 7 } } }), []);
    assert.deepEqual(messages({ autoscaling: { hpa: { minReplicas: 8, maxReplicas: 7 } } }), [
      "platform:autoscaling.hpa.minReplicas: got 8; expected at most autoscaling.hpa.maxReplicas (7)",
    ]);
  });

  it("gateway: 4..4 loads, 5..4 names the key, the value and the bound", () => {
    assert.deepEqual(messages({ gateway: { minReplicas: 4, maxReplicas: 4 } }), []);
    assert.deepEqual(messages({ gateway: { minReplicas: 5, maxReplicas: 4 } }), [
      "platform:gateway.minReplicas: got 5; expected at most gateway.maxReplicas (4)",
    ]);
  });

  it("autoscaling.keda: 2..2 loads, 3..2 names the key, the value and the bound", () => {
    assert.deepEqual(messages({ autoscaling: { keda: { minReplicas: 2, maxReplicas: 2 } } }), []);
    assert.deepEqual(messages({ autoscaling: { keda: { minReplicas: 3, maxReplicas: 2 } } }), [
      "platform:autoscaling.keda.minReplicas: got 3; expected at most autoscaling.keda.maxReplicas (2)",
    ]);
  });
});
