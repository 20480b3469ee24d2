import { strict as assert } from "node:assert";
import { namespacePodSecurity } from "../../kubernetes/namespace-pod-security";
import { resourceArgs, runResource } from "../harness";

describe("k8s-namespace-pod-security", () => {
  let policy: ReturnType<typeof namespacePodSecurity>;
  beforeEach(() => {
    policy = namespacePodSecurity();
  });
  const ns = (labels?: Record<string, string>) =>
    runResource(
      policy,
      resourceArgs("kubernetes:core/v1:Namespace", { metadata: { name: "keda", labels } }, { name: "ns" }),
    ).messages;
  const release = (createNamespace: boolean) =>
    runResource(
      policy,
      resourceArgs("kubernetes:helm.sh/v3:Release", { namespace: "keda", createNamespace }, { name: "use1-keda" }),
    ).messages;
  it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));

  it("passes labelled namespaces and releases installing into an existing namespace", () => {
    assert.deepEqual(ns({ "pod-security.kubernetes.io/enforce": "baseline" }), []);
    assert.deepEqual(release(false), []);
  });

  it("reports an unlabelled or mislabelled namespace and a release that creates its namespace", () => {
    assert.deepEqual(ns(), [
      'Namespace "keda" has pod-security.kubernetes.io/enforce unset; expected one of privileged, baseline, restricted',
    ]);
    assert.deepEqual(ns({ "pod-security.kubernetes.io/enforce": "strict" }), [
      'Namespace "keda" has pod-security.kubernetes.io/enforce "strict"; expected one of privileged, baseline, restricted',
    ]);
    assert.deepEqual(release(true), [
      'Helm release "use1-keda" creates namespace "keda" (createNamespace), which Helm cannot label with a Pod ' +
        "Security level: create the Namespace in the program and set createNamespace false",
    ]);
  });
});
