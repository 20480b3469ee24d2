import { strict as assert } from "assert";
import { CHAOS_INJECT_ANNOTATION, chaosMeshValues } from "../../components/chaos/values";

describe("Chaos Mesh values: hardening", () => {
  const v = chaosMeshValues({ controllerReplicas: 1 }) as Record<string, any>;
  it("serves the dashboard on ClusterIP only, with the caller's own RBAC token", () => {
    assert.deepEqual(v.dashboard.service, { type: "ClusterIP" });
    assert.equal(v.dashboard.securityMode, true);
  });
  it("turns off pprof profiling", () => {
    assert.equal(v.enableProfiling, false);
  });
  it("filters namespaces: only those annotated chaos-mesh.org/inject=enabled can be targeted", () => {
    assert.equal(v.controllerManager.enableFilterNamespace, true);
    assert.deepEqual(CHAOS_INJECT_ANNOTATION, { "chaos-mesh.org/inject": "enabled" });
  });
});
