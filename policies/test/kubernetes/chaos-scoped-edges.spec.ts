import { strict as assert } from "node:assert";
import { chaosScoped } from "../../kubernetes/chaos-scoped";
import { resourceArgs, runResource } from "../harness";

// Chaos Mesh's pod selector fields (https://chaos-mesh.org/docs/define-chaos-experiment-scope/ and
// api/v1alpha1/selector.go, read 2026-12-07): namespaces, labelSelectors, expressionSelectors,
// annotationSelectors, fieldSelectors, pods (namespace -> pod names). NetworkChaos's target.selector
// and a Schedule's embedded experiment (spec.<lower-camel-case of spec.type>) are the policy's contract.
const CHAOS = "kubernetes:chaos-mesh.org/v1alpha1:";
const SCOPED = { namespaces: ["shop"], labelSelectors: { app: "api" } };
const NO_NAMESPACES =
  "spec.selector.namespaces is empty; an experiment must be scoped to namespaces, never cluster-wide";
const NO_LABELS = "spec.selector selects no pods by label; select the target service's pods, not the whole namespace";

const run = (kind: string, spec: Record<string, unknown>) =>
  runResource(chaosScoped(), resourceArgs(CHAOS + kind, { metadata: { name: "exp", namespace: "chaos" }, spec }));
const problems = (kind: string, spec: Record<string, unknown>) =>
  run(kind, spec).messages.map((m) => m.replace(`${kind} chaos/exp: `, ""));

describe("k8s-chaos-scoped: selectors, durations and schedules", () => {
  it("passes a scoped experiment with a duration", () => {
    assert.deepEqual(problems("PodChaos", { selector: SCOPED, duration: "30s" }), []);
  });

  it("refuses a missing or empty duration", () => {
    const missing = "spec.duration is missing; every experiment must end on its own";
    assert.deepEqual(problems("PodChaos", { selector: SCOPED }), [missing]);
    assert.deepEqual(problems("PodChaos", { selector: SCOPED, duration: "" }), [missing]);
  });

  it("takes named pods as scoped, but not an empty pods map", () => {
    assert.deepEqual(problems("PodChaos", { selector: { pods: { shop: ["api-0"] } }, duration: "1m" }), []);
    assert.deepEqual(problems("PodChaos", { selector: { pods: {} }, duration: "1m" }), [NO_NAMESPACES, NO_LABELS]);
  });

  it("refuses empty namespaces even with labels", () => {
    assert.deepEqual(
      problems("PodChaos", { selector: { namespaces: [], labelSelectors: { app: "api" } }, duration: "1m" }),
      [NO_NAMESPACES],
    );
  });

  it("counts each selector kind as selecting pods, an empty one as not", () => {
    for (const k of ["expressionSelectors", "annotationSelectors", "fieldSelectors"])
      assert.deepEqual(
        problems("PodChaos", { selector: { namespaces: ["shop"], [k]: { x: "y" } }, duration: "1m" }),
        [],
        k,
      );
    assert.deepEqual(problems("PodChaos", { selector: { namespaces: ["shop"], labelSelectors: {} }, duration: "1m" }), [
      NO_LABELS,
    ]);
  });

  it("checks a NetworkChaos target's selector only when a target is given", () => {
    assert.deepEqual(problems("NetworkChaos", { selector: SCOPED, duration: "1m" }), []);
    assert.deepEqual(problems("NetworkChaos", { selector: SCOPED, target: { mode: "all" }, duration: "1m" }), [
      "spec.target.selector.namespaces is empty; an experiment must be scoped to namespaces, never cluster-wide",
      "spec.target.selector selects no pods by label; select the target service's pods, not the whole namespace",
    ]);
  });

  it("does not ask cloud chaos for a pod selector", () => {
    assert.deepEqual(problems("AWSChaos", { action: "ec2-stop", duration: "5m" }), []);
  });

  it("checks a Schedule through its embedded experiment, and Workflows per node", () => {
    assert.deepEqual(problems("Schedule", { type: "PodChaos", podChaos: { selector: SCOPED } }), [
      "spec.podChaos.duration is missing; every experiment must end on its own",
    ]);
    assert.equal(
      run("Schedule", { type: "Workflow", workflow: { entry: "e" } }).notApplicable,
      "scheduled Workflows are checked per node",
    );
  });
});
