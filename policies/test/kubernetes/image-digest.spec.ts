import { strict as assert } from "node:assert";
import { imageDigest } from "../../kubernetes/image-digest";
import { policyConfigFor } from "../../lib/config";
import { resourceArgs, runResource } from "../harness";

const DIGEST = `sha256:${"a".repeat(64)}`;

function deployment(images: unknown[], o: { parents?: string[] } = {}) {
  const containers = images.map((image, i) => ({ name: `c${i}`, image }));
  return resourceArgs(
    "kubernetes:apps/v1:Deployment",
    { metadata: { name: "frontend" }, spec: { template: { spec: { containers } } } },
    { name: "use1-frontend", parents: o.parents },
  );
}

const hint =
  "give it as repo@sha256:<digest>, or as an Amazon ECR image (or set platform:security.images.mirror to the ECR registry holding a copy) so the program resolves the digest at deploy time";

describe("k8s-image-digest", () => {
  let policy: ReturnType<typeof imageDigest>;
  beforeEach(() => {
    policy = imageDigest();
  });

  it("is advisory by default and mandatory in prod and staging (policy pack config)", () => {
    assert.equal(policy.enforcementLevel, "advisory");
    for (const env of ["prod", "staging"])
      assert.deepEqual(policyConfigFor(env)["k8s-image-digest"], { enforcementLevel: "mandatory" }, env);
    assert.equal(policyConfigFor("dev")["k8s-image-digest"], undefined);
  });

  it("passes images pinned by a full sha256 digest, with or without a tag", () =>
    assert.deepEqual(
      runResource(policy, deployment([`r.example/app@${DIGEST}`, `r.example/app:1.0@${DIGEST}`])).messages,
      [],
    ));

  it("reports a tag, a short digest and a missing image, one message per container", () =>
    assert.deepEqual(runResource(policy, deployment(["nginx:1.28.0", "app@sha256:abc", undefined])).messages, [
      `container "c0" image "nginx:1.28.0" is not pinned by digest (@sha256:<64 hex>): ${hint}`,
      `container "c1" image "app@sha256:abc" is not pinned by digest (@sha256:<64 hex>): ${hint}`,
      `container "c2" image undefined is not pinned by digest (@sha256:<64 hex>): ${hint}`,
    ]));

  it("leaves images rendered by a Helm chart out of scope (not applicable)", () => {
    const out = runResource(policy, deployment(["nginx:1.28.0"], { parents: ["kubernetes:helm.sh/v3:Release"] }));
    assert.deepEqual(out, { messages: [], notApplicable: "rendered from an upstream Helm chart" });
  });
});
