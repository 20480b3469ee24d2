import { strict as assert } from "assert";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { GATEWAY_API } from "../../components/mesh/versions";
import { ROOT } from "../helpers/plan";

// The Gateway API CRDs are applied from a vendored copy of the release's standard-install.yaml
// (components/mesh/vendor/gateway-api-v1.5.1/README.md), never fetched at deploy time.
const text = () => fs.readFileSync(path.join(ROOT, GATEWAY_API.file));
const docs = () =>
  YAML.parseAllDocuments(text().toString("utf8"))
    .map((d) => d.toJS() as { kind?: string; metadata?: { name?: string; annotations?: Record<string, string> } })
    .filter((d) => d && d.kind);

// kubernetes-sigs/gateway-api config/crd/standard/ at tag v1.5.1 (e7677b70, read 2026-12-07):
// one CRD per gateway.networking.k8s.io_<plural>.yaml, plus the safe-upgrades admission policy.
const STANDARD_CRDS = [
  "backendtlspolicies.gateway.networking.k8s.io",
  "gatewayclasses.gateway.networking.k8s.io",
  "gateways.gateway.networking.k8s.io",
  "grpcroutes.gateway.networking.k8s.io",
  "httproutes.gateway.networking.k8s.io",
  "listenersets.gateway.networking.k8s.io",
  "referencegrants.gateway.networking.k8s.io",
  "tlsroutes.gateway.networking.k8s.io",
];

describe("supply chain: the vendored Gateway API manifest", () => {
  it("is applied from the repository at the pinned version, with the recorded SHA-256", () => {
    assert.equal(GATEWAY_API.version, "v1.5.1");
    assert.equal(GATEWAY_API.file, "components/mesh/vendor/gateway-api-v1.5.1/standard-install.yaml");
    // Recorded when the file was assembled from the tag (its README says how).
    assert.equal(GATEWAY_API.sha256, "751002b3b91a87f7ae3bd2517c79a47a8d7ed6702901808a1cf9bd97d284f9b8");
    assert.equal(createHash("sha256").update(text()).digest("hex"), GATEWAY_API.sha256);
  });

  it("holds exactly the standard-channel CRDs, each annotated with the pinned bundle version", () => {
    const crds = docs().filter((d) => d.kind === "CustomResourceDefinition");
    assert.deepEqual(crds.map((d) => d.metadata?.name).sort(), STANDARD_CRDS);
    for (const d of crds) {
      assert.equal(d.metadata?.annotations?.["gateway.networking.k8s.io/bundle-version"], "v1.5.1", d.metadata?.name);
      assert.equal(d.metadata?.annotations?.["gateway.networking.k8s.io/channel"], "standard", d.metadata?.name);
    }
    assert.deepEqual(
      docs()
        .filter((d) => d.kind !== "CustomResourceDefinition")
        .map((d) => `${d.kind}/${d.metadata?.name}`),
      [
        "ValidatingAdmissionPolicy/safe-upgrades.gateway.networking.k8s.io",
        "ValidatingAdmissionPolicyBinding/safe-upgrades.gateway.networking.k8s.io",
      ],
    );
  });

  it("keeps the upstream licence header and ships the licence and attribution beside it", () => {
    const head = text().toString("utf8").split("\n").slice(0, 3).join("\n");
    assert.match(head, /^# Copyright The Kubernetes Authors\.\n#\n# Licensed under the Apache License, Version 2\.0/);
    const dir = path.dirname(path.join(ROOT, GATEWAY_API.file));
    assert.match(fs.readFileSync(path.join(dir, "LICENSE"), "utf8"), /Apache License\s+Version 2\.0, January 2004/);
    assert.match(fs.readFileSync(path.join(dir, "README.md"), "utf8"), /kubernetes-sigs\/gateway-api, tag `v1\.5\.1`/);
  });
});
