import { strict as assert } from "assert";
import { kedaValues } from "../../components/addons/keda";

describe("KEDA chart values", () => {
  it("restricts the operator's and metrics server's Secret access to their namespace (Pod Identity needs none)", () => {
    const v = kedaValues({ operatorReplicas: 2 });
    assert.deepEqual(v.permissions, {
      operator: { restrict: { secret: true } },
      metricServer: { restrict: { secret: true } },
    });
    assert.deepEqual(v.podIdentity, { aws: { irsa: { enabled: false } } });
  });
});
